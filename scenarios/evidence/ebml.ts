// A streaming reader for the WebM (EBML/Matroska) that MediaRecorder writes, and the few
// elements we write back. It reads element headers and the handful of small values it needs
// (timecode scale, duration, tracks, cluster timecodes, block headers) and skips the rest, so a
// 90-minute file streams through in fixed memory. It also says, at the end of the bytes, which
// element was cut off (a crash mid-write) so the store can close the file without truncating.

export const ID = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekID: 0x53ab,
  SeekPosition: 0x53ac,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  DefaultDuration: 0x23e383,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  Cues: 0x1c53bb6b,
  CuePoint: 0xbb,
  CueTime: 0xb3,
  CueTrackPositions: 0xb7,
  CueTrack: 0xf7,
  CueClusterPosition: 0xf1,
  Tags: 0x1254c367,
  Chapters: 0x1043a770,
  Attachments: 0x1941a469,
  Void: 0xec,
} as const;

const MASTERS = new Set<number>([ID.Segment, ID.Info, ID.Tracks, ID.TrackEntry, ID.Cluster, ID.BlockGroup]);
const LEVEL1 = new Set<number>([ID.SeekHead, ID.Info, ID.Tracks, ID.Cluster, ID.Cues, ID.Tags, ID.Chapters, ID.Attachments]);
const CAPTURE = new Set<number>([ID.TimecodeScale, ID.Duration, ID.TrackNumber, ID.TrackType, ID.DefaultDuration, ID.Timecode]);
const BLOCK_HEAD = 11; // track vint (≤ 8) + 2 timecode bytes + flags
/** Largest block handed whole to onFrame (an Opus packet is at most a few KB; video is skipped). */
const MAX_FRAME_BYTES = 65536;
const MAX_CODEC_PRIVATE = 4096;
const UNKNOWN = -1;

export interface ElementHeader {
  id: number;
  /** Offset of the element's first byte. */
  offset: number;
  idLength: number;
  sizeOffset: number;
  sizeLength: number;
  /** Payload size; -1 for "unknown" (live streams). */
  size: number;
  dataOffset: number;
}

/** Reads one element header at pos; null if the bytes end first; throws on a malformed one. */
export function readHeader(bytes: Uint8Array, pos: number, base = 0): ElementHeader | null {
  const first = bytes[pos];
  if (first === undefined) return null;
  const idLength = vintLength(first);
  if (idLength === 0 || idLength > 4) throw new EbmlError(base + pos, `invalid element ID byte 0x${first.toString(16)}`);
  if (pos + idLength >= bytes.length) return null;
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + (bytes[pos + i] ?? 0);
  const sizeFirst = bytes[pos + idLength] ?? 0;
  const sizeLength = vintLength(sizeFirst);
  if (sizeLength === 0) throw new EbmlError(base + pos + idLength, `invalid size byte 0x00 in element 0x${id.toString(16)}`);
  if (pos + idLength + sizeLength > bytes.length) return null;
  let size = sizeFirst & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const b = bytes[pos + idLength + i] ?? 0;
    if (b !== 0xff) allOnes = false;
    size = size * 256 + b;
  }
  if (allOnes) size = UNKNOWN;
  return { id, offset: base + pos, idLength, sizeOffset: base + pos + idLength, sizeLength, size, dataOffset: base + pos + idLength + sizeLength };
}

function vintLength(first: number): number {
  for (let i = 0; i < 8; i++) if (first & (0x80 >> i)) return i + 1;
  return 0;
}

export class EbmlError extends Error {
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(`byte ${offset}: ${message}`);
    this.name = 'EbmlError';
    this.offset = offset;
  }
}

export interface TrackInfo {
  number: number;
  /** 1 video, 2 audio. */
  type: number;
  defaultDurationNs: number | null;
  /** E.g. A_OPUS, V_VP8; null when the file does not say. */
  codecId: string | null;
  /** The codec's setup bytes (for Opus the OpusHead: channels, pre-skip). */
  codecPrivate: Uint8Array | null;
}

/** One block's frame, for a reader that decodes (see WebmReaderOptions.onFrame). */
export interface WebmFrame {
  track: number;
  timestampMs: number;
  data: Uint8Array;
}

export interface WebmReaderOptions {
  /** Which tracks' frames to hand over; the track list is known by their first block. */
  wantFrames?: (track: TrackInfo) => boolean;
  onFrame?: (frame: WebmFrame) => void;
}

