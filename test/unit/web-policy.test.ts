import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, tokenMatches } from '../../electron/web/policy.ts';

describe('web host policy', () => {
  it('allows only our own loopback origin and port', () => {
    expect(isAllowedOrigin('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5001', 5000)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:5000', 5000)).toBe(false);
    expect(isAllowedOrigin('http://evil.example', 5000)).toBe(false);
    expect(isAllowedOrigin('null', 5000)).toBe(false);
    expect(isAllowedOrigin(undefined, 5000)).toBe(false);
  });
  it('refuses foreign Host headers (DNS rebinding)', () => {
    expect(isAllowedHost('127.0.0.1:80', 80)).toBe(true);
    expect(isAllowedHost('rebind.example:80', 80)).toBe(false);
    expect(isAllowedHost(undefined, 80)).toBe(false);
  });
  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
  });
});
