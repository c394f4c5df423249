// The pure half of evidence: canonical JSON, the hash chain, tamper detection on the log and the
// manifest, clock-offset maths, the WebM header and close plan.
import { webcrypto } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Chain,
  canonicalJson,
  canonicalPretty,
  clockOffset,
  CanonicalJsonError,
  crossCheck,
  EventsVerifier,
  nodeToSessionTime,
  offsetAt,
  recordLine,
  webCryptoHasher,
  type EvidenceRecord,
} from '../../scenarios/evidence/index.ts';

const hasher = webCryptoHasher(webcrypto.subtle as SubtleCrypto);

const start = {
  format: 'livedrill-evidence/1',
  sessionId: '20260101-090000-abcdef',
  createdAt: '2026-01-01T01:00:00.000Z',
  candidate: { id: 'c-01', name: '李四' },
  station: 'A1',
  scenario: { id: 'b5-navel-orange', hash: 'h1' },
  seed: 42,
  app: { name: 'livedrill', version: '0.1.0' },
} as const;

async function buildLog(n = 6): Promise<{ records: EvidenceRecord[]; lines: string[] }> {
  const chain = new Chain(hasher);
  const records = [await chain.append({ t: 0, wall: 1000, type: 'session.start', data: start })];
  for (let i = 1; i < n; i++) records.push(await chain.append({ t: i * 100, wall: 1000 + i, type: 'engine.input', data: { input: { kind: 'comment', i, text: `你好 ${i}` } } }));
  return { records, lines: records.map((r) => recordLine(r).slice(0, -1)) };
}

async function verifyLines(lines: string[]) {
  const v = new EventsVerifier(hasher);
  for (const [i, line] of lines.entries()) await v.line(line, i + 1);
  const summary = v.end(true);
  return { findings: v.findings, summary };
}

describe('canonical JSON', () => {
  it('sorts keys, drops undefined, writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, é: { z: 1, y: -0 } })).toBe('{"a":[true,null,"x"],"b":1,"é":{"y":0,"z":1}}');
  });
  it('is independent of key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
  it('refuses values without a JSON form, saying where', () => {
    expect(() => canonicalJson({ a: { b: Number.NaN } })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: { b: Number.NaN } })).toThrow('$.a.b');
    expect(() => canonicalJson({ d: new Date() })).toThrow('$.d: only plain objects');
  });
  it('pretty form is sorted and ends with a newline', () => {
    expect(canonicalPretty({ b: 1, a: 2 })).toBe('{\n  "a": 2,\n  "b": 1\n}\n');
  });
});

