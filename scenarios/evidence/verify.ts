// Verification of a package, without touching a file system: the caller streams events.jsonl
// line by line into EventsVerifier, hashes the files (and the media ranges the log names), and
// crossCheck compares the manifest with the chain and the files. Every finding names the file
// and, where it can, the line, seq, field or byte offset.
import { canonicalJson, canonicalPretty } from './canonical.ts';
import type { Finding } from './finding.ts';
import { ZERO_HASH, type Hasher } from './hasher.ts';
import { CAMERA_FILE, EVENTS_FILE, MANIFEST_FILE, Manifest } from './manifest.ts';
import {
  EvidenceRecord,
  hashInput,
  packageRecordSchemas,
  isPackageRecordType,
  type CheckStoredData,
  type ClockSyncData,
  type FileDigest,
  type MediaChunkData,
  type MediaFinalData,
  type MediaStartData,
  type SessionEndData,
  type SessionRecoveredData,
  type SessionResumedData,
  type SessionStartData,
} from './record.ts';

export interface ChainSummary {
  records: number;
  head: string | null;
  lastT: number | null;
  lastWall: number | null;
  start: SessionStartData | null;
  clock: ClockSyncData[];
  /** The first segment's start (media/camera.webm). */
  mediaStart: MediaStartData | null;
  chunks: (MediaChunkData & { seq: number })[];
  /** The first segment's end (media/camera.webm). */
  mediaFinal: (MediaFinalData & { seq: number }) | null;
  /** Every recording segment in order (one, or more after a resume), each with its end. */
  segments: { start: MediaStartData; final: (MediaFinalData & { seq: number }) | null }[];
  resumed: SessionResumedData[];
  checks: CheckStoredData[];
  recovered: SessionRecoveredData | null;
  end: (SessionEndData & { wall: number; seq: number }) | null;
  /** Every record, for replay (types and data only as parsed). */
  endsWithNewline: boolean;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Reads events.jsonl one line at a time; keeps only what the cross-check needs. */
export class EventsVerifier {
  readonly findings: Finding[] = [];
  #hasher: Hasher;
  #expectedSeq = 0;
  #expectedPrev: string | null = ZERO_HASH;
  #lastLine = 0;
  #summary: ChainSummary = {
    records: 0,
    head: null,
    lastT: null,
    lastWall: null,
    start: null,
    clock: [],
    mediaStart: null,
    chunks: [],
    mediaFinal: null,
    segments: [],
    resumed: [],
    checks: [],
    recovered: null,
    end: null,
    endsWithNewline: true,
  };
  #onRecord: ((record: EvidenceRecord, line: number) => void) | undefined;

  constructor(hasher: Hasher, onRecord?: (record: EvidenceRecord, line: number) => void) {
    this.#hasher = hasher;
    this.#onRecord = onRecord;
  }

