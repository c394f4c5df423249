// What the app says when a contract call cannot reach the local service: an address whose token
// this run does not accept (an old address, a mistyped one, or none) says to open the address the
// app printed at start; anything else says the service cannot be reached, with the reason.
import type { TFunction } from 'i18next';

const TOKEN_CODES: readonly string[] = ['token_refused', 'no_token'];

export function connectionErrorText(t: TFunction, error: { message: string; code: string | null }): string {
  if (error.code !== null && TOKEN_CODES.includes(error.code)) return t(error.code === 'no_token' ? 'app.tokenMissing' : 'app.tokenRefused');
  return t('app.connectionFailed', { message: error.message });
}
