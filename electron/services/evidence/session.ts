// One recording in progress: the log, the camera WebM and the checks/ folder of one package.
// Every write goes through one queue, in arrival order; a caller hears back only after its
// bytes were written, and a timer fdatasyncs both files every second, so a crash loses at
// most the last second. A write error (full disk, I/O error) stops the recording: the package
// is closed from what is on disk (as recovery would) and the trainee is told.
import { mkdir, open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Json } from '../../../scenarios/evidence/canonical.ts';
import { clockOffset, nodeToSessionTime, type TimedOffset } from '../../../scenarios/evidence/clock.ts';
import { CAMERA_FILE, EVENTS_FILE, isPackagePath, type ExternalFile, type Manifest } from '../../../scenarios/evidence/manifest.ts';
import type { SessionStartData, StopReason } from '../../../scenarios/evidence/record.ts';
import { prepareHeader } from '../../../scenarios/evidence/webm-close.ts';
import { closePackage, closeSegment, forEachLine, readLog } from './close.ts';
import { LogWriter } from './log-writer.ts';
import { buildManifest, RESERVE_BYTES, RESERVE_FILE, writeLock, writeManifest } from './package-dir.ts';
import { fsyncDir, isDiskError, writeAll } from '../platform/fs.ts';
import { hashFile, sha256Hex } from '../platform/hash.ts';

export const FLUSH_INTERVAL_MS = 1000;
/** The recorder sends a chunk every second: this long without one, the page is gone (closed,
 *  crashed, reloaded) and the package is closed as a crash would be. */
export const IDLE_TIMEOUT_MS = 20_000;
/** This long with nothing from the page (the recorder sends every second, the log every 250 ms)
 *  and a live session counts as left by its page: it may be offered for resume. */
export const DETACHED_AFTER_MS = 3_000;
/** Records the package writes itself (the contract refuses them from a page). */
const WRITTEN_BY_PACKAGE = /^(session|media|clock|check)\./;

/** The file of recording segment n (0: the first, media/camera.webm). */
export const segmentPath = (n: number) => (n === 0 ? CAMERA_FILE : `media/camera-${n + 1}.webm`);

/** What a page needs to go on with a session it lost (evidence.resume). */
export interface ResumePoint {
  /** Session time (media timeline) where the session goes on: the last logged moment. */
  resumeAt: number;
  segment: number;
  /** engine.session data.options ({} when none was logged). */
  options: Json;
  /** Every logged engine input, in order. */
  inputs: Json[];
}
const MAX_HEADER_BUFFER = 8 * 1024 * 1024;

/** The Node clock as epoch ms with sub-ms resolution (the renderer uses the same form). */
export const nodeNow = () => performance.timeOrigin + performance.now();

export interface SessionStopped {
  sessionId: string;
  reason: StopReason;
  message: string;
}

export class RecordingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingError';
  }
}

export class RecordingSession {
  readonly id: string;
  readonly dir: string;
  #log: LogWriter;
  #media: FileHandle | null = null;
  #mediaDirty = false;
  #mediaOffset = 0;
  #nextChunk = 0;
  #writtenChunks = 0;
  #header: Uint8Array | null = null; // first chunks, until Info is complete
  #mediaStartedAt: number | null = null;
  #offsets: TimedOffset[] = [];
  #pings = new Map<string, { rendererSentAt: number; nodeReceivedAt: number; nodeSentAt: number }>();
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout;
  #state: 'recording' | 'closing' | 'closed' = 'recording';
  #stopped: SessionStopped | null = null;
  #onStop: (stop: SessionStopped) => void;
  #external: ExternalFile[] = [];
  #closed: Promise<Manifest> | null = null;
  #lastChunkAt: number | null = null;
  #idleTimeoutMs: number;
  /** Last chunk or record from the page (Date.now()). */
  #lastActivity = Date.now();
  /** An offer to resume is on screen: not closed for idleness before this (Date.now()). */
  #heldUntil = 0;
  /** The recording segment being written and its place on the session timeline. */
  #segment = 0;
  #segmentOffset = 0;
  #lastT = 0;

