// The shared security pieces of electron/services/security: the CSP of every page we serve and
// the path-traversal guard used by app:// and by the web host.
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, isAbsolute, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../electron/services/security/csp.ts';
import { contentTypeFor, resolveStaticPath } from '../../electron/services/security/static-path.ts';

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') map.set(name, values);
  }
  return map;
}

describe('buildCsp', () => {
  const csp = buildCsp();
  const parsed = directives(csp);

  it('allows no inline script, no eval, no wildcard', () => {
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'unsafe-hashes'");
    expect(csp).not.toContain("'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/(^|\s)\*(\s|;|$)/);
    expect(csp).not.toMatch(/\bhttps?:(\s|;|$)/);
  });

  it('has script-src self only, object-src none and no framing', () => {
    expect(parsed.get('default-src')).toEqual(["'self'"]);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('base-uri')).toEqual(["'none'"]);
    expect(parsed.get('frame-src')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parsed.get('form-action')).toEqual(["'none'"]);
  });

  it('lets camera and microphone streams play', () => {
    expect(parsed.get('media-src')).toEqual(expect.arrayContaining(["'self'", 'blob:', 'mediastream:']));
  });

  it('adds extra connect sources only where asked (the web host WebSocket)', () => {
    expect(parsed.get('connect-src')).toEqual(["'self'"]);
    const web = directives(buildCsp({ connect: ['ws://127.0.0.1:5000'] }));
    expect(web.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5000']);
    expect(web.get('script-src')).toEqual(["'self'"]);
  });
});

describe('resolveStaticPath', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'livedrill-static-')));
  const inside = (file: string) => {
    const rel = relative(root, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
  };

  it('maps / and plain paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveStaticPath(root, '')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveStaticPath(root, '/assets/app.js')).toEqual({ ok: true, file: join(root, 'assets', 'app.js') });
    expect(resolveStaticPath(root, '/assets/app.js?v=1#x')).toEqual({ ok: true, file: join(root, 'assets', 'app.js') });
    expect(resolveStaticPath(root, '/%E4%B8%AD%E6%96%87.png')).toEqual({ ok: true, file: join(root, '中文.png') });
  });

  it.each([
    ['/../secret', 'parent segment'],
    ['/assets/../../secret', 'parent segment'],
    ['/..', 'parent segment'],
    ['/%2e%2e/secret', 'parent segment'],
    ['/%2E%2E/%2e%2e/etc/passwd', 'parent segment'],
    ['/..%2fsecret', 'parent segment'],
    ['/..%2Fsecret', 'parent segment'],
    ['/assets%2f..%2f..%2fsecret', 'parent segment'],
    ['/..\\secret', 'backslash'],
    ['/..%5csecret', 'backslash'],
    ['/assets%5C..%5C..%5Csecret', 'backslash'],
    ['/index.html%00.png', 'NUL'],
    ['/%00', 'NUL'],
    ['/%E0%A4%A', 'malformed'],
    ['/%', 'malformed'],
  ])('refuses %s (%s)', (path, why) => {
    const result = resolveStaticPath(root, path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.toLowerCase()).toContain(why.toLowerCase());
  });

  it.each(['//etc/passwd', '/%2fetc%2fpasswd', '///%2F%2Fetc/passwd', '/C:/Windows/win.ini', '/./././index.html'])(
    'keeps "absolute-looking" %s inside the root',
    (path) => {
      const result = resolveStaticPath(root, path);
      if (result.ok) expect(inside(result.file)).toBe(true);
    },
  );

  it('never resolves outside the root, whatever the input', () => {
    const pieces = ['..', '.', '%2e%2e', '%2E.', '.%2e', '%2f', '%5c', '\\', '/', 'a', '%00', '%252e%252e', 'C:', '~'];
    for (const a of pieces) {
      for (const b of pieces) {
        for (const c of pieces) {
          const result = resolveStaticPath(root, `/${a}/${b}${c}/x`);
          if (result.ok) expect(inside(result.file), `/${a}/${b}${c}/x → ${result.file}`).toBe(true);
        }
      }
    }
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer build and media types, nothing else guessed', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.webm')).toBe('video/webm');
    expect(contentTypeFor('/x/noext')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/a.exe')).toBe('application/octet-stream');
  });
});