  #add(f: Omit<Finding, 'file' | 'severity'> & { severity?: Finding['severity'] }): void {
    this.findings.push({ severity: 'error', file: EVENTS_FILE, ...f });
  }

  /** One line without its newline; lineNo counts from 1. */
  async line(text: string, lineNo: number): Promise<void> {
    this.#lastLine = lineNo;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      this.#broken();
      this.#add({ code: 'line_not_json', line: lineNo, message: `第 ${lineNo} 行不是 JSON (line ${lineNo} is not JSON: ${(error as Error).message})` });
      return;
    }
    const parsed = EvidenceRecord.safeParse(raw);
    if (!parsed.success) {
      this.#broken();
      for (const issue of parsed.error.issues) {
        this.#add({ code: 'record_invalid', line: lineNo, field: issuePath(issue.path), message: `第 ${lineNo} 行记录格式错误: ${issuePath(issue.path) || '(root)'}: ${issue.message}` });
      }
      return;
    }
    const r = parsed.data;
    const where = `第 ${lineNo} 行 (seq ${r.seq})`;
    if (canonicalJson(r) !== text) {
      this.#add({ code: 'not_canonical', line: lineNo, seq: r.seq, message: `${where} 不是规范 JSON 形式：该行被改写过 (line is not in canonical form)` });
    }
    const hash = await this.#hasher.sha256(hashInput(r));
    if (hash !== r.hash) {
      this.#add({ code: 'hash_mismatch', line: lineNo, seq: r.seq, message: `${where} 的内容与其哈希不符：记录被修改 (record content does not match its hash ${r.hash.slice(0, 12)}…)` });
    }
    if (r.seq !== this.#expectedSeq) {
      const what = r.seq > this.#expectedSeq ? `缺少 seq ${this.#expectedSeq}${r.seq - 1 > this.#expectedSeq ? `–${r.seq - 1}` : ''} (records removed)` : `seq 重复或顺序颠倒 (duplicate or reordered record)`;
      this.#add({ code: 'seq_mismatch', line: lineNo, seq: r.seq, message: `${where}: 期望 seq ${this.#expectedSeq}，${what}` });
    }
    if (this.#expectedPrev !== null && r.prev !== this.#expectedPrev) {
      this.#add({
        code: 'prev_mismatch',
        line: lineNo,
        seq: r.seq,
        message: `${where} 的 prev 与上一条记录的哈希不符：此处有记录被删除、插入或调换 (chain broken before line ${lineNo})`,
      });
    }
    if (this.#summary.end) {
      this.#add({ code: 'after_end', line: lineNo, seq: r.seq, message: `${where} 出现在 session.end 之后 (record after the end of the session)` });
    }
    if (r.seq === 0 && r.type !== 'session.start') {
      this.#add({ code: 'no_start', line: lineNo, seq: r.seq, field: 'type', message: `${where}: 第一条记录应为 session.start，实际为 ${r.type}` });
    }
    this.#collect(r, lineNo);
    this.#onRecord?.(r, lineNo);
    this.#expectedSeq = r.seq + 1;
    this.#expectedPrev = r.hash;
    const s = this.#summary;
    s.records += 1;
    s.head = r.hash;
    s.lastT = r.t;
    s.lastWall = r.wall;
  }

  /** After a line that cannot be read the chain cannot be followed; pick it up at the next. */
  #broken(): void {
    this.#expectedSeq += 1;
    this.#expectedPrev = null;
  }

  #collect(r: EvidenceRecord, lineNo: number): void {
    if (!isPackageRecordType(r.type)) return;
    const data = packageRecordSchemas[r.type].safeParse(r.data);
    if (!data.success) {
      for (const issue of data.error.issues) {
        const field = `data.${issuePath(issue.path)}`;
        this.#add({ code: 'record_invalid', line: lineNo, seq: r.seq, field, message: `第 ${lineNo} 行 ${r.type}: ${field}: ${issue.message}` });
      }
      return;
    }
    const s = this.#summary;
    const d = data.data;
    switch (r.type) {
      case 'session.start':
        if (r.seq === 0) s.start = d as SessionStartData;
        break;
      case 'clock.sync':
        s.clock.push(d as ClockSyncData);
        break;
      case 'media.start': {
        const start = d as MediaStartData;
        if (s.segments.length === 0) s.mediaStart = start;
        s.segments.push({ start, final: null });
        break;
      }
      case 'media.chunk':
        s.chunks.push({ ...(d as MediaChunkData), seq: r.seq });
        break;
      case 'media.final': {
        const final = { ...(d as MediaFinalData), seq: r.seq };
        const segment = s.segments.find((g) => g.start.path === final.path);
        if (segment) segment.final = final;
        if (s.segments.length === 0 || s.segments[0]?.start.path === final.path) s.mediaFinal = final;
        break;
      }
      case 'session.resumed':
        s.resumed.push(d as SessionResumedData);
        break;
      case 'check.stored':
        s.checks.push(d as CheckStoredData);
        break;
      case 'session.recovered':
        s.recovered = d as SessionRecoveredData;
        break;
      case 'session.end':
        s.end = { ...(d as SessionEndData), wall: r.wall, seq: r.seq };
        break;
    }
  }

  end(endsWithNewline: boolean): ChainSummary {
    this.#summary.endsWithNewline = endsWithNewline;
    if (!endsWithNewline) {
      this.#add({ code: 'partial_line', line: this.#lastLine, message: `第 ${this.#lastLine} 行没有结束换行：最后一条记录只写了一半 (partial last record)` });
    }
    if (this.#summary.records === 0 && this.findings.length === 0) {
      this.#add({ code: 'empty_log', message: 'events.jsonl 没有任何记录 (the event log is empty)' });
    }
    return this.#summary;
  }
}

// ------------------------------------------------------------------ media ranges

/** The media.final of a segment's file, or null. */
export function finalOf(summary: ChainSummary, path: string): (MediaFinalData & { seq: number }) | null {
  return summary.segments.find((g) => g.start.path === path)?.final ?? (summary.mediaFinal?.path === path ? summary.mediaFinal : null);
}

export interface MediaRange {
  offset: number;
  size: number;
  sha256: string;
  /** What the range is, for messages: chunk index and its session time. */
  label: string;
  seq: number | null;
}

