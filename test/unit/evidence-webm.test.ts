// The WebM side of evidence on real MediaRecorder output (Chromium, VP8 + Opus, 1-second
// chunks, in test/fixtures/evidence/chrome-chunks): header preparation, scanning, and closing
// a file cut at any byte so it parses to the end with its duration and an index.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID, planClose, prepareHeader, readHeader, WebmReader, type WebmScan } from '../../scenarios/evidence/index.ts';

const dir = new URL('../fixtures/evidence/chrome-chunks/', import.meta.url);
const chunks = [0, 1, 2, 3, 4].map((i) => new Uint8Array(readFileSync(new URL(`chunk${i}.bin`, dir))));
const raw = Buffer.concat(chunks);

function scan(bytes: Uint8Array, step = 7919): WebmScan {
  const reader = new WebmReader();
  for (let at = 0; at < bytes.length; at += step) reader.push(bytes.subarray(at, at + step));
  return reader.end();
}

function prepared(): Uint8Array {
  const p = prepareHeader(chunks[0] ?? new Uint8Array());
  if (!p) throw new Error('header not complete in chunk 0');
  return Buffer.concat([p.bytes, raw.subarray(p.consumed)]);
}

/** Applies a close plan in memory, as media-file.ts does on disk. */
function close(bytes: Uint8Array): { out: Uint8Array; plan: ReturnType<typeof planClose> } {
  const plan = planClose(scan(bytes), bytes.length);
  const out = new Uint8Array(plan.finalSize);
  out.set(bytes, 0);
  out.set(plan.append, bytes.length);
  for (const p of plan.patches) out.set(p.after, p.offset);
  return { out, plan };
}

describe('WebM header preparation', () => {
  it('needs Info complete, then keeps room for a seek index and a duration', () => {
    expect(prepareHeader((chunks[0] ?? new Uint8Array()).subarray(0, 60))).toBeNull();
    const file = prepared();
    const s = scan(file);
    expect(s.error).toBeNull();
    expect(s.seekRoom?.offset).toBe(s.segment?.dataOffset);
    expect(s.duration).toMatchObject({ size: 8, value: 0 });
    expect(s.tracks.map((t) => t.type).sort()).toEqual([1, 2]);
    expect(s.clusters.length).toBeGreaterThan(0);
    // Everything after Info is byte-identical to what Chromium wrote.
    const p = prepareHeader(chunks[0] ?? new Uint8Array());
    expect(Buffer.from(file.subarray(file.length - (raw.length - (p?.consumed ?? 0)))).equals(raw.subarray(p?.consumed ?? 0))).toBe(true);
  });

  it('refuses bytes that are not WebM', () => {
    expect(() => prepareHeader(Uint8Array.from([0x1f, 0x43, 0xb6, 0x75, 0x81, 0x00]))).toThrow('no EBML header');
  });
});

describe('closing a WebM', () => {
  it('a complete recording gets its duration, cues and a seek head', () => {
    const { out, plan } = close(prepared());
    const s = scan(out);
    expect(s.error).toBeNull();
    expect(s.partial).toBeNull();
    expect(plan.durationMs).toBeGreaterThan(3500);
    expect(((s.duration?.value ?? 0) * s.timecodeScale) / 1e6).toBeCloseTo(plan.durationMs, 3);
    expect(s.cuesOffset).toBe(prepared().length);
    // The room kept at the Segment's start now holds the SeekHead.
    const seekHead = readHeader(out, s.segment?.dataOffset ?? 0);
    expect(seekHead?.id).toBe(ID.SeekHead);
  });

  it('a file cut at any byte after the header closes into a readable file (property)', () => {
    const file = prepared();
    const headerEnd = scan(file).clusters[0]?.offset ?? 0;
    fc.assert(
      fc.property(fc.integer({ min: headerEnd + 1, max: file.length - 1 }), (cut) => {
        const bytes = file.subarray(0, cut);
        const { out, plan } = close(bytes);
        const s = scan(out);
        expect(s.error).toBeNull();
        expect(s.partial).toBeNull();
        expect(s.open).toEqual([]);
        // Only the listed patches changed bytes that were there.
        const changed = new Set<number>();
        for (const p of plan.patches) for (let i = 0; i < p.after.length; i++) changed.add(p.offset + i);
        for (let i = 0; i < cut; i += 97) if (!changed.has(i)) expect(out[i]).toBe(bytes[i]);
      }),
      { numRuns: 150 },
    );
  });
});
