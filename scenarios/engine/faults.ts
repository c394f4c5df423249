// Starting and ending faults. A scripted OBS fault becomes a drill in OBS when OBS is connected
// (the UI injects it on `fault_started` with source 'obs' and reports back with obs_drill inputs);
// otherwise, and for network drop and power cut, the app simulates it and a fixing remedy ends it.
import { OBS_FAULTS } from '../format/schema.ts';
import { emit, mark, own, type Ctx } from './ctx.ts';
import { closeDeadAir } from './voice.ts';
import { FAULTS, type SessionFaultKind } from './remedies.ts';
import type { FaultEndedBy, FaultRecord, SessionState } from './types.ts';

export function isActive(f: FaultRecord): boolean {
  return f.endedBy === null;
}

export interface Impact {
  streamDown: boolean;
  /** 0..1: how badly viewers cannot hear (a low mic is 0.5). */
  noSound: number;
  noPicture: number;
}

export function impact(s: SessionState): Impact {
  const out: Impact = { streamDown: false, noSound: 0, noPicture: 0 };
  for (const f of s.faults) {
    if (!isActive(f)) continue;
    const strength = FAULTS[f.kind].strength;
    if (f.impact === 'stream_down') out.streamDown = true;
    else if (f.impact === 'no_sound') out.noSound = Math.max(out.noSound, strength);
    else if (f.impact === 'no_picture') out.noPicture = Math.max(out.noPicture, strength);
  }
  return out;
}

export function startFault(c: Ctx, t: number, kind: SessionFaultKind, opts: { eventId: string | null; maxSec: number | null; note: string | null }): FaultRecord {
  const info = FAULTS[kind];
  const obsKind = (OBS_FAULTS as readonly string[]).includes(kind);
  const source: FaultRecord['source'] = kind === 'camera_lost' ? 'device' : obsKind && c.s.obs ? 'obs' : 'app';
  c.s.counters = { ...c.s.counters, fault: c.s.counters.fault + 1 };
  const fault: FaultRecord = {
    id: `f${c.s.counters.fault}`,
    kind,
    impact: info.impact,
    source,
    eventId: opts.eventId,
    startedAt: t,
    detectedAt: null,
    recoveredAt: null,
    endedBy: null,
    remedies: [],
    fixAt: null,
    maxEndAt: opts.maxSec === null ? null : t + opts.maxSec * 1000,
    drillId: null,
  };
  own(c, 'faults').push(fault);
  if (info.impact === 'stream_down') closeDeadAir(c, t);
  emit(c, { type: 'fault_started', t, fault, note: opts.note });
  mark(c, t, 'fault_start', 'fault_start', { fault: kind });
  return fault;
}

export function endFault(c: Ctx, index: number, t: number, endedBy: FaultEndedBy): void {
  const faults = own(c, 'faults');
  const f = faults[index];
  if (f === undefined || !isActive(f)) return;
  // Recovered means the room is back through the trainee (or by itself); restored/session_end are not recoveries.
  const recovered = endedBy === 'remedy' || endedBy === 'obs' || endedBy === 'device' || endedBy === 'auto';
  const done: FaultRecord = { ...f, endedBy, recoveredAt: recovered ? t : null, fixAt: null };
  faults[index] = done;
  if (f.impact === 'stream_down') c.s.voice = { ...c.s.voice, quietFloor: Math.max(c.s.voice.quietFloor, t) };
  emit(c, { type: 'fault_ended', t, fault: done });
  mark(c, t, 'fault_end', recovered ? 'fault_recovered' : 'fault_ended', { fault: f.kind });
}

/** Ends faults whose fix or time-out is due by `t`. */
export function settleFaults(c: Ctx, t: number): void {
  const faults = c.s.faults;
  for (let i = 0; i < faults.length; i++) {
    const f = faults[i];
    if (f === undefined || !isActive(f)) continue;
    if (f.fixAt !== null && f.fixAt <= t) endFault(c, i, f.fixAt, 'remedy');
    // A drill in OBS stays until OBS is put right (or restored at the end): only OBS can say so.
    else if (f.maxEndAt !== null && f.maxEndAt <= t && f.source !== 'obs') endFault(c, i, f.maxEndAt, 'auto');
  }
}
