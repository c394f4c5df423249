// The centre's SFU: one mediasoup worker per core. A sitting's stations publish into the
// sitting's home router; an assessor's receive transport goes to the least-loaded worker, and a
// station's streams are piped there (pipeToRouter) when that is not the home worker. The same
// pipes join a second centre host's routers (DESIGN.md, "Centre network"). Every transport,
// producer and consumer belongs to the device that made it; nobody may touch another's.
import { availableParallelism } from 'node:os';
import type { types } from 'mediasoup';
import type { MediaSource } from '../../../scenarios/centre/media.ts';
import { CentreError } from '../centre/registry.ts';
import { loadMediasoup } from './worker-bin.ts';

const MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 600 } },
];

export interface SfuOptions {
  /** Workers to run; one per core by default. */
  workers?: number;
  /** The address the transports listen on, and the one announced to peers when it differs. */
  listenIp: string;
  announcedAddress?: string;
  rtcMinPort?: number;
  rtcMaxPort?: number;
  log?: (line: string) => void;
}

export interface TransportParams {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
}

export interface ConsumerParams {
  id: string;
  producerId: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
}

export interface PublishedStream {
  id: string;
  station: string;
  sitting: string;
  kind: types.MediaKind;
  source: MediaSource;
}

export interface Sfu {
  capabilities(sitting: string): Promise<types.RtpCapabilities>;
  createTransport(owner: string, sitting: string, direction: 'send' | 'recv'): Promise<TransportParams>;
  connect(owner: string, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void>;
  produce(owner: string, transportId: string, kind: types.MediaKind, rtpParameters: types.RtpParameters, source: MediaSource): Promise<{ id: string }>;
  consume(owner: string, transportId: string, producerId: string, rtpCapabilities: types.RtpCapabilities): Promise<ConsumerParams>;
  resume(owner: string, consumerId: string): Promise<void>;
  setLayer(owner: string, consumerId: string, spatialLayer: number): Promise<void>;
  /** The streams a sitting's stations publish now. */
  published(sitting: string): PublishedStream[];
  /** Closes everything a device made (it left, or was revoked). */
  closeDevice(deviceId: string): void;
  close(): void;
}

interface SittingRouters {
  home: number;
  routers: Map<number, Promise<types.Router>>;
}

interface OwnedTransport {
  owner: string;
  sitting: string;
  direction: 'send' | 'recv';
  slot: number;
  transport: types.WebRtcTransport;
}

interface OwnedProducer extends PublishedStream {
  producer: types.Producer;
  /** Pipes already made to other workers' routers. */
  piped: Map<number, Promise<void>>;
}

const notOwn = (what: string, id: string) => new CentreError(403, 'not_own', { [what]: id });
const missing = (what: string, id: string) => new CentreError(404, 'sfu_unknown', { [what]: id });

export async function startSfu(options: SfuOptions): Promise<Sfu> {
  const log = options.log ?? (() => undefined);
  const mediasoup = await loadMediasoup();
  const count = Math.max(1, options.workers ?? availableParallelism());
  const startWorker = () => mediasoup.createWorker({ logLevel: 'warn' });
  const workers: types.Worker[] = [];
  for (let i = 0; i < count; i += 1) workers.push(await startWorker());
  const sittings = new Map<string, SittingRouters>();
  const transports = new Map<string, OwnedTransport>();
  const producers = new Map<string, OwnedProducer>();
  const consumers = new Map<string, { owner: string; consumer: types.Consumer }>();
  let closed = false;

  // A worker that dies takes its routers with it: forget them and start a new worker in its slot,
  // so the stations reconnect (their transports close) and the next sitting request works again.
  const watch = (index: number) => {
    const worker = workers[index];
    if (!worker) return;
    worker.on('died', (error) => {
      if (closed) return;
      log(`sfu: worker ${worker.pid} died (${error.message}); starting another`);
      for (const rooms of sittings.values()) rooms.routers.delete(index);
      startWorker().then(
        (next) => {
          workers[index] = next;
          watch(index);
        },
        (failure: unknown) => log(`sfu: worker restart failed: ${(failure as Error).message}`),
      );
    });
  };
  workers.forEach((_, i) => watch(i));

  const roomsOf = (sitting: string): SittingRouters => {
    let rooms = sittings.get(sitting);
    if (!rooms) {
      // Home workers spread sittings across the cores.
      rooms = { home: sittings.size % count, routers: new Map() };
      sittings.set(sitting, rooms);
    }
    return rooms;
  };
  const routerOn = (sitting: string, index: number): Promise<types.Router> => {
    const rooms = roomsOf(sitting);
    let router = rooms.routers.get(index);
    if (!router) {
      const worker = workers[index];
      if (!worker) throw missing('worker', String(index));
      router = worker.createRouter({ mediaCodecs: MEDIA_CODECS, appData: { sitting } });
      rooms.routers.set(index, router);
    }
    return router;
  };
  const load = (index: number) => [...transports.values()].filter((t) => t.slot === index).length;
  const leastLoaded = (): number => workers.reduce((best, _, i) => (load(i) < load(best) ? i : best), 0);

  const ownedTransport = (owner: string, id: string): OwnedTransport => {
    const t = transports.get(id);
    if (!t) throw missing('transport', id);
    if (t.owner !== owner) throw notOwn('transport', id);
    return t;
  };
  const ownedConsumer = (owner: string, id: string) => {
    const c = consumers.get(id);
    if (!c) throw missing('consumer', id);
    if (c.owner !== owner) throw notOwn('consumer', id);
    return c.consumer;
  };

  return {
    async capabilities(sitting) {
      return (await routerOn(sitting, roomsOf(sitting).home)).rtpCapabilities;
    },
    async createTransport(owner, sitting, direction) {
      const slotIndex = direction === 'send' ? roomsOf(sitting).home : leastLoaded();
      const router = await routerOn(sitting, slotIndex);
      const listen = { ip: options.listenIp, portRange: { min: options.rtcMinPort ?? 40000, max: options.rtcMaxPort ?? 49999 }, ...(options.announcedAddress ? { announcedAddress: options.announcedAddress } : {}) };
      const transport = await router.createWebRtcTransport({
        listenInfos: [
          { protocol: 'udp', ...listen },
          { protocol: 'tcp', ...listen },
        ],
        preferUdp: true,
        initialAvailableOutgoingBitrate: 1_000_000,
        appData: { owner },
      });
      transports.set(transport.id, { owner, sitting, direction, slot: slotIndex, transport });
      transport.observer.once('close', () => transports.delete(transport.id));
      return { id: transport.id, iceParameters: transport.iceParameters, iceCandidates: transport.iceCandidates, dtlsParameters: transport.dtlsParameters };
    },
    async connect(owner, transportId, dtlsParameters) {
      await ownedTransport(owner, transportId).transport.connect({ dtlsParameters });
    },
    async produce(owner, transportId, kind, rtpParameters, source) {
      const t = ownedTransport(owner, transportId);
      if (t.direction !== 'send') throw new CentreError(400, 'sfu_wrong_direction', { transport: transportId });
      // One stream of each kind per source and station: a re-publish replaces the old one.
      for (const p of producers.values()) if (p.station === owner && p.kind === kind && p.source === source) p.producer.close();
      const producer = await t.transport.produce({ kind, rtpParameters, appData: { owner, source } });
      producers.set(producer.id, { id: producer.id, station: owner, sitting: t.sitting, kind, source, producer, piped: new Map() });
      producer.observer.once('close', () => producers.delete(producer.id));
      return { id: producer.id };
    },
    async consume(owner, transportId, producerId, rtpCapabilities) {
      const t = ownedTransport(owner, transportId);
      if (t.direction !== 'recv') throw new CentreError(400, 'sfu_wrong_direction', { transport: transportId });
      const p = producers.get(producerId);
      if (!p) throw missing('producer', producerId);
      // A transport opened for one sitting sees that sitting's stations only.
      if (p.sitting !== t.sitting) throw new CentreError(403, 'not_assigned', { sitting: p.sitting });
      const rooms = roomsOf(t.sitting);
      if (t.slot !== rooms.home) {
        let pipe = p.piped.get(t.slot);
        if (!pipe) {
          const from = await routerOn(t.sitting, rooms.home);
          const to = await routerOn(t.sitting, t.slot);
          pipe = from.pipeToRouter({ producerId, router: to }).then(() => undefined);
          p.piped.set(t.slot, pipe);
        }
        await pipe;
      }
      const router = await routerOn(t.sitting, t.slot);
      if (!router.canConsume({ producerId, rtpCapabilities })) throw new CentreError(400, 'sfu_cannot_consume', { producer: producerId });
      const consumer = await t.transport.consume({ producerId, rtpCapabilities, paused: true, ...(p.kind === 'video' ? { preferredLayers: { spatialLayer: 0 } } : {}) });
      consumers.set(consumer.id, { owner, consumer });
      consumer.observer.once('close', () => consumers.delete(consumer.id));
      return { id: consumer.id, producerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters };
    },
    async resume(owner, consumerId) {
      await ownedConsumer(owner, consumerId).resume();
    },
    async setLayer(owner, consumerId, spatialLayer) {
      await ownedConsumer(owner, consumerId).setPreferredLayers({ spatialLayer });
    },
    published(sitting) {
      return [...producers.values()].filter((p) => p.sitting === sitting && !p.producer.closed).map(({ id, station, kind, source }) => ({ id, station, sitting, kind, source }));
    },
    closeDevice(deviceId) {
      for (const t of [...transports.values()]) if (t.owner === deviceId) t.transport.close();
    },
    close() {
      closed = true;
      for (const worker of workers) worker.close();
    },
  };
}
