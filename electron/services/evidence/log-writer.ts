// The append side of events.jsonl: seals each record onto the chain and writes its line through
// one append-mode file descriptor, in order (a promise queue), so a record is on disk (in the
// page cache, and fdatasync'ed within a second by the session's flush timer) before the caller
// hears back. A crash can only cut the last line, which recovery drops.
import { open, type FileHandle } from 'node:fs/promises';
import type { Json } from '../../../scenarios/evidence/canonical.ts';
import { ZERO_HASH } from '../../../scenarios/evidence/hasher.ts';
import { Chain, recordLine, type EvidenceRecord } from '../../../scenarios/evidence/record.ts';
import { writeAll } from '../platform/fs.ts';
import { nodeHasher } from '../platform/hash.ts';

export class LogWriter {
  readonly path: string;
  #handle: FileHandle;
  #chain: Chain;
  #dirty = false;
  #last: EvidenceRecord | null = null;

  private constructor(path: string, handle: FileHandle, chain: Chain) {
    this.path = path;
    this.#handle = handle;
    this.#chain = chain;
  }

  /** A new log (fails if the file exists) or one continued after `next` (recovery). */
  static async open(path: string, next: { seq: number; head: string } | null = null): Promise<LogWriter> {
    const handle = await open(path, next ? 'a' : 'ax');
    return new LogWriter(path, handle, new Chain(nodeHasher, next ?? { seq: 0, head: ZERO_HASH }));
  }

  get records(): number {
    return this.#chain.seq;
  }
  get head(): string | null {
    return this.#chain.seq === 0 ? null : this.#chain.head;
  }
  get last(): EvidenceRecord | null {
    return this.#last;
  }

  /** Not re-entrant: the session serialises calls. */
  async append(entry: { t: number; wall: number; type: string; data: Json }): Promise<EvidenceRecord> {
    const record = await this.#chain.append(entry);
    await writeAll(this.#handle, Buffer.from(recordLine(record), 'utf8'), null);
    this.#dirty = true;
    this.#last = record;
    return record;
  }

  async flush(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    await this.#handle.datasync();
  }

  async close(): Promise<void> {
    await this.flush().finally(() => this.#handle.close());
  }
}
