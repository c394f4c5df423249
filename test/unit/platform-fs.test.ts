// The one atomic write, on the real disk: replaces whole, keeps the old file on failure, leaves no
// temp file behind, unique temp names under concurrent writers, the mode asked for.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite, atomicWriteWith } from '../../electron/services/platform/fs.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'livedrill-fs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('platform atomic write', () => {
  it('writes, replaces and returns the byte count; no temp file stays', async () => {
    const file = join(dir, 'a.json');
    expect(await atomicWrite(file, '一')).toBe(3);
    expect(await atomicWrite(file, 'two')).toBe(3);
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('keeps the old file and removes the temp file when the writer fails', async () => {
    const file = join(dir, 'b.txt');
    await atomicWrite(file, 'old');
    await expect(
      atomicWriteWith(file, async (put) => {
        await put(Buffer.from('half'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['b.txt']);
  });

  it('concurrent writers each use their own temp file; the result is one of them, whole', async () => {
    const file = join(dir, 'c.txt');
    const texts = Array.from({ length: 20 }, (_, i) => String(i).repeat(10_000));
    await Promise.all(texts.map((t) => atomicWrite(file, t)));
    expect(texts).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['c.txt']);
  });

  it('creates the folder when asked and gives the file the mode asked for', async () => {
    const file = join(dir, 'deep', 'er', 'secret.json');
    await expect(atomicWrite(join(dir, 'missing', 'x'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    await atomicWrite(file, '{}', { mode: 0o600, mkdirMode: 0o700 });
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'deep', 'er'))).mode & 0o777).toBe(0o700);
    }
  });
});