describe('hash chain', () => {
  it('links each record to the one before and verifies clean', async () => {
    const { records, lines } = await buildLog();
    expect(records[0]?.prev).toBe('0'.repeat(64));
    for (let i = 1; i < records.length; i++) expect(records[i]?.prev).toBe(records[i - 1]?.hash);
    const { findings, summary } = await verifyLines(lines);
    expect(findings).toEqual([]);
    expect(summary.records).toBe(records.length);
    expect(summary.head).toBe(records.at(-1)?.hash);
    expect(summary.start?.candidate.name).toBe('李四');
  });

  it('an edited record is found at its line (hash mismatch)', async () => {
    const { lines } = await buildLog();
    lines[3] = (lines[3] ?? '').replace('你好 3', '你好 9');
    const { findings } = await verifyLines(lines);
    expect(findings).toEqual([expect.objectContaining({ code: 'hash_mismatch', line: 4, seq: 3 })]);
  });

  it('an edited and re-hashed record breaks the link of the next line', async () => {
    const { records, lines } = await buildLog();
    const edited = await new Chain(hasher, { seq: 3, head: records[2]?.hash ?? '' }).append({ t: 300, wall: 1003, type: 'engine.input', data: { input: 'forged' } });
    lines[3] = recordLine(edited).slice(0, -1);
    const { findings } = await verifyLines(lines);
    expect(findings).toEqual([expect.objectContaining({ code: 'prev_mismatch', line: 5, seq: 4 })]);
  });

  it('a removed record is found where the gap is', async () => {
    const { lines } = await buildLog();
    lines.splice(2, 1);
    const { findings } = await verifyLines(lines);
    expect(findings.map((f) => [f.code, f.line])).toEqual([
      ['seq_mismatch', 3],
      ['prev_mismatch', 3],
    ]);
    expect(findings[0]?.message).toContain('缺少 seq 2');
  });

  it('reordered records are found at both lines', async () => {
    const { lines } = await buildLog();
    [lines[2], lines[3]] = [lines[3] ?? '', lines[2] ?? ''];
    const { findings } = await verifyLines(lines);
    expect(new Set(findings.map((f) => f.line))).toEqual(new Set([3, 4, 5]));
    expect(findings.some((f) => f.code === 'seq_mismatch' && f.line === 3)).toBe(true);
  });

  it('any single changed byte in the log is found (property)', async () => {
    const { lines } = await buildLog(4);
    const text = lines.join('\n');
    await fc.assert(
      fc.asyncProperty(fc.nat(text.length - 1), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const bytes = Buffer.from(text);
        if (bytes[at] === 0x0a) return; // the line structure itself: other tests cover removal
        bytes[at] = ((bytes[at] ?? 0) + delta) % 256;
        if (bytes[at] === 0x0a) return;
        const { findings } = await verifyLines(bytes.toString('utf8').split('\n'));
        expect(findings.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('names a bad field and an unreadable line', async () => {
    const { lines } = await buildLog(3);
    lines[1] = '{"seq":1,';
    lines.push(JSON.stringify({ seq: 3, t: 'x' }));
    const { findings } = await verifyLines(lines);
    expect(findings[0]).toMatchObject({ code: 'line_not_json', line: 2 });
    expect(findings.some((f) => f.code === 'record_invalid' && f.line === 4 && f.field === 't')).toBe(true);
  });

  it('reports a cut last line', async () => {
    const { lines } = await buildLog(3);
    const v = new EventsVerifier(hasher);
    for (const [i, line] of lines.entries()) await v.line(line, i + 1);
    v.end(false);
    expect(v.findings).toEqual([expect.objectContaining({ code: 'partial_line', line: 3 })]);
  });
});

describe('manifest cross-check', () => {
  it('a manifest field that differs from the chain is named', async () => {
    const { lines } = await buildLog(2);
    const { summary } = await verifyLines(lines);
    const manifest = {
      ...start,
      candidate: { id: 'c-01', name: '王五' },
      status: 'recording',
      clock: { offsets: [] },
      media: { camera: null },
      stop: null,
      recovery: null,
      chain: { head: null, records: 0 },
      files: [],
      external: [],
    };
    const { findings } = crossCheck({ manifestText: canonicalPretty(manifest), summary, disk: [] });
    expect(findings).toContainEqual(expect.objectContaining({ code: 'manifest_mismatch', field: 'candidate', file: 'manifest.json' }));
    expect(findings).toContainEqual(expect.objectContaining({ code: 'unfinished', field: 'status' }));
    const { findings: spaced } = crossCheck({ manifestText: canonicalPretty(manifest).replace('\n  "app"', '\n   "app"'), summary, disk: [] });
    expect(spaced).toContainEqual(expect.objectContaining({ code: 'manifest_not_canonical' }));
    const { findings: bad } = crossCheck({ manifestText: JSON.stringify({ ...manifest, seed: [1] }), summary, disk: [] });
    expect(bad).toContainEqual(expect.objectContaining({ code: 'manifest_invalid', field: 'seed' }));
  });
});

describe('clock offsets', () => {
  it('computes NTP offset and delay from four timestamps', () => {
    // Node is 250 ms ahead; 10 ms each way; 2 ms of processing.
    const o = clockOffset({ rendererSentAt: 1000, nodeReceivedAt: 1260, nodeSentAt: 1262, rendererReceivedAt: 1022 });
    expect(o.offsetMs).toBe(250);
    expect(o.rttMs).toBe(20);
  });
  it('an asymmetric path errs by at most half the round trip', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), (offset, up, down) => {
        const t0 = 5000;
        const t1 = t0 + up + offset;
        const t2 = t1 + 1;
        const t3 = t2 - offset + down;
        const o = clockOffset({ rendererSentAt: t0, nodeReceivedAt: t1, nodeSentAt: t2, rendererReceivedAt: t3 });
        expect(Math.abs(o.offsetMs - offset)).toBeLessThanOrEqual(o.rttMs / 2 + 1e-6);
      }),
    );
  });
  it('maps Node times onto the media timeline with the nearest sample', () => {
    const offsets = [
      { at: 10_000, offsetMs: 250, rttMs: 2 },
      { at: 70_000, offsetMs: 251, rttMs: 2 },
    ];
    expect(offsetAt(offsets, 60_000)?.offsetMs).toBe(251);
    // Recorder started at renderer time 9_000; Node time 10_250 is renderer 10_000 → 1 s in.
    expect(nodeToSessionTime(10_250, 9_000, offsets)).toBe(1000);
  });
});
