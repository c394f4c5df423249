// Assembles item results and the whole record from measured values and verdicts.
import { worst, type Judgement } from './findings.ts';
import {
  DEVICE_CHECK_KIND,
  DEVICE_CHECK_SKILLS,
  ITEM_NAMES,
  type DeviceCheckItems,
  type DeviceCheckRecord,
  type ItemName,
  type MeasuredOf,
  type ResultOf,
} from './record.ts';
import { thresholdSnapshot, THRESHOLDS, type Thresholds } from './thresholds.ts';

export interface ItemTiming {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly attempt: number;
}

export function itemResult<N extends ItemName>(item: N, measured: MeasuredOf<N>, judged: Judgement, timing: ItemTiming): ResultOf<N> {
  return {
    item,
    measured,
    verdict: judged.verdict,
    findings: judged.findings,
    startedAt: timing.startedAt,
    finishedAt: timing.finishedAt,
    durationMs: Math.max(0, timing.finishedAt - timing.startedAt),
    attempt: timing.attempt,
  } as ResultOf<N>;
}

export interface RecordInput {
  readonly id: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly items: DeviceCheckItems;
  readonly context: DeviceCheckRecord['context'];
  readonly table?: Thresholds;
}

export function buildRecord(input: RecordInput): DeviceCheckRecord {
  const ran = ITEM_NAMES.map((name) => input.items[name]).filter((r) => r !== null);
  const microphone = input.items.microphone;
  return {
    kind: DEVICE_CHECK_KIND,
    version: 1,
    id: input.id,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    traineeMs: Math.max(0, input.finishedAt - input.startedAt),
    readingMs: microphone && microphone.measured.speechPhase !== 'not_run' ? microphone.measured.readingMs : null,
    skills: [...DEVICE_CHECK_SKILLS],
    context: input.context,
    thresholds: thresholdSnapshot(input.table ?? THRESHOLDS),
    items: input.items,
    overall: worst(ran.map((r) => r.verdict)),
    complete: ran.length === ITEM_NAMES.length,
  };
}

export const EMPTY_ITEMS: DeviceCheckItems = { camera: null, microphone: null, speakers: null, network: null, disk: null, obs: null };
