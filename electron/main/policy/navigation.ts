// Navigation policy: the window stays on app://livedrill. A navigation or redirect is allowed
// only from our origin to our origin (client-side routes); anything else is denied, and new
// windows are always denied (setWindowOpenHandler).
import { deny, ALLOW, type Decision } from './decision.ts';
import { isOwnOrigin } from './origin.ts';

export function navigationDecision(from: string | null | undefined, to: string | null | undefined): Decision {
  if (!isOwnOrigin(to)) return deny(`navigation to "${String(to)}" leaves the app`);
  if (!isOwnOrigin(from)) return deny(`navigation from "${String(from)}" is not from the app`);
  return ALLOW;
}

/** window.open, target=_blank, …: never a new window. */
export function windowOpenDecision(url: string): Decision {
  return deny(`new windows are not allowed (${url})`);
}
