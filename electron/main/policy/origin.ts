// Our one origin. The renderer is served from app://livedrill/ (a privileged standard scheme),
// never from file:// or a remote host. Pure: no 'electron' import, tested without Electron.

export const APP_SCHEME = 'app';
export const APP_HOST = 'livedrill';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Privileges of the app:// scheme, for protocol.registerSchemesAsPrivileged (before 'ready'). */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  codeCache: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  allowExtensions: false,
} as const;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for app://livedrill and any URL on it. Anything else (file:, http:, another app:// host,
 * credentials or a port smuggled into the authority, 'null', '') is false.
 */
export function isOwnOrigin(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url === '') return false;
  const parsed = parse(url);
  if (parsed === null) return false;
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
