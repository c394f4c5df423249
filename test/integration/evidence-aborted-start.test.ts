// A host killed inside evidence.start (folder made, manifest not yet written) leaves a folder that
// holds no evidence: the next start sets it aside; a package that lost its manifest but has
// media is left in place for verify to report.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverAll } from '../../electron/services/evidence/recovery.ts';

describe('recovery of a start that never finished', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'livedrill-aborted-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('sets aside a folder without manifest and without media, keeping it for inspection', async () => {
    const name = '20261128-101500-abcdef';
    mkdirSync(join(root, name, 'media'), { recursive: true });
    writeFileSync(join(root, name, 'events.jsonl'), '');
    expect(await recoverAll(root)).toEqual([]);
    expect(existsSync(join(root, name))).toBe(false);
    expect(existsSync(join(root, `.aborted-${name}`, 'events.jsonl'))).toBe(true);
  });

  it('leaves a package that lost its manifest but holds media where it is', async () => {
    const name = '20261128-101501-abcdef';
    mkdirSync(join(root, name, 'media'), { recursive: true });
    writeFileSync(join(root, name, 'media', 'camera.webm'), Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
    await recoverAll(root);
    expect(existsSync(join(root, name, 'media', 'camera.webm'))).toBe(true);
  });
});
