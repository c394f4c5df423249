// OBS fault drills in a live session: when the scenario has OBS faults and OBS is connected, the
// engine starts them with source 'obs'; this injects each into OBS for real (obs.drill.inject) and
// feeds the bridge's drill records back to the engine as obs_drill inputs (active, detected,
// recovered, restored, failed). Without OBS the engine simulates them in the app.
import type { ObsDrillRecord } from '../../../../scenarios/obs/records.ts';
import type { FaultRecord, Input } from '../../../../scenarios/engine/index.ts';
import { OBS_FAULTS } from '../../../../scenarios/format/schema.ts';
import type { LiveRoomScenario } from '../../../../scenarios/format/schema.ts';
import { call, subscribe } from '../../bridge/index.ts';

type DrillInput = Extract<Input, { type: 'obs_drill' }>;

export interface ObsLink {
  /** Injects the drill for a fault the engine started with source 'obs'. */
  inject(fault: FaultRecord): void;
  /** End of the task: OBS put back as it was; stops listening. */
  stop(): Promise<void>;
}

export function scenarioHasObsFaults(scenario: LiveRoomScenario): boolean {
  return scenario.events.some((e) => e.type === 'fault' && (OBS_FAULTS as readonly string[]).includes(e.fault));
}

/** Whether OBS is connected now (false when the bridge cannot say). */
export async function obsConnected(): Promise<boolean> {
  try {
    return (await call('obs.status', {})).phase === 'connected';
  } catch {
    return false;
  }
}

/** `send` gets each obs_drill input without its time; the session stamps it. */
export function createObsLink(send: (input: Omit<DrillInput, 't'>) => void): ObsLink {
  const faultOf = new Map<string, string>();
  const onRecord = (r: ObsDrillRecord) => {
    const faultId = faultOf.get(r.id);
    if (faultId !== undefined) send({ type: 'obs_drill', faultId, status: r.status, drillId: r.id });
  };
  const off = subscribe('obs.drill', onRecord);
  return {
    inject(fault) {
      const kind = fault.kind;
      if (!(OBS_FAULTS as readonly string[]).includes(kind)) return;
      call('obs.drill.inject', { kind: kind as (typeof OBS_FAULTS)[number] }).then(
        (r) => {
          faultOf.set(r.id, fault.id);
          send({ type: 'obs_drill', faultId: fault.id, status: r.status === 'failed' ? 'failed' : 'active', drillId: r.id });
          // A record that moved on before its id was known (detected already): catch up.
          if (r.status !== 'failed' && r.status !== 'active') onRecord(r);
        },
        () => send({ type: 'obs_drill', faultId: fault.id, status: 'failed', drillId: null }),
      );
    },
    async stop() {
      try {
        const { drills } = await call('obs.drill.restoreAll', {});
        for (const r of drills) onRecord(r);
      } finally {
        off();
      }
    },
  };
}
