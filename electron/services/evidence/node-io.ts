// Node's side of hashing and durable writes: SHA-256 with node:crypto, files hashed by
// streaming through one reused buffer, writes that loop over short writes, and the atomic
// replace (temp file + fsync + rename + fsync of the folder) the manifest uses.
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Hasher } from '../../../scenarios/evidence/hasher.ts';

export const nodeHasher: Hasher = {
  sha256: (data) => Promise.resolve(sha256Hex(data)),
};

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const READ_BUFFER = 1 << 20;

/** Reads a file front to back in 1 MiB pieces; `visit` must not keep the buffer. */
export async function streamFile(path: string, visit: (bytes: Uint8Array, position: number) => void | Promise<void>): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_BUFFER);
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return position;
      const pending = visit(buffer.subarray(0, bytesRead), position);
      if (pending) await pending;
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const size = await streamFile(path, (bytes) => {
    hash.update(bytes);
  });
  return { sha256: hash.digest('hex'), size };
}

/** write(2) may write less than asked (a full disk does that first); loop until all is written. */
export async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number | null): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position === null ? null : position + done);
    if (bytesWritten === 0) throw Object.assign(new Error('write returned 0 bytes'), { code: 'EIO' });
    done += bytesWritten;
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replace `path` so that a crash leaves either the old or the new file, never half of one. */
export async function atomicWrite(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await writeAll(handle, Buffer.from(text, 'utf8'), 0);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDir(dirname(path));
}

/** Errors that mean the disk cannot take more: the recording stops cleanly. */
export function isDiskError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EIO' || code === 'EDQUOT' || code === 'EROFS' || code === 'EFBIG';
}
