// The upload machine and the centre's chunk rules, pure: resume at the centre's offsets, back
// off on network errors and re-offer, resync on an offset mismatch, refuse bad chunks.
import { describe, expect, it } from 'vitest';
import { judgeChunk, nextAction, reduceUpload, startUpload, UploadOffer, waited } from '../../scenarios/network/upload.ts';

const sha = (c: string) => c.repeat(64);
const offer = UploadOffer.parse({
  sessionId: '20261128-163215-abcdef',
  manifestSha256: sha('a'),
  files: [
    { path: 'manifest.json', size: 10, sha256: sha('a') },
    { path: 'seal.json', size: 5, sha256: sha('b') },
    { path: 'media/camera.webm', size: 25, sha256: sha('c') },
  ],
});

describe('upload protocol', () => {
  it('sends only what the centre lacks, in chunks, then completes', () => {
    let s = startUpload(offer);
    expect(nextAction(s)).toEqual({ kind: 'offer' });
    s = reduceUpload(s, { type: 'status', status: { sessionId: offer.sessionId, state: 'receiving', received: { 'manifest.json': 10, 'seal.json': 5, 'media/camera.webm': 12 }, chunkBytes: 8 } });
    expect(nextAction(s)).toEqual({ kind: 'send', path: 'media/camera.webm', offset: 12, size: 8 });
    s = reduceUpload(s, { type: 'acked', path: 'media/camera.webm', received: 20 });
    expect(nextAction(s)).toEqual({ kind: 'send', path: 'media/camera.webm', offset: 20, size: 5 });
    s = reduceUpload(s, { type: 'network_error', message: 'ECONNRESET' });
    expect(nextAction(s)).toEqual({ kind: 'wait', ms: 250 });
    s = reduceUpload(waited(s), { type: 'network_error', message: 'ECONNREFUSED' });
    expect(nextAction(s)).toEqual({ kind: 'wait', ms: 500 });
    s = waited(s);
    expect(nextAction(s)).toEqual({ kind: 'offer' });
    // The centre restarted and kept less than was acked: its answer wins.
    s = reduceUpload(s, { type: 'status', status: { sessionId: offer.sessionId, state: 'receiving', received: { 'manifest.json': 10, 'seal.json': 5, 'media/camera.webm': 16 }, chunkBytes: 8 } });
    expect(nextAction(s)).toEqual({ kind: 'send', path: 'media/camera.webm', offset: 16, size: 8 });
    s = reduceUpload(s, { type: 'resync', path: 'media/camera.webm', expected: 24 });
    expect(nextAction(s)).toEqual({ kind: 'send', path: 'media/camera.webm', offset: 24, size: 1 });
    s = reduceUpload(s, { type: 'acked', path: 'media/camera.webm', received: 25 });
    expect(nextAction(s)).toEqual({ kind: 'complete' });
    s = reduceUpload(s, { type: 'confirmed', receipt: { ok: true } });
    expect(nextAction(s)).toEqual({ kind: 'done' });
    expect(reduceUpload(s, { type: 'network_error', message: 'late' }).phase).toBe('confirmed');
  });

  it('judges chunks: offset, size, hash', () => {
    const f = offer.files[2];
    expect(judgeChunk(f, 0, { offset: 0, size: 8, declaredSha256: sha('d'), actualSha256: sha('d') }, 8)).toEqual({ ok: true, received: 8, fileDone: false });
    expect(judgeChunk(f, 8, { offset: 0, size: 8, declaredSha256: sha('d'), actualSha256: sha('d') }, 8)).toMatchObject({ ok: false, code: 'offset_mismatch', expected: 8 });
    expect(judgeChunk(f, 8, { offset: 8, size: 8, declaredSha256: sha('d'), actualSha256: sha('e') }, 8)).toMatchObject({ ok: false, code: 'hash_mismatch' });
    expect(judgeChunk(f, 24, { offset: 24, size: 8, declaredSha256: sha('d'), actualSha256: sha('d') }, 8)).toMatchObject({ ok: false, code: 'too_long' });
    expect(judgeChunk(f, 0, { offset: 0, size: 9, declaredSha256: sha('d'), actualSha256: sha('d') }, 8)).toMatchObject({ ok: false, code: 'chunk_too_big' });
    expect(judgeChunk(undefined, 0, { offset: 0, size: 1, declaredSha256: sha('d'), actualSha256: sha('d') }, 8)).toMatchObject({ ok: false, code: 'unknown_file' });
  });

  it('refuses an offer without a seal, with a traversal path, or with duplicates', () => {
    const bad = (files: unknown[]) => UploadOffer.safeParse({ ...offer, files }).error?.issues.map((i) => i.message).join(' | ');
    expect(bad([offer.files[0], offer.files[2]])).toContain('seal.json');
    expect(bad([...offer.files, { path: '../etc/passwd', size: 1, sha256: sha('f') }])).toContain('not a package path');
    expect(bad([...offer.files, offer.files[2]])).toContain('duplicate');
  });
});