  private constructor(id: string, dir: string, log: LogWriter, onStop: (stop: SessionStopped) => void, idleTimeoutMs: number) {
    this.#idleTimeoutMs = idleTimeoutMs;
    this.id = id;
    this.dir = dir;
    this.#log = log;
    this.#onStop = onStop;
    this.#timer = setInterval(() => {
      void this.#flush();
      this.#watchIdle();
    }, Math.min(FLUSH_INTERVAL_MS, idleTimeoutMs));
    this.#timer.unref();
  }

  static async create(dir: string, start: SessionStartData, onStop: (stop: SessionStopped) => void, idleTimeoutMs = IDLE_TIMEOUT_MS): Promise<RecordingSession> {
    await mkdir(join(dir, 'media'), { recursive: true });
    await mkdir(join(dir, 'checks'), { recursive: true });
    await writeLock(dir);
    await writeFile(join(dir, RESERVE_FILE), Buffer.alloc(RESERVE_BYTES));
    const log = await LogWriter.open(join(dir, EVENTS_FILE));
    await log.append({ t: 0, wall: Date.now(), type: 'session.start', data: start });
    await log.flush();
    await writeManifest(
      dir,
      buildManifest({ start, status: 'recording', summary: null, durationMs: null, stop: null, recovery: null, chain: { head: null, records: 0 }, files: [], external: [] }),
    );
    await fsyncDir(dir);
    return new RecordingSession(start.sessionId, dir, log, onStop, idleTimeoutMs);
  }

  get stopped(): SessionStopped | null {
    return this.#stopped;
  }

  /** Session time of a Node-clock moment: on the media timeline once the recorder started. */
  sessionTime(nodeTime = nodeNow()): number {
    return this.#mediaStartedAt === null ? this.#segmentOffset : this.#segmentOffset + nodeToSessionTime(nodeTime, this.#mediaStartedAt, this.#offsets);
  }

  #run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(() => {
      if (this.#state !== 'recording') throw new RecordingError(this.#stopped ? `证据录制已停止：${this.#stopped.message}` : '证据录制已结束 (session closed)');
      return task();
    });
    this.#queue = result.catch(() => undefined);
    return result.catch(async (error: unknown) => {
      if (isDiskError(error)) {
        await this.#stopOnError(error);
        throw new RecordingError(`证据录制已停止：${this.#stopped?.message ?? ''}`);
      }
      throw error;
    });
  }

  append(entries: { type: string; t?: number | undefined; data: Json }[], fromPage = true): Promise<{ seq: number }> {
    if (fromPage) this.#lastActivity = Date.now();
    return this.#run(async () => {
      for (const e of entries) {
        const t = e.t ?? this.sessionTime();
        this.#lastT = Math.max(this.#lastT, t);
        await this.#log.append({ t, wall: Date.now(), type: e.type, data: e.data });
      }
      return { seq: this.#log.records - 1 };
    });
  }

  /** One MediaRecorder chunk, in order. The first carries when the recorder started. */
  chunk(input: { index: number; bytes: Uint8Array; startedAt?: number | undefined; mimeType?: string | undefined }): Promise<{ index: number; offset: number; size: number }> {
    this.#lastActivity = Date.now();
    return this.#run(async () => {
      if (input.index !== this.#nextChunk) throw new RecordingError(`媒体片段顺序错误：期望第 ${this.#nextChunk} 段，收到第 ${input.index} 段 (chunk out of order)`);
      if (input.index === 0) {
        if (input.startedAt === undefined || input.mimeType === undefined) throw new RecordingError('第 0 段必须带 startedAt 和 mimeType');
        this.#mediaStartedAt = input.startedAt;
        const path = segmentPath(this.#segment);
        const start = { path, mimeType: input.mimeType, startedAt: input.startedAt, ...(this.#segment > 0 ? { offsetMs: this.#segmentOffset } : {}) };
        await this.#log.append({ t: this.#segmentOffset, wall: Date.now(), type: 'media.start', data: start });
        this.#media = await open(join(this.dir, path), 'ax');
      }
      this.#nextChunk += 1;
      let bytes = input.bytes;
      if (this.#writtenChunks === 0) {
        // The header is rebuilt (room for the seek index, a duration) before anything is written.
        const buffered: Uint8Array = this.#header ? Buffer.concat([this.#header, bytes]) : bytes;
        const prepared = prepareHeader(buffered);
        if (!prepared) {
          if (buffered.length > MAX_HEADER_BUFFER) throw new RecordingError('媒体数据开头不是完整的 WebM 头 (no WebM Info in the first 8 MB)');
          this.#header = buffered;
          return { index: input.index, offset: this.#mediaOffset, size: 0 };
        }
        this.#header = null;
        bytes = Buffer.concat([prepared.bytes, buffered.subarray(prepared.consumed)]);
      }
      const media = this.#media;
      if (!media) throw new RecordingError('媒体文件未打开');
      const offset = this.#mediaOffset;
      await writeAll(media, bytes, null);
      this.#mediaOffset += bytes.length;
      this.#mediaDirty = true;
      this.#lastChunkAt = Date.now();
      const index = this.#writtenChunks++;
      await this.#log.append({ t: this.sessionTime(), wall: Date.now(), type: 'media.chunk', data: { path: segmentPath(this.#segment), index, offset, size: bytes.length, sha256: sha256Hex(bytes) } });
      return { index: input.index, offset, size: bytes.length };
    });
  }

  /** First half of a clock measurement: Node's receive and send times for a renderer ping. */
  clockPing(rendererSentAt: number): { pingId: string; nodeReceivedAt: number; nodeSentAt: number } {
    const nodeReceivedAt = nodeNow();
    const pingId = `${this.#pings.size}-${Math.round(nodeReceivedAt)}`;
    if (this.#pings.size > 100) this.#pings.clear();
    const nodeSentAt = nodeNow();
    this.#pings.set(pingId, { rendererSentAt, nodeReceivedAt, nodeSentAt });
    return { pingId, nodeReceivedAt, nodeSentAt };
  }

  /** Second half: the renderer says when the answer arrived; the offset is logged. */
  clockSync(pingId: string, rendererReceivedAt: number): Promise<{ offsetMs: number; rttMs: number }> {
    const ping = this.#pings.get(pingId);
    if (!ping) return Promise.reject(new RecordingError(`未知的时钟测量 ${pingId} (unknown pingId)`));
    this.#pings.delete(pingId);
    const sample = { ...ping, rendererReceivedAt };
    const offset = clockOffset(sample);
    if (offset.rttMs < 0) return Promise.reject(new RecordingError(`时钟测量无效：往返时间为负 (${offset.rttMs} ms)`));
    return this.#run(async () => {
      this.#offsets.push({ at: (ping.nodeReceivedAt + ping.nodeSentAt) / 2, ...offset });
      await this.#log.append({ t: this.sessionTime(), wall: Date.now(), type: 'clock.sync', data: { ...sample, ...offset } });
      return offset;
    });
  }

  /** A device-check (or other check) record, as checks/<name>.json, hashed into the log. */
  storeCheck(name: string, record: Json): Promise<{ path: string; sha256: string }> {
    return this.storeFile(`${name}.json`, Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8'), name);
  }

  /** A file of the checks/ folder (a check record, the identity photo), written once, hashed into the log. */
  storeFile(fileName: string, bytes: Uint8Array, name = fileName.replace(/\.[a-z0-9]+$/, '')): Promise<{ path: string; sha256: string }> {
    return this.#run(async () => {
      const path = `checks/${fileName}`;
      if (!isPackagePath(path)) throw new RecordingError(`${path}: not a checks/ file name`);
      const file = await open(join(this.dir, path), 'wx').catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new RecordingError(`${path} 已存在：每个检查只保存一次`);
        throw error;
      });
      try {
        await writeAll(file, bytes, 0);
        await file.datasync();
      } finally {
        await file.close();
      }
      const sha256 = sha256Hex(bytes);
      await this.#log.append({ t: this.sessionTime(), wall: Date.now(), type: 'check.stored', data: { path, name, sha256, size: bytes.length } });
      return { path, sha256 };
    });
  }

  /** A file outside the package (the OBS recording) referenced in the manifest with its hash. */
  referenceExternal(file: ExternalFile): void {
    this.#external.push(file);
  }

  /** The latest session time logged (ms, media timeline). */
  get lastT(): number {
    return this.#lastT;
  }

  /** How long nothing came from the page (ms). */
  idleMs(now = Date.now()): number {
    return now - this.#lastActivity;
  }

  get recording(): boolean {
    return this.#state === 'recording';
  }

  /** An offer to resume is showing: keep the session open this long more. */
  hold(ms = this.#idleTimeoutMs): void {
    this.#heldUntil = Math.max(this.#heldUntil, Date.now() + ms);
  }

  /**
   * The page came back (a reload): the segment it was recording is closed as the cut-off file it
   * is (media.final), session.resumed is logged, and the next chunk 0 opens the next segment at
   * the last logged moment. Answers the log the page rebuilds the engine from.
   */
  resume(): Promise<ResumePoint> {
    return this.#run(async () => {
      if (this.idleMs() < DETACHED_AFTER_MS) throw new RecordingError('会话仍在另一个页面中进行，不能在这里继续 (the session is still live in another page)');
      if (this.#media) {
        await this.#media.datasync().catch(() => undefined);
        await this.#media.close();
        this.#media = null;
      }
      await this.#log.flush();
      const { summary } = await readLog(this.dir);
      // The session goes on from the last moment the page logged (its own records carry its
      // clock; Node's media.chunk and clock.sync times are when they were written, which lags on
      // a busy disk), and never inside the segment just closed.
      const open = summary.segments.at(-1);
      let segmentEnd = open?.final ? (open.start.offsetMs ?? 0) + open.final.durationMs : 0;
      if (open && !open.final) {
        const final = await closeSegment(this.dir, open, summary, async (f) => {
          await this.#log.append({ t: summary.lastT ?? 0, wall: Date.now(), type: 'media.final', data: f });
          await this.#log.flush();
        });
        if (final) segmentEnd = (open.start.offsetMs ?? 0) + final.durationMs;
      }
      const point: ResumePoint = { resumeAt: 0, segment: this.#segment + 1, options: {}, inputs: [] };
      let lastWall = Date.now();
      await forEachLine(join(this.dir, EVENTS_FILE), (line) => {
        const r = JSON.parse(line) as { t: number; wall: number; type: string; data: { input?: Json; options?: Json } | null };
        if (!WRITTEN_BY_PACKAGE.test(r.type)) {
          point.resumeAt = Math.max(point.resumeAt, r.t);
          lastWall = r.wall;
        }
        if (r.type === 'engine.session') point.options = r.data?.options ?? {};
        if (r.type === 'engine.input' && r.data?.input !== undefined) point.inputs.push(r.data.input);
        return Promise.resolve();
      });
      point.resumeAt = Math.max(point.resumeAt, segmentEnd);
      const now = Date.now();
      await this.#log.append({ t: point.resumeAt, wall: now, type: 'session.resumed', data: { at: now, lastSeq: this.#log.records - 1, resumeAt: point.resumeAt, gapMs: now - lastWall, segment: point.segment } });
      await this.#log.flush();
      this.#segment = point.segment;
      this.#segmentOffset = point.resumeAt;
      this.#nextChunk = 0;
      this.#writtenChunks = 0;
      this.#mediaOffset = 0;
      this.#mediaDirty = false;
      this.#header = null;
      this.#mediaStartedAt = null;
      this.#lastActivity = now;
      this.#lastChunkAt = now;
      return point;
    });
  }

  /** The trainee did not resume: closed as a cut-off session, as the idle close does. */
  abandon(message: string): Promise<Manifest> {
    return this.#closeAsCut(message);
  }

  #watchIdle(): void {
    if (this.#state !== 'recording' || this.#lastChunkAt === null || Date.now() - this.#lastChunkAt < this.#idleTimeoutMs || Date.now() < this.#heldUntil) return;
    void this.#closeAsCut(`录像 ${Math.round(this.#idleTimeoutMs / 1000)} 秒没有新数据：界面已关闭或崩溃，证据包已关闭 (no media chunk for ${this.#idleTimeoutMs} ms)`);
  }

  /** Closes the package as a crash would leave it (status recovered, the gap logged). */
  #closeAsCut(message: string): Promise<Manifest> {
    if (this.#closed) return this.#closed;
    this.#stopped = { sessionId: this.id, reason: 'crash', message };
    this.#state = 'closing';
    this.#onStop(this.#stopped);
    this.#closed = this.#queue
      .then(async () => {
        await this.#closeHandles();
        return closePackage(this.dir, { reason: 'crash', message, recovered: true, external: await hashExternal(this.#external) });
      })
      .finally(() => {
        this.#state = 'closed';
      });
    this.#closed.catch(() => undefined);
    return this.#closed;
  }

  async #flush(): Promise<void> {
    if (this.#state !== 'recording') return;
    try {
      await this.#log.flush();
      if (this.#mediaDirty && this.#media) {
        this.#mediaDirty = false;
        await this.#media.datasync();
      }
    } catch (error) {
      await this.#stopOnError(error);
    }
  }

  async #closeHandles(): Promise<void> {
    clearInterval(this.#timer);
    await this.#log.close().catch(() => undefined);
    if (this.#media) {
      await this.#media.datasync().catch(() => undefined);
      await this.#media.close().catch(() => undefined);
    }
  }

  /** The normal end: close the package (every file hashed, manifest completed). */
  finish(reason: StopReason = 'finished', message = '考生结束了任务'): Promise<Manifest> {
    if (this.#closed) return this.#closed;
    const closing = this.#queue.then(async () => {
      this.#state = 'closing';
      await this.#closeHandles();
      return closePackage(this.dir, { reason, message, recovered: false, external: await hashExternal(this.#external) });
    });
    this.#closed = closing.finally(() => {
      this.#state = 'closed';
    });
    return this.#closed;
  }

  async #stopOnError(error: unknown): Promise<void> {
    if (this.#state !== 'recording') return;
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reason: StopReason = code === 'ENOSPC' || code === 'EDQUOT' ? 'disk_full' : 'write_error';
    const message =
      reason === 'disk_full'
        ? `磁盘已满，录制已停止。已保存的内容完整有效，请清理磁盘后再开始新的任务 (${code})`
        : `写入证据时出错，录制已停止。已保存的内容完整有效 (${code}: ${(error as Error).message})`;
    this.#stopped = { sessionId: this.id, reason, message };
    this.#state = 'closing';
    this.#onStop(this.#stopped);
    this.#closed = (async () => {
      await this.#closeHandles();
      // The reserve file is freed first, so the close (Cues, last records, manifest) has room.
      await rm(join(this.dir, RESERVE_FILE), { force: true });
      return closePackage(this.dir, { reason, message, recovered: true, external: this.#external });
    })().finally(() => {
      this.#state = 'closed';
    });
    await this.#closed.catch(() => undefined);
  }

  /** Waits for a stop on error to finish closing (tests, the service's list). */
  whenClosed(): Promise<Manifest> | null {
    return this.#closed;
  }
}

/** The OBS recording is hashed where it lies (it can be gigabytes: streamed); one that cannot be
 *  read is listed with the reason instead of a hash. */
async function hashExternal(files: ExternalFile[]): Promise<ExternalFile[]> {
  const out: ExternalFile[] = [];
  for (const f of files) {
    try {
      const digest = await hashFile(f.path);
      out.push({ ...f, ...digest });
    } catch (error) {
      out.push({ ...f, sha256: null, size: null, note: `${f.note} (无法读取: ${(error as NodeJS.ErrnoException).code ?? String(error)})` });
    }
  }
  return out;
}
