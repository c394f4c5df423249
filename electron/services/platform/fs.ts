// The one platform file-system module of the services: reads in fixed pieces, writes that loop
// over short writes, fsync of a folder, and the one atomic replace every service uses (temp file
// with a unique name beside the target, fsync of the file, rename, fsync of the folder), so a
// crash leaves either the old file or the new one, never half of one, and the rename survives.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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

export interface AtomicOptions {
  /** File mode of the new file (0o600 for secrets); 0o644 by default. */
  mode?: number;
  /** Create the folder (recursively) first, with this mode. */
  mkdirMode?: number;
}

/** A unique temp name beside `path`: a dotfile, so package listings and exports pass it over. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Replaces `path` with what `fill` writes (through `put`, which loops over short writes), atomically
 * and durably. On any error the temp file is removed and the old file stays as it was.
 */
export async function atomicWriteWith(path: string, fill: (put: (bytes: Uint8Array) => Promise<void>) => Promise<void>, options: AtomicOptions = {}): Promise<void> {
  const dir = dirname(path);
  if (options.mkdirMode !== undefined) await mkdir(dir, { recursive: true, mode: options.mkdirMode });
  const temp = tempPathFor(path);
  const mode = options.mode ?? 0o644;
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.chmod(mode);
    await fill((bytes) => writeAll(handle, bytes, null));
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
  await fsyncDir(dir);
}

/** Replaces `path` with `data` atomically and durably; returns the bytes written. */
export async function atomicWrite(path: string, data: string | Uint8Array, options: AtomicOptions = {}): Promise<number> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  await atomicWriteWith(path, (put) => put(bytes), options);
  return bytes.length;
}

/** Errors that mean the disk cannot take more: the recording stops cleanly. */
export function isDiskError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EIO' || code === 'EDQUOT' || code === 'EROFS' || code === 'EFBIG';
}
