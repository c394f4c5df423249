// The transcript seam: a package's transcript.json through the banned-word check typed text
// gets, with times, and the selling points it speaks.
import { describe, expect, it } from 'vitest';
import { scanTranscript, spokenPoints } from '../../scenarios/compliance/index.ts';
import { isPackagePath, parseTranscript, TRANSCRIPT_FILE, TRANSCRIPT_FORMAT, type Transcript } from '../../scenarios/evidence/index.ts';

const transcript = (segments: Transcript['segments']): Transcript => ({ format: TRANSCRIPT_FORMAT, language: 'zh-CN', source: 'test', segments });

const orange = [
  {
    id: 'orange',
    sellingPoints: [
      { id: 'sweet', text: '果肉脆甜多汁，实测糖度约 13 度' },
      { id: 'origin', text: '赣南脐橙地理标志产品，产地江西赣州' },
      { id: 'fresh', text: '现摘现发，采摘后清水清洗，不打蜡' },
    ],
  },
];

describe('transcript.json', () => {
  it('is a package path and parses with its schema', () => {
    expect(isPackagePath(TRANSCRIPT_FILE)).toBe(true);
    const t = parseTranscript(JSON.stringify(transcript([{ start: 0, end: 2.5, text: '大家好' }])));
    expect(t.segments[0]?.text).toBe('大家好');
  });

  it('refuses bad files with the field named', () => {
    expect(() => parseTranscript('{')).toThrow(/transcript\.json: not JSON/);
    expect(() => parseTranscript(JSON.stringify({ ...transcript([]), format: 'x' }))).toThrow(/transcript\.json: format/);
    expect(() => parseTranscript(JSON.stringify(transcript([{ start: 3, end: 1, text: 'a' }])))).toThrow(/segments\.0\.end: end before start/);
    expect(() => parseTranscript(JSON.stringify(transcript([{ start: 5, end: 6, text: 'a' }, { start: 1, end: 2, text: 'b' }])))).toThrow(/segments\.1\.start: .*time order/);
    expect(() => parseTranscript(JSON.stringify(transcript([{ start: -1, end: 2, text: 'a' }])))).toThrow(/segments\.0\.start/);
  });
});

describe('scanTranscript', () => {
  it('finds the banned words said, with the time of the segment, as scanText does on typed text', () => {
    const hits = scanTranscript(
      transcript([
        { start: 1, end: 3, text: '大家好，欢迎来到直播间' },
        { start: 10, end: 14, text: '这是全网最低价的脐橙，想要的加微信' },
        { start: 20, end: 22, text: '我们不说全网最低价' },
      ]),
    );
    expect(hits.map((h) => `${h.word}/${h.category}@${h.at}-${h.until}#${h.segment}`)).toEqual(['全网最低价/price_fraud@10-14#1', '加微信/diversion@10-14#1']);
    expect(hits[0]?.advice.length).toBeGreaterThan(0);
  });

  it('finds nothing in clean speech or an empty transcript', () => {
    expect(scanTranscript(transcript([{ start: 0, end: 4, text: '今天给大家带来赣南脐橙' }]))).toEqual([]);
    expect(scanTranscript(transcript([]))).toEqual([]);
  });
});

describe('spokenPoints', () => {
  it('counts a point spoken when half its clauses are heard, at the end of the segment that completes them', () => {
    const points = spokenPoints(
      transcript([
        { start: 0, end: 5, text: '我们家的脐橙果肉脆甜多汁！' },
        { start: 30, end: 36, text: '都是现摘现发的，采摘后清水' },
        { start: 36, end: 40, text: '清洗，绝对不打蜡' },
      ]),
      orange,
    );
    expect(points).toEqual([
      { productId: 'orange', pointId: 'sweet', heard: 1, clauses: 2, spokenAt: 5 },
      { productId: 'orange', pointId: 'origin', heard: 0, clauses: 2, spokenAt: null },
      { productId: 'orange', pointId: 'fresh', heard: 3, clauses: 3, spokenAt: 40 },
    ]);
  });

  it('ignores spaces, punctuation and full-width forms when matching', () => {
    const [sweet] = spokenPoints(transcript([{ start: 2, end: 4, text: '实测糖度约１３度' }]), orange);
    expect(sweet).toMatchObject({ heard: 1, spokenAt: 4 });
  });
});
