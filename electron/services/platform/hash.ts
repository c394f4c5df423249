// Node's side of hashing: SHA-256 with node:crypto, files hashed by streaming through one
// reused buffer (platform/fs.ts).
import { createHash } from 'node:crypto';
import type { Hasher } from '../../../scenarios/evidence/hasher.ts';
import { streamFile } from './fs.ts';

export const nodeHasher: Hasher = {
  sha256: (data) => Promise.resolve(sha256Hex(data)),
};

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const size = await streamFile(path, (bytes) => {
    hash.update(bytes);
  });
  return { sha256: hash.digest('hex'), size };
}