/** The ranges of the media file the log vouches for, in order; they must tile the file. */
export function mediaRanges(summary: ChainSummary, path: string): { ranges: MediaRange[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const ranges: MediaRange[] = summary.chunks
    .filter((c) => c.path === path)
    .map((c) => ({ offset: c.offset, size: c.size, sha256: c.sha256, label: `chunk ${c.index} (约第 ${c.index} 秒)`, seq: c.seq }));
  const final = finalOf(summary, path);
  if (final?.tail) ranges.push({ ...final.tail, label: '崩溃前未记录的尾部 (unlogged tail)', seq: final.seq });
  if (final?.appended) ranges.push({ ...final.appended, label: '结束时追加的索引 (appended cues)', seq: final.seq });
  let expected = 0;
  for (const r of ranges) {
    if (r.offset !== expected) {
      findings.push({
        severity: 'error',
        code: 'media_range_gap',
        file: path,
        offset: expected,
        seq: r.seq ?? undefined,
        message: `${path}: 日志记录的片段不连续：第 ${expected} 字节处应接着写入，${r.label} 却从第 ${r.offset} 字节开始 (logged ranges do not tile the file)`,
      });
    }
    expected = r.offset + r.size;
  }
  return { ranges, findings };
}

// ------------------------------------------------------------------ cross-check

export type DiskFile = FileDigest;

export interface CrossCheckInput {
  manifestText: string | null;
  summary: ChainSummary;
  /** Every file in the package folder but manifest.json, with its computed digest. */
  disk: DiskFile[];
}

export interface CrossCheckResult {
  manifest: Manifest | null;
  findings: Finding[];
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

export function crossCheck({ manifestText, summary, disk }: CrossCheckInput): CrossCheckResult {
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'severity'> & { severity?: Finding['severity'] }) => findings.push({ severity: 'error', ...f });
  if (manifestText === null) {
    add({ code: 'manifest_missing', file: MANIFEST_FILE, message: '缺少 manifest.json (no manifest)' });
    return { manifest: null, findings };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(manifestText);
  } catch (error) {
    add({ code: 'manifest_not_json', file: MANIFEST_FILE, message: `manifest.json 不是 JSON (${(error as Error).message})` });
    return { manifest: null, findings };
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add({ code: 'manifest_invalid', file: MANIFEST_FILE, field: issuePath(issue.path), message: `manifest.json ${issuePath(issue.path) || '(root)'}: ${issue.message}` });
    return { manifest: null, findings };
  }
  const m = parsed.data;
  if (canonicalPretty(m) !== manifestText) {
    add({ code: 'manifest_not_canonical', file: MANIFEST_FILE, message: 'manifest.json 的格式被改动过 (not in canonical form: bytes were changed)' });
  }
  const field = (name: string, manifestValue: unknown, chainValue: unknown, source: string) => {
    if (!same(manifestValue, chainValue)) {
      add({ code: 'manifest_mismatch', file: MANIFEST_FILE, field: name, message: `manifest.json ${name} 与日志 (${source}) 不一致: ${canonicalJson(manifestValue ?? null)} ≠ ${canonicalJson(chainValue ?? null)}` });
    }
  };

  if (m.status === 'recording') {
    add({ code: 'unfinished', file: MANIFEST_FILE, field: 'status', message: '会话仍在录制或应用曾中途退出：启动 LiveDrill 会自动恢复该证据包 (status is "recording": open the app to recover it)' });
  }
  const start = summary.start;
  if (start) {
    for (const key of ['sessionId', 'createdAt', 'candidate', 'station', 'scenario', 'seed', 'app'] as const) field(key, m[key], start[key], 'session.start');
  }
  field(
    'clock.offsets',
    m.clock.offsets,
    summary.clock.map((c) => ({ at: (c.nodeReceivedAt + c.nodeSentAt) / 2, offsetMs: c.offsetMs, rttMs: c.rttMs })),
    'clock.sync',
  );
  if (m.status !== 'recording') {
    field('chain.head', m.chain.head, summary.head, 'events.jsonl');
    field('chain.records', m.chain.records, summary.records, 'events.jsonl');
    const end = summary.end;
    if (!end) add({ code: 'no_end', file: EVENTS_FILE, message: '日志没有 session.end 记录：会话没有正常结束 (no session.end record)' });
    else field('stop', m.stop, { reason: end.reason, message: end.message, at: end.wall }, 'session.end');
    const rec = summary.recovered;
    field('status', m.status, rec ? 'recovered' : 'complete', rec ? 'session.recovered' : 'session.end');
    field(
      'recovery',
      m.recovery,
      rec ? { at: rec.at, gapMs: rec.gapMs, lastT: rec.lastT, droppedEventBytes: rec.droppedEventBytes, mediaTailBytes: summary.mediaFinal?.tail?.size ?? 0 } : null,
      'session.recovered',
    );
    const ms = summary.mediaStart;
    field(
      'media.camera',
      m.media.camera,
      ms ? { path: CAMERA_FILE, mimeType: ms.mimeType, startedAt: ms.startedAt, durationMs: summary.mediaFinal?.durationMs ?? null } : null,
      'media.start/media.final',
    );
    // Files: manifest ↔ disk ↔ session.end.
    const onDisk = new Map(disk.map((f) => [f.path, f]));
    const listed = new Map(m.files.map((f) => [f.path, f]));
    for (const f of m.files) {
      const d = onDisk.get(f.path);
      if (!d) add({ code: 'file_missing', file: f.path, message: `${f.path} 在 manifest 中列出，但文件不存在 (listed file is missing)` });
      else if (d.sha256 !== f.sha256 || d.size !== f.size) {
        add({
          code: 'file_changed',
          file: f.path,
          message: `${f.path} 的 SHA-256 或大小与 manifest 不符：文件被修改 (expected ${f.sha256.slice(0, 12)}… ${f.size} B, found ${d.sha256.slice(0, 12)}… ${d.size} B)`,
        });
      }
    }
    for (const d of disk) {
      if (!listed.has(d.path)) add({ code: 'file_unlisted', file: d.path, message: `${d.path} 不在 manifest 中：证据包中多出的文件 (file not listed in the manifest)` });
    }
    if (end) {
      const inChain = new Map(end.files.map((f) => [f.path, f]));
      for (const f of m.files) {
        if (f.path === EVENTS_FILE) continue;
        const c = inChain.get(f.path);
        if (!c || c.sha256 !== f.sha256 || c.size !== f.size) {
          add({ code: 'manifest_mismatch', file: MANIFEST_FILE, field: `files[${f.path}]`, message: `manifest.json 中 ${f.path} 的哈希与 session.end 记录不一致` });
        }
      }
      for (const c of end.files) {
        if (!listed.has(c.path)) add({ code: 'manifest_mismatch', file: MANIFEST_FILE, field: 'files', message: `session.end 记录了 ${c.path}，manifest.json 中却没有` });
      }
    }
    for (const c of summary.checks) {
      const d = onDisk.get(c.path);
      if (d && (d.sha256 !== c.sha256 || d.size !== c.size)) add({ code: 'file_changed', file: c.path, message: `${c.path} 与 check.stored 记录的哈希不符：文件被修改` });
    }
  }
  return { manifest: m, findings };
}

/** Checks on the media structure once its bytes were read (see ebml.ts WebmReader). */
export function mediaStructureFindings(
  path: string,
  scan: { error: { offset: number; message: string } | null; partial: unknown; clusters: unknown[]; duration: { value: number } | null; timecodeScale: number; cuesOffset: number | null },
  expectedDurationMs: number | null,
): Finding[] {
  const findings: Finding[] = [];
  const add = (code: string, message: string, offset?: number) => findings.push({ severity: 'error', code, file: path, message, ...(offset === undefined ? {} : { offset }) });
  if (scan.error) return [{ severity: 'error', code: 'media_unreadable', file: path, offset: scan.error.offset, message: `${path} 无法解析 (WebM): ${scan.error.message}` }];
  if (scan.partial) add('media_cut_off', `${path} 最后一个元素不完整 (the file ends mid-element)`);
  if (scan.clusters.length === 0) add('media_empty', `${path} 没有任何画面 (no clusters)`);
  const durationMs = scan.duration ? (scan.duration.value * scan.timecodeScale) / 1e6 : null;
  if (durationMs === null || durationMs <= 0) add('media_no_duration', `${path} 没有时长信息，播放器无法拖动 (no Duration)`);
  else if (expectedDurationMs !== null && Math.abs(durationMs - expectedDurationMs) > 1) {
    add('media_duration_mismatch', `${path} 的时长 ${durationMs.toFixed(0)} ms 与 media.final 记录的 ${expectedDurationMs.toFixed(0)} ms 不一致`);
  }
  if (scan.cuesOffset === null) add('media_no_cues', `${path} 没有索引 (Cues)，播放器无法快速定位`);
  return findings;
}
