// The centre's live view, as data: what a station tells the centre about itself while it works
// (its tile on the assessor's grid), the marks an assessor puts on a station's timeline, and the
// signaling bodies a station or an assessor sends to the centre's SFU. mediasoup's own RTP and
// DTLS parameters are checked by mediasoup; here only their outer shape and sizes.
import { z } from 'zod';
import { DeviceId } from '../evidence/seal.ts';

export const SittingRef = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
/** mediasoup ids are UUIDs. */
export const MediaId = z.uuid();
/** What a stream shows: the station's camera + mic, or what OBS outputs. */
export const MediaSource = z.enum(['camera', 'obs']);
export type MediaSource = z.infer<typeof MediaSource>;

const Opaque = z.record(z.string(), z.unknown());

/** A station's tile: who sits there and how the task is going, sent every few seconds. */
export const StationStatus = z.strictObject({
  sitting: SittingRef,
  candidate: z.strictObject({ id: z.string().min(1).max(40), name: z.string().min(1).max(40) }).nullable(),
  /** The task running (scenario id) and its clock, or null between tasks. */
  task: z
    .strictObject({
      scenarioId: z.string().min(1).max(80),
      sessionId: z.string().min(1).max(80),
      elapsedMs: z.number().int().min(0),
      durationMs: z.number().int().min(0),
    })
    .nullable(),
  recording: z.enum(['idle', 'recording', 'degraded', 'stopped']),
  /** Fault codes in progress (network_drop, obs_disconnected, …). */
  faults: z.array(z.string().min(1).max(40)).max(20),
  /** The live room's figures as the trainee sees them. */
  figures: z.strictObject({ viewers: z.number().int().min(0), orders: z.number().int().min(0), pendingQuestions: z.number().int().min(0) }).nullable(),
});
export type StationStatus = z.infer<typeof StationStatus>;

/** An assessor's mark on a station's timeline; the station writes it into that session's log. */
export const AssessorMarkIn = z.strictObject({
  station: DeviceId,
  /** The task's clock at the mark, as the assessor's tile showed it. */
  elapsedMs: z.number().int().min(0).nullable(),
  note: z.string().trim().min(1).max(200),
});
export const AssessorMark = AssessorMarkIn.extend({
  /** Order of the centre's marks: a station asks for the ones after the last it has. */
  seq: z.number().int().positive(),
  sitting: SittingRef,
  assessor: z.strictObject({ deviceId: DeviceId, name: z.string() }),
  at: z.iso.datetime({ offset: true }),
  sessionId: z.string().nullable(),
});
export type AssessorMark = z.infer<typeof AssessorMark>;

export const TransportRequest = z.strictObject({ sitting: SittingRef, direction: z.enum(['send', 'recv']) });
export const ConnectRequest = z.strictObject({ dtlsParameters: Opaque });
export const ProduceRequest = z.strictObject({ transportId: MediaId, kind: z.enum(['audio', 'video']), rtpParameters: Opaque, source: MediaSource });
export const ConsumeRequest = z.strictObject({ transportId: MediaId, producerId: MediaId, rtpCapabilities: Opaque });
/** Grid tiles take the lowest simulcast layer (0), an opened tile the highest (2). */
export const LayerRequest = z.strictObject({ spatialLayer: z.number().int().min(0).max(2) });

/** One station as an assessor's grid sees it. */
export const StationView = z.strictObject({
  station: z.strictObject({ deviceId: DeviceId, name: z.string() }),
  status: StationStatus.nullable(),
  /** When the station last reported. */
  seenAt: z.iso.datetime({ offset: true }),
  producers: z.array(z.strictObject({ id: MediaId, kind: z.enum(['audio', 'video']), source: MediaSource })),
});
export type StationView = z.infer<typeof StationView>;
