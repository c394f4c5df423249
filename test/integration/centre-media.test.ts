// The centre's live view against a real centre process and real mediasoup workers (two, so an
// assessor's transport lands on the other worker and the station's stream is piped there):
// signaling, station tiles and assessor marks, and every refusal of the access rules: no
// credential, a revoked station, a station touching another's transport or asking to watch, an
// assessor outside its sittings or reaching into another sitting's stream, bad bodies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinCentre, memberLink } from '../../electron/services/network/centre-join.ts';
import { createCentreLink, type CentreLink } from '../../electron/services/network/centre-link.ts';
import { createFileSecretStore } from '../../electron/services/obs/secret-store.ts';
import { startCentreProcess, type CentreProcess } from '../harness/centre-process.ts';
import { cli } from '../harness/cli.ts';

const SITTING = 's20261204a';
const OTHER = 's20261204b';
const DTLS = { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: Array.from({ length: 32 }, () => 'AB').join(':') }] };
const VP8_SIMULCAST = {
  mid: '0',
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack' }] }],
  headerExtensions: [],
  encodings: [{ ssrc: 11111111 }, { ssrc: 22222222 }, { ssrc: 33333333 }],
  rtcp: { cname: 'station' },
};
const status = (sitting: string, name = '张敏') => ({
  sitting,
  candidate: { id: 'C001', name },
  task: { scenarioId: 'b5-navel-orange', sessionId: '20261204-100000-b5-abcd', elapsedMs: 61_000, durationMs: 600_000 },
  recording: 'recording',
  faults: ['network_drop'],
  figures: { viewers: 120, orders: 3, pendingQuestions: 2 },
});

