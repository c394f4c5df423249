import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore, obsPasswordKey } from '../../electron/services/obs/secret-store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'livedrill-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file secret store (web mode)', () => {
  it('stores, reads and deletes, in a file only its owner can read', async () => {
    const store = createFileSecretStore(join(dir, 'secrets'));
    const key = obsPasswordKey('ws://127.0.0.1:4455/');
    expect(key).toBe('obs-password:ws://127.0.0.1:4455');
    expect(await store.get(key)).toBeNull();
    await store.set(key, 'pässwörd 密码');
    expect(await store.get(key)).toBe('pässwörd 密码');
    const file = join(dir, 'secrets', 'secrets.json');
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    }
    expect(await store.delete(key)).toBe(true);
    expect(await store.delete(key)).toBe(false);
    expect(readFileSync(file, 'utf8')).not.toContain('pässwörd');
  });

  it('narrows widened permissions before reading, and serialises concurrent writes', async () => {
    const store = createFileSecretStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
    if (process.platform !== 'win32') {
      chmodSync(join(dir, 'secrets.json'), 0o644);
      await store.get('k1');
      expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    }
  });

  it('with a cipher (safeStorage in the desktop app) stores values sealed', async () => {
    // A stand-in for the OS: reversible, and visibly not the plain text.
    const cipher = {
      encrypt: (plain: string) => Promise.resolve(Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a))),
      decrypt: (sealed: Buffer) => Promise.resolve(Buffer.from(sealed.map((b) => b ^ 0x5a)).toString('utf8')),
    };
    const store = createFileSecretStore(dir, cipher);
    expect(store.kind).toBe('safeStorage');
    await store.set('obs-password:ws://127.0.0.1:4455', 'testpass123');
    expect(await store.get('obs-password:ws://127.0.0.1:4455')).toBe('testpass123');
    const text = readFileSync(join(dir, 'secrets.enc.json'), 'utf8');
    expect(text).not.toContain('testpass123');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'secrets.enc.json')).mode & 0o777).toBe(0o600);
  });
});
