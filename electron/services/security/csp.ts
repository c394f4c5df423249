// The Content-Security-Policy of every page we serve (app:// in Electron, http://127.0.0.1 in
// web mode). No inline script, no eval, no remote origins: only our own files, media streams
// from the devices, and the contract's own WebSocket.
export interface CspOptions {
  /** Extra sources for connect-src, e.g. the web host's ws://127.0.0.1:PORT. */
  connect?: readonly string[];
}

export function buildCsp(options: CspOptions = {}): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.connect ?? [])],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