describe('the centre live view (real centre process, two mediasoup workers)', () => {
  let tmp: string;
  let centreDir: string;
  let centre: CentreProcess;
  let url: string;
  const links: CentreLink[] = [];
  const ids = new Map<string, string>();
  const dirOf = (name: string) => join(tmp, name);
  const pairAs = async (name: string, ...role: string[]) => {
    const r = await cli('centre', 'pair', '--json', '--data-dir', centreDir, ...role);
    expect(r.code, r.err).toBe(0);
    const m = await joinCentre({ url, fingerprint: centre.fingerprint, code: (JSON.parse(r.out) as { code: string }).code, name, dataDir: dirOf(name), secrets: createFileSecretStore(dirOf(name)) });
    ids.set(name, m.device.deviceId);
  };
  const linkOf = async (name: string) => {
    const m = await memberLink(dirOf(name), createFileSecretStore(dirOf(name)));
    if (!m) throw new Error(`${name} joined no centre`);
    links.push(m.link);
    return m.link;
  };
  const idOf = (name: string) => ids.get(name) ?? '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-centre-media-'));
    centreDir = dirOf('centre');
    centre = await startCentreProcess(centreDir, ['--sfu-workers', '2']);
    url = `https://127.0.0.1:${centre.port}`;
    await pairAs('考站01', '--role', 'station');
    await pairAs('考站02', '--role', 'station');
    await pairAs('考评员甲', '--role', 'assessor', '--sitting', SITTING);
    await pairAs('考评员乙', '--role', 'assessor', '--sitting', OTHER);
  }, 60_000);
  afterAll(async () => {
    for (const l of links) l.close();
    await centre.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  let producerId = '';
  let markSeq = 0;

  it('a station publishes into its sitting; an assigned assessor sees its tile and consumes it through a pipe to the other worker', async () => {
    const a = await linkOf('考站01');
    const caps = await a.request('GET', `/api/media/sittings/${SITTING}/capabilities`);
    expect(caps.status, JSON.stringify(caps.body)).toBe(200);
    const codecs = (caps.body as { rtpCapabilities: { codecs: { mimeType: string }[] } }).rtpCapabilities.codecs.map((c) => c.mimeType);
    expect(codecs).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8']));
    expect(await a.request('POST', '/api/media/status', { json: { status: status(SITTING), marksAfter: 0 } })).toMatchObject({ status: 200, body: { marks: [] } });
    const send = await a.request('POST', '/api/media/transports', { json: { sitting: SITTING, direction: 'send' } });
    expect(send.status).toBe(200);
    const sendId = (send.body as { id: string; iceCandidates: { address: string }[] }).id;
    expect((send.body as { iceCandidates: { address: string }[] }).iceCandidates.map((c) => c.address)).toContain('127.0.0.1');
    expect((await a.request('POST', `/api/media/transports/${sendId}/connect`, { json: { dtlsParameters: DTLS } })).status).toBe(200);
    const produced = await a.request('POST', '/api/media/producers', { json: { transportId: sendId, kind: 'video', rtpParameters: VP8_SIMULCAST, source: 'camera' } });
    expect(produced.status, JSON.stringify(produced.body)).toBe(200);
    producerId = (produced.body as { id: string }).id;

    const x = await linkOf('考评员甲');
    const board = await x.request('GET', `/api/media/sittings/${SITTING}/stations`);
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({
      sitting: SITTING,
      stations: [{ station: { deviceId: idOf('考站01'), name: '考站01' }, status: { candidate: { id: 'C001' }, faults: ['network_drop'] }, producers: [{ id: producerId, kind: 'video', source: 'camera' }] }],
    });
    const xcaps = ((await x.request('GET', `/api/media/sittings/${SITTING}/capabilities`)).body as { rtpCapabilities: unknown }).rtpCapabilities;
    const recv = await x.request('POST', '/api/media/transports', { json: { sitting: SITTING, direction: 'recv' } });
    expect(recv.status).toBe(200);
    const recvId = (recv.body as { id: string }).id;
    const consumed = await x.request('POST', '/api/media/consumers', { json: { transportId: recvId, producerId, rtpCapabilities: xcaps } });
    expect(consumed.status, JSON.stringify(consumed.body)).toBe(200);
    const consumer = consumed.body as { id: string; producerId: string; kind: string; rtpParameters: { encodings: unknown[] } };
    expect(consumer).toMatchObject({ producerId, kind: 'video' });
    expect((await x.request('POST', `/api/media/consumers/${consumer.id}/resume`)).status).toBe(200);
    expect((await x.request('POST', `/api/media/consumers/${consumer.id}/layer`, { json: { spatialLayer: 2 } })).status).toBe(200);
    // The station may not touch the assessor's consumer, nor the assessor the station's transport.
    expect(await a.request('POST', `/api/media/consumers/${consumer.id}/resume`)).toMatchObject({ status: 403, body: { code: 'not_own' } });
    expect(await x.request('POST', `/api/media/transports/${sendId}/connect`, { json: { dtlsParameters: DTLS } })).toMatchObject({ status: 403, body: { code: 'not_own' } });
  });

  it('a station can neither watch, nor use another station\'s transport; an assessor cannot publish', async () => {
    const b = await linkOf('考站02');
    expect(await b.request('GET', `/api/media/sittings/${SITTING}/stations`)).toMatchObject({ status: 403, body: { code: 'wrong_role' } });
    expect(await b.request('POST', '/api/media/transports', { json: { sitting: SITTING, direction: 'recv' } })).toMatchObject({ status: 403, body: { code: 'wrong_role' } });
    const send = await b.request('POST', '/api/media/transports', { json: { sitting: OTHER, direction: 'send' } });
    const bSend = (send.body as { id: string }).id;
    const a = await linkOf('考站01');
    expect(await a.request('POST', '/api/media/producers', { json: { transportId: bSend, kind: 'video', rtpParameters: VP8_SIMULCAST, source: 'camera' } })).toMatchObject({ status: 403, body: { code: 'not_own' } });
    const x = await linkOf('考评员甲');
    expect(await x.request('POST', '/api/media/status', { json: { status: status(SITTING), marksAfter: 0 } })).toMatchObject({ status: 403, body: { code: 'wrong_role' } });
    expect(await x.request('POST', '/api/media/transports', { json: { sitting: SITTING, direction: 'send' } })).toMatchObject({ status: 403, body: { code: 'wrong_role' } });
  });

  it('an assessor outside the sitting is refused, and a transport of one sitting cannot reach another sitting\'s stream', async () => {
    const y = await linkOf('考评员乙');
    expect(await y.request('GET', `/api/media/sittings/${SITTING}/stations`)).toMatchObject({ status: 403, body: { code: 'not_assigned', params: { sitting: SITTING } } });
    expect(await y.request('POST', '/api/media/transports', { json: { sitting: SITTING, direction: 'recv' } })).toMatchObject({ status: 403, body: { code: 'not_assigned' } });
    expect(await y.request('POST', `/api/media/sittings/${SITTING}/marks`, { json: { station: idOf('考站01'), elapsedMs: 1000, note: '看一下' } })).toMatchObject({ status: 403, body: { code: 'not_assigned' } });
    const recv = await y.request('POST', '/api/media/transports', { json: { sitting: OTHER, direction: 'recv' } });
    expect(recv.status).toBe(200);
    const caps = ((await y.request('GET', `/api/media/sittings/${OTHER}/capabilities`)).body as { rtpCapabilities: unknown }).rtpCapabilities;
    expect(await y.request('POST', '/api/media/consumers', { json: { transportId: (recv.body as { id: string }).id, producerId, rtpCapabilities: caps } })).toMatchObject({ status: 403, body: { code: 'not_assigned', params: { sitting: SITTING } } });
  });

  it('an assessor\'s mark reaches the station with its next tile report, once, and survives a centre restart', async () => {
    const x = await linkOf('考评员甲');
    const marked = await x.request('POST', `/api/media/sittings/${SITTING}/marks`, { json: { station: idOf('考站01'), elapsedMs: 61_000, note: '未回应价格追问' } });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body).toMatchObject({ mark: { station: idOf('考站01'), sitting: SITTING, note: '未回应价格追问', sessionId: '20261204-100000-b5-abcd', assessor: { name: '考评员甲' } } });
    markSeq = (marked.body as { mark: { seq: number } }).mark.seq;
    // A mark on a station of another sitting is refused.
    expect(await x.request('POST', `/api/media/sittings/${SITTING}/marks`, { json: { station: idOf('考站02'), elapsedMs: null, note: 'x' } })).toMatchObject({ status: 403, body: { code: 'not_assigned' } });
    const a = await linkOf('考站01');
    const report = await a.request('POST', '/api/media/status', { json: { status: status(SITTING), marksAfter: 0 } });
    expect((report.body as { marks: { note: string }[] }).marks.map((m) => m.note)).toEqual(['未回应价格追问']);
    expect(await a.request('POST', '/api/media/status', { json: { status: status(SITTING), marksAfter: markSeq } })).toMatchObject({ body: { marks: [] } });

    await centre.stop();
    centre = await startCentreProcess(centreDir, ['--sfu-workers', '2'], centre.port);
    const again = await linkOf('考站01');
    const kept = await again.request('POST', '/api/media/status', { json: { status: status(SITTING), marksAfter: 0 } });
    expect((kept.body as { marks: { note: string; seq: number }[] }).marks).toEqual([expect.objectContaining({ note: '未回应价格追问', seq: markSeq })]);
  }, 30_000);

  it('bad bodies get located errors; no credential and a revoked station are refused', async () => {
    const a = await linkOf('考站01');
    expect(await a.request('POST', '/api/media/transports', { json: { sitting: 'x y', direction: 'send' } })).toMatchObject({ status: 400, body: { code: 'bad_input', params: { field: 'sitting' } } });
    expect(await a.request('POST', '/api/media/status', { json: { status: { ...status(SITTING), recording: 'maybe' }, marksAfter: 0 } })).toMatchObject({ status: 400, body: { code: 'bad_input', params: { field: 'status.recording' } } });
    const send = await a.request('POST', '/api/media/transports', { json: { sitting: SITTING, direction: 'send' } });
    expect(await a.request('POST', '/api/media/producers', { json: { transportId: (send.body as { id: string }).id, kind: 'video', rtpParameters: { codecs: [] }, source: 'camera' } })).toMatchObject({ status: 400, body: { code: 'sfu_refused' } });
    const anonymous = createCentreLink({ url, fingerprint: centre.fingerprint });
    links.push(anonymous);
    expect(await anonymous.request('GET', `/api/media/sittings/${SITTING}/stations`)).toMatchObject({ status: 401, body: { code: 'no_credential' } });
    expect((await cli('centre', 'revoke', idOf('考站01'), '--data-dir', centreDir)).code).toBe(0);
    expect(await a.request('POST', '/api/media/transports', { json: { sitting: SITTING, direction: 'send' } })).toMatchObject({ status: 401, body: { code: 'revoked' } });
  });
});
