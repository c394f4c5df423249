// Making MediaRecorder's live WebM seekable without rewriting it. The first chunk's header is
// rebuilt before it is written: the Segment gets an 8-byte size field, a Void of SEEK_ROOM bytes
// is kept for a SeekHead, and Info gets a Duration placeholder. Closing then only patches those
// reserved bytes in place and appends the Cues, so every logged chunk stays byte-exact except
// for the listed patches (which the log records, before and after).
import { type ElementHeader, ID, SEEK_ROOM, UNKNOWN_SIZE_8, encodeId, encodeSize, element, float64, masterElement, readHeader, scannedDurationMs, uintElement, voidElement, type WebmScan } from './ebml.ts';

export interface PreparedHeader {
  bytes: Uint8Array;
  /** Bytes of input consumed (the rest of the input follows unchanged). */
  consumed: number;
}

/** Rebuilds the start of a live WebM (through Info). null: Info is not complete in these bytes. */
export function prepareHeader(input: Uint8Array): PreparedHeader | null {
  const ebml = readHeader(input, 0);
  if (!ebml) return null;
  if (ebml.id !== ID.EBML || ebml.size < 0) throw new Error('not a WebM file: no EBML header at byte 0');
  const segAt = ebml.dataOffset + ebml.size;
  const seg = readHeader(input, segAt);
  if (!seg) return null;
  if (seg.id !== ID.Segment) throw new Error(`not a WebM file: no Segment at byte ${segAt}`);
  let at = seg.dataOffset;
  const before: Uint8Array[] = [];
  for (;;) {
    const h = readHeader(input, at);
    if (!h) return null;
    if (h.size < 0) throw new Error(`unknown-size element 0x${h.id.toString(16)} before Info`);
    const end = h.dataOffset + h.size;
    if (end > input.length) return null;
    if (h.id === ID.Info) {
      const info = rebuildInfo(input, h);
      const parts = [input.subarray(0, segAt), encodeId(ID.Segment), UNKNOWN_SIZE_8, voidElement(SEEK_ROOM), ...before, info];
      return { bytes: join(parts), consumed: end };
    }
    if (h.id === ID.Cluster || h.id === ID.Tracks) throw new Error(`no Info element before byte ${h.offset}`);
    // A muxer's own SeekHead would point at the old positions: ours replaces it.
    if (h.id !== ID.SeekHead) before.push(input.subarray(h.offset, end));
    at = end;
  }
}

function rebuildInfo(input: Uint8Array, info: ElementHeader): Uint8Array {
  const children: Uint8Array[] = [];
  const end = info.dataOffset + info.size;
  for (let at = info.dataOffset; at < end; ) {
    const h = readHeader(input, at);
    if (!h || h.size < 0) throw new Error(`bad element inside Info at byte ${at}`);
    const next = h.dataOffset + h.size;
    if (h.id !== ID.Duration) children.push(input.subarray(at, next));
    at = next;
  }
  children.push(element(ID.Duration, float64(0)));
  return masterElement(ID.Info, children);
}

export interface PlannedPatch {
  offset: number;
  after: Uint8Array;
}

export interface ClosePlan {
  patches: PlannedPatch[];
  /** Bytes to append at the current end (filler for a cut-off element, then Cues). */
  append: Uint8Array;
  durationMs: number;
  finalSize: number;
  cuePoints: number;
}

/** What to write to close a scanned file of `size` bytes (cut off or not). */
export function planClose(scan: WebmScan, size: number): ClosePlan {
  if (!scan.segment) throw new Error('no Segment: the file holds no WebM header');
  const patches: PlannedPatch[] = [];
  const tail: Uint8Array[] = [];
  let end = size;

  // A write cut off mid-element: turn the cut element into a Void that ends at the end of file.
  const inner = scan.open.find((o) => o.header.id === ID.BlockGroup);
  const voidAt = inner?.header.offset ?? scan.partial?.offset;
  if (voidAt !== undefined) {
    const rest = size - voidAt;
    if (rest === 1) {
      patches.push({ offset: voidAt, after: Uint8Array.of(ID.Void) });
      tail.push(Uint8Array.of(0x80));
      end += 1;
    } else {
      const width = rest - 2 >= 127 ? 8 : 1;
      const header = join([encodeId(ID.Void), encodeSize(rest - 1 - width, width)]);
      patches.push({ offset: voidAt, after: header });
    }
  }
  // A known-size Cluster cut off: its size becomes what is there.
  for (const o of scan.open) {
    if (o.header.id === ID.Cluster && o.header.size >= 0) {
      patches.push({ offset: o.header.sizeOffset, after: encodeSize(end - o.header.dataOffset, o.header.sizeLength) });
    }
  }

  const segData = scan.segment.dataOffset;
  const video = scan.tracks.find((t) => t.type === 1)?.number ?? scan.tracks[0]?.number;
  const points = scan.clusters.filter((c) => c.videoKeyframe || scan.tracks.every((t) => t.type !== 1));
  let cuesOffset: number | null = null;
  if (video !== undefined && points.length > 0) {
    const cues = masterElement(
      ID.Cues,
      points.map((c) =>
        masterElement(ID.CuePoint, [
          uintElement(ID.CueTime, c.timecode),
          masterElement(ID.CueTrackPositions, [uintElement(ID.CueTrack, video), uintElement(ID.CueClusterPosition, c.offset - segData)]),
        ]),
      ),
    );
    cuesOffset = end;
    tail.push(cues);
    end += cues.length;
  }

  if (scan.seekRoom && scan.info) {
    const seeks: [number, number | null][] = [
      [ID.Info, scan.info.offset],
      [ID.Tracks, scan.tracksOffset],
      [ID.Cues, cuesOffset],
    ];
    const head = masterElement(
      ID.SeekHead,
      seeks
        .filter((s): s is [number, number] => s[1] !== null)
        .map(([id, at]) => masterElement(ID.Seek, [element(ID.SeekID, encodeId(id)), uintElement(ID.SeekPosition, at - segData)])),
    );
    const room = scan.seekRoom.dataOffset + scan.seekRoom.size - scan.seekRoom.offset;
    if (head.length + 2 <= room) patches.push({ offset: scan.seekRoom.offset, after: join([head, voidElement(room - head.length)]) });
  }

  const durationMs = scannedDurationMs(scan);
  if (scan.duration) {
    const units = (durationMs * 1_000_000) / scan.timecodeScale;
    const bytes = scan.duration.size === 8 ? float64(units) : float32(units);
    patches.push({ offset: scan.duration.offset, after: bytes });
  }
  // The Segment keeps its unknown size: the clusters inside have unknown sizes too, and a
  // known-size parent around them is what players warn about.

  patches.sort((a, b) => a.offset - b.offset);
  return { patches, append: join(tail), durationMs, finalSize: end, cuePoints: points.length };
}

function float32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setFloat32(0, value);
  return out;
}

export function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