export interface ClusterInfo {
  offset: number;
  timecode: number;
  /** The cluster's first video block is a keyframe (a place to seek to). */
  videoKeyframe: boolean;
}

export interface OpenElement {
  header: ElementHeader;
  end: number | null;
}

export interface WebmScan {
  segment: ElementHeader | null;
  /** The first child of the Segment when it is a Void: the room kept for a SeekHead. */
  seekRoom: ElementHeader | null;
  info: ElementHeader | null;
  tracksOffset: number | null;
  cuesOffset: number | null;
  timecodeScale: number;
  /** Offset and width of Duration's float payload; its value in timecode-scale units. */
  duration: { offset: number; size: number; value: number } | null;
  tracks: TrackInfo[];
  clusters: ClusterInfo[];
  blocks: number;
  /** Largest block timestamp in ms, per track number. */
  lastTimestampMs: Map<number, number>;
  bytes: number;
  /** Where the bytes ended inside elements that needed more (a cut-off write), outermost first. */
  open: OpenElement[];
  /** The element (or header) cut off at the end, if any. */
  partial: { offset: number; header: ElementHeader | null } | null;
  error: EbmlError | null;
}

/** Push bytes in order with push(); end() says what was read. */
export class WebmReader {
  #pending: Uint8Array = new Uint8Array(0);
  #pos = 0; // absolute offset of #pending[0]
  #skip = 0;
  #stack: OpenElement[] = [];
  #leaf: ElementHeader | null = null; // element being skipped or captured
  #need = 0; // bytes of payload to capture for #leaf
  #trackDraft: Partial<TrackInfo> | null = null;
  #cluster: ClusterInfo | null = null;
  #clusterSawVideo = false;
  readonly #options: WebmReaderOptions;
  #scan: WebmScan = {
    segment: null,
    seekRoom: null,
    info: null,
    tracksOffset: null,
    cuesOffset: null,
    timecodeScale: 1_000_000,
    duration: null,
    tracks: [],
    clusters: [],
    blocks: 0,
    lastTimestampMs: new Map(),
    bytes: 0,
    open: [],
    partial: null,
    error: null,
  };

  constructor(options: WebmReaderOptions = {}) {
    this.#options = options;
  }

  push(chunk: Uint8Array): void {
    if (this.#scan.error) return;
    this.#scan.bytes += chunk.length;
    let data = chunk;
    if (this.#skip > 0) {
      const n = Math.min(this.#skip, data.length);
      this.#skip -= n;
      this.#pos += n;
      data = data.subarray(n);
      if (this.#skip === 0) this.#leaf = null;
      if (data.length === 0) return;
    }
    this.#pending = this.#pending.length === 0 ? data : concat(this.#pending, data);
    try {
      this.#drain();
    } catch (error) {
      if (!(error instanceof EbmlError)) throw error;
      this.#scan.error = error;
    }
  }

  end(): WebmScan {
    const scan = this.#scan;
    scan.open = this.#stack.filter((o) => o.end !== null && o.end > scan.bytes);
    if (this.#leaf) scan.partial = { offset: this.#leaf.offset, header: this.#leaf };
    else if (this.#pending.length > 0) scan.partial = { offset: this.#pos, header: null };
    if (this.#cluster) this.#closeCluster();
    return scan;
  }

  #drain(): void {
    let buf = this.#pending;
    let at = 0;
    const consume = (n: number) => {
      at += n;
      this.#pos += n;
    };
    for (;;) {
      if (this.#leaf) {
        // Capturing a small value or a block header.
        if (buf.length - at < this.#need) break;
        this.#onLeaf(this.#leaf, buf.subarray(at, at + this.#need));
        const rest = this.#leaf.size - this.#need;
        consume(this.#need);
        const n = Math.min(rest, buf.length - at);
        consume(n);
        this.#skip = rest - n;
        if (this.#skip > 0) break;
        this.#leaf = null;
        continue;
      }
      this.#closeEnded(this.#pos);
      if (at >= buf.length) break;
      const header = readHeader(buf, at, this.#pos - at);
      if (!header) break;
      const parent = this.#stack.at(-1);
      if (parent?.end === null && parent.header.id === ID.Cluster && LEVEL1.has(header.id)) {
        this.#stack.pop(); // an unknown-size cluster ends where the next level-1 element starts
        this.#closeCluster();
        continue;
      }
      this.#onHeader(header);
      consume(header.dataOffset - header.offset);
      if (MASTERS.has(header.id)) {
        this.#stack.push({ header, end: header.size === UNKNOWN ? null : header.dataOffset + header.size });
        continue;
      }
      if (header.size === UNKNOWN) throw new EbmlError(header.offset, `element 0x${header.id.toString(16)} has an unknown size`);
      this.#leaf = header;
      this.#need = this.#captureBytes(header);
    }
    buf = buf.subarray(at);
    this.#pending = buf.length > 0 ? buf.slice() : new Uint8Array(0);
  }

  #captureBytes(h: ElementHeader): number {
    if (CAPTURE.has(h.id)) return Math.min(h.size, 8);
    if (h.id === ID.CodecID) return Math.min(h.size, 64);
    if (h.id === ID.CodecPrivate) return h.size <= MAX_CODEC_PRIVATE ? h.size : 0;
    if (h.id === ID.SimpleBlock || h.id === ID.Block) return this.#options.onFrame && h.size <= MAX_FRAME_BYTES ? h.size : Math.min(h.size, BLOCK_HEAD);
    return 0;
  }

  #closeEnded(pos: number): void {
    for (let top = this.#stack.at(-1); top?.end != null && top.end <= pos; top = this.#stack.at(-1)) {
      this.#stack.pop();
      if (top.header.id === ID.TrackEntry) this.#closeTrack();
      if (top.header.id === ID.Cluster) this.#closeCluster();
    }
  }

  #onHeader(h: ElementHeader): void {
    const scan = this.#scan;
    const parentId = this.#stack.at(-1)?.header.id;
    if (h.id === ID.Segment && !scan.segment) scan.segment = h;
    if (parentId === ID.Segment) {
      if (h.id === ID.Void && scan.segment && h.offset === scan.segment.dataOffset) scan.seekRoom = h;
      if (h.id === ID.Info) scan.info = h;
      if (h.id === ID.Tracks) scan.tracksOffset = h.offset;
      if (h.id === ID.Cues) scan.cuesOffset = h.offset;
    }
    if (h.id === ID.TrackEntry) this.#trackDraft = {};
    if (h.id === ID.Cluster) {
      if (this.#cluster) this.#closeCluster();
      this.#cluster = { offset: h.offset, timecode: 0, videoKeyframe: false };
      this.#clusterSawVideo = false;
    }
  }

  #onLeaf(h: ElementHeader, payload: Uint8Array): void {
    const scan = this.#scan;
    switch (h.id) {
      case ID.TimecodeScale:
        scan.timecodeScale = readUint(payload);
        break;
      case ID.Duration:
        if (h.size === 4 || h.size === 8) scan.duration = { offset: h.dataOffset, size: h.size, value: readFloat(payload) };
        break;
      case ID.TrackNumber:
        if (this.#trackDraft) this.#trackDraft.number = readUint(payload);
        break;
      case ID.TrackType:
        if (this.#trackDraft) this.#trackDraft.type = readUint(payload);
        break;
      case ID.DefaultDuration:
        if (this.#trackDraft) this.#trackDraft.defaultDurationNs = readUint(payload);
        break;
      case ID.CodecID:
        if (this.#trackDraft) this.#trackDraft.codecId = new TextDecoder().decode(payload).replace(/\0+$/, '');
        break;
      case ID.CodecPrivate:
        if (this.#trackDraft && payload.length === h.size) this.#trackDraft.codecPrivate = payload.slice();
        break;
      case ID.Timecode:
        if (this.#cluster) this.#cluster.timecode = readUint(payload);
        break;
      case ID.SimpleBlock:
      case ID.Block:
        this.#onBlock(h, payload);
        break;
    }
  }

  #onBlock(h: ElementHeader, head: Uint8Array): void {
    const first = head[0];
    if (first === undefined) throw new EbmlError(h.offset, 'empty block');
    const n = vintLength(first);
    if (n === 0 || head.length < n + 3) throw new EbmlError(h.offset, 'block header too short');
    let track = first & (0xff >> n);
    for (let i = 1; i < n; i++) track = track * 256 + (head[i] ?? 0);
    const rel = ((head[n] ?? 0) << 8) | (head[n + 1] ?? 0);
    const relative = rel >= 0x8000 ? rel - 0x10000 : rel;
    const keyframe = h.id === ID.SimpleBlock && ((head[n + 2] ?? 0) & 0x80) !== 0;
    const scan = this.#scan;
    scan.blocks += 1;
    const clusterTc = this.#cluster?.timecode ?? 0;
    const ms = ((clusterTc + relative) * scan.timecodeScale) / 1_000_000;
    scan.lastTimestampMs.set(track, Math.max(ms, scan.lastTimestampMs.get(track) ?? -Infinity));
    const video = scan.tracks.find((t) => t.type === 1)?.number;
    const onFrame = this.#options.onFrame;
    if (onFrame && head.length === h.size) {
      const info = scan.tracks.find((t) => t.number === track);
      if (info && (this.#options.wantFrames?.(info) ?? true)) {
        if (((head[n + 2] ?? 0) & 0x06) !== 0) throw new EbmlError(h.offset, `laced block on track ${track}: lacing is not supported`);
        onFrame({ track, timestampMs: ms, data: head.subarray(n + 3) });
      }
    }
    if (this.#cluster && track === video && !this.#clusterSawVideo) {
      this.#clusterSawVideo = true;
      this.#cluster.videoKeyframe = keyframe;
    }
  }

  #closeTrack(): void {
    const d = this.#trackDraft;
    if (d?.number !== undefined && d.type !== undefined)
      this.#scan.tracks.push({ number: d.number, type: d.type, defaultDurationNs: d.defaultDurationNs ?? null, codecId: d.codecId ?? null, codecPrivate: d.codecPrivate ?? null });
    this.#trackDraft = null;
  }

  #closeCluster(): void {
    if (this.#cluster) this.#scan.clusters.push(this.#cluster);
    this.#cluster = null;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function readUint(bytes: Uint8Array): number {
  let v = 0;
  for (const b of bytes) v = v * 256 + b;
  return v;
}

function readFloat(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.length === 4 ? view.getFloat32(0) : view.getFloat64(0);
}

/** Media length in ms: the last block's timestamp plus one frame of the video track. */
export function scannedDurationMs(scan: WebmScan): number {
  let last = 0;
  for (const ms of scan.lastTimestampMs.values()) last = Math.max(last, ms);
  const video = scan.tracks.find((t) => t.type === 1);
  const frame = video?.defaultDurationNs ? video.defaultDurationNs / 1e6 : 0;
  return scan.lastTimestampMs.size === 0 ? 0 : last + frame;
}

// ------------------------------------------------------------------ writing

export function encodeId(id: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Uint8Array.from(bytes);
}

/** A size as an EBML vint of the given width (1..8 bytes). */
export function encodeSize(size: number, width?: number): Uint8Array {
  let w = width ?? 1;
  if (width === undefined) while (size >= 2 ** (7 * w) - 1) w++;
  if (w < 1 || w > 8 || size >= 2 ** (7 * w) - 1) throw new Error(`size ${size} does not fit ${w} bytes`);
  const out = new Uint8Array(w);
  let v = size;
  for (let i = w - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] = (out[0] ?? 0) | (0x80 >> (w - 1));
  return out;
}

export function element(id: number, payload: Uint8Array, sizeWidth?: number): Uint8Array {
  const parts = [encodeId(id), encodeSize(payload.length, sizeWidth), payload];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function uintElement(id: number, value: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = value; v > 0 || bytes.length === 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return element(id, Uint8Array.from(bytes));
}

export function float64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setFloat64(0, value);
  return out;
}

export function masterElement(id: number, children: Uint8Array[]): Uint8Array {
  const payload = new Uint8Array(children.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of children) {
    payload.set(c, at);
    at += c.length;
  }
  return element(id, payload);
}

/** A Void element of exactly `total` bytes (≥ 2). */
export function voidElement(total: number): Uint8Array {
  if (total < 2) throw new Error('a Void element needs at least 2 bytes');
  const width = total - 1 - 1 >= 127 ? 8 : 1;
  return element(ID.Void, new Uint8Array(total - 1 - width), width);
}

/** The 8-byte "unknown" size MediaRecorder writes for live Segments and Clusters. */
export const UNKNOWN_SIZE_8 = Uint8Array.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
export const SEEK_ROOM = 96;
