// The centre's live-view routes: SFU signaling (a station publishes its own camera, mic and OBS
// output; an assessor consumes the sittings it is assigned to), station tiles and assessor marks.
// Every body is parsed; every action is authorised by scenarios/centre/access.ts before the SFU
// sees it, and the SFU checks that each transport or consumer belongs to the caller.
import type { IncomingMessage } from 'node:http';
import type { types } from 'mediasoup';
import { z } from 'zod';
import type { CentreDevice } from '../../../scenarios/centre/access.ts';
import { AssessorMarkIn, ConnectRequest, ConsumeRequest, LayerRequest, ProduceRequest, StationStatus, TransportRequest, type StationView } from '../../../scenarios/centre/media.ts';
import type { Sfu } from '../sfu/sfu.ts';
import { allow } from './device-routes.ts';
import type { LiveBoard } from './live-board.ts';
import { CentreError } from './registry.ts';
import type { DeviceRoute } from './server.ts';
import { readJson, sendJson } from './upload-routes.ts';

export const MEDIA_PATH = '/api/media';
const MAX_SIGNAL_BYTES = 64 * 1024;

const StatusReport = z.strictObject({ status: StationStatus, marksAfter: z.number().int().min(0) });

async function body<T extends z.ZodType>(request: IncomingMessage, schema: T): Promise<z.output<T>> {
  const parsed = schema.safeParse(await readJson(request, MAX_SIGNAL_BYTES));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CentreError(400, 'bad_input', { field: issue?.path.join('.') || '(root)', message: issue?.message ?? '' });
  }
  return parsed.data;
}

export function mediaRoutes(sfu: () => Promise<Sfu>, board: LiveBoard): DeviceRoute {
  // Who may open a transport of a sitting: a station publishes its own streams into it, an
  // assessor assigned to it watches.
  const allowSitting = (device: CentreDevice, sitting: string, direction: 'send' | 'recv') =>
    allow(device, direction === 'send' ? { kind: 'publish_media', station: device.deviceId } : { kind: 'watch', sitting });

  return async (request, response, url, device) => {
    const path = url.pathname;
    if (path !== MEDIA_PATH && !path.startsWith(`${MEDIA_PATH}/`)) return false;
    const post = request.method === 'POST';
    try {
      const rest = path.slice(MEDIA_PATH.length);
      let m: RegExpExecArray | null;
      if ((m = /^\/sittings\/([A-Za-z0-9_-]{1,40})\/capabilities$/.exec(rest)) && request.method === 'GET') {
        const sitting = m[1] ?? '';
        allowSitting(device, sitting, device.role === 'station' ? 'send' : 'recv');
        sendJson(response, 200, { rtpCapabilities: await (await sfu()).capabilities(sitting) });
      } else if (rest === '/transports' && post) {
        const input = await body(request, TransportRequest);
        allowSitting(device, input.sitting, input.direction);
        sendJson(response, 200, await (await sfu()).createTransport(device.deviceId, input.sitting, input.direction));
      } else if ((m = /^\/transports\/([0-9a-f-]{36})\/connect$/.exec(rest)) && post) {
        const input = await body(request, ConnectRequest);
        await (await sfu()).connect(device.deviceId, m[1] ?? '', input.dtlsParameters as unknown as types.DtlsParameters);
        sendJson(response, 200, {});
      } else if (rest === '/producers' && post) {
        const input = await body(request, ProduceRequest);
        allow(device, { kind: 'publish_media', station: device.deviceId });
        sendJson(response, 200, await (await sfu()).produce(device.deviceId, input.transportId, input.kind, input.rtpParameters as unknown as types.RtpParameters, input.source));
      } else if (rest === '/consumers' && post) {
        const input = await body(request, ConsumeRequest);
        sendJson(response, 200, await (await sfu()).consume(device.deviceId, input.transportId, input.producerId, input.rtpCapabilities));
      } else if ((m = /^\/consumers\/([0-9a-f-]{36})\/resume$/.exec(rest)) && post) {
        request.resume();
        await (await sfu()).resume(device.deviceId, m[1] ?? '');
        sendJson(response, 200, {});
      } else if ((m = /^\/consumers\/([0-9a-f-]{36})\/layer$/.exec(rest)) && post) {
        const input = await body(request, LayerRequest);
        await (await sfu()).setLayer(device.deviceId, m[1] ?? '', input.spatialLayer);
        sendJson(response, 200, {});
      } else if (rest === '/status' && post) {
        const input = await body(request, StatusReport);
        allow(device, { kind: 'publish_media', station: device.deviceId });
        board.report({ deviceId: device.deviceId, name: device.name }, input.status);
        sendJson(response, 200, { marks: board.marksFor(device.deviceId, input.marksAfter) });
      } else if ((m = /^\/sittings\/([A-Za-z0-9_-]{1,40})\/stations$/.exec(rest)) && request.method === 'GET') {
        const sitting = m[1] ?? '';
        allow(device, { kind: 'watch', sitting });
        const streams = (await sfu()).published(sitting);
        const views: StationView[] = board.tiles(sitting).map((tile) => ({
          ...tile,
          producers: streams.filter((s) => s.station === tile.station.deviceId).map(({ id, kind, source }) => ({ id, kind, source })),
        }));
        sendJson(response, 200, { sitting, stations: views });
      } else if ((m = /^\/sittings\/([A-Za-z0-9_-]{1,40})\/marks$/.exec(rest)) && post) {
        const sitting = m[1] ?? '';
        allow(device, { kind: 'mark', sitting });
        const input = await body(request, AssessorMarkIn);
        // The mark goes to a station of this sitting only, into the task it is running.
        const tile = board.tileOf(input.station);
        if (tile?.status.sitting !== sitting) throw new CentreError(403, 'not_assigned', { sitting, station: input.station });
        const mark = await board.mark({ ...input, sitting, assessor: { deviceId: device.deviceId, name: device.name }, sessionId: tile.status.task?.sessionId ?? null });
        sendJson(response, 200, { mark });
      } else {
        request.resume();
        throw new CentreError(404, 'not_found', { path });
      }
    } catch (error) {
      request.resume();
      // mediasoup refuses bad RTP/DTLS parameters with these; the caller sent them.
      if (error instanceof Error && ['TypeError', 'UnsupportedError', 'InvalidStateError'].includes(error.name)) {
        sendJson(response, 400, { code: 'sfu_refused', params: { message: error.message } });
        return true;
      }
      if (!(error instanceof CentreError)) throw error;
      sendJson(response, error.status, { code: error.code, params: error.params });
    }
    return true;
  };
}
