// Replay: run the engine again from the logged inputs and check that every logged output
// matches. The engine is injected (a Replayer), so this module stays independent of it.
//
// Log convention for the session engine (the live room writes these through evidence.append):
//   engine.session data: { options }                       optional, before the first input: the
//                  engine's session options (e.g. { obs: true }); without it the defaults apply
//   engine.input   data: { input }                         one engine input, as given to step()
//   engine.output  data: { effects, state?, metrics? }     what step() returned for that input;
//                  state / metrics: what Replayer.observe() gives for the new state (a digest or
//                  a snapshot), when the live room logs them. Both sides are compared as JSON
//                  (after JSON.stringify), so what the log could hold is what counts.
import { canonicalJson, type Json } from './canonical.ts';
import type { EvidenceRecord, SessionStartData } from './record.ts';
import type { Finding } from './finding.ts';
import { EVENTS_FILE } from './manifest.ts';

export interface Replayer<S = unknown> {
  /** A fresh engine state for the session (scenario by id and hash, seed). Throws when the
   *  scenario is unknown or its hash differs from the one logged. */
  init(start: SessionStartData, options: Json | undefined): S;
  step(state: S, input: Json): { state: S; effects: Json[] };
  /** What the log keeps of a state: a digest and the metrics. */
  observe(state: S): { state?: Json; metrics?: Json };
}

export interface ReplayReport {
  inputs: number;
  outputs: number;
  findings: Finding[];
}

interface Pending {
  seq: number;
  line: number;
  effects: Json[];
  observed: { state?: Json; metrics?: Json };
}

/** Feed records in order with record(); end() gives the report. */
export class ReplayRun<S> {
  #replayer: Replayer<S>;
  #state: S | null = null;
  #start: SessionStartData | null = null;
  #pending: Pending | null = null;
  #report: ReplayReport = { inputs: 0, outputs: 0, findings: [] };
  #failed = false;

  constructor(replayer: Replayer<S>) {
    this.#replayer = replayer;
  }

  #add(line: number, seq: number, code: string, message: string, field?: string): void {
    this.#report.findings.push({ severity: 'error', code, file: EVENTS_FILE, line, seq, message, ...(field ? { field } : {}) });
  }

  record(r: EvidenceRecord, line: number): void {
    if (this.#failed) return;
    if (r.type === 'session.start') {
      this.#start = r.data as unknown as SessionStartData;
      return;
    }
    if (r.type === 'engine.session') {
      this.#init(r, line, (r.data as { options?: Json } | null)?.options);
      return;
    }
    if (r.type === 'engine.input') {
      if (this.#state === null) this.#init(r, line, undefined);
      if (this.#state === null) return;
      this.#closePending();
      const input = (r.data as { input?: Json } | null)?.input;
      if (input === undefined) return this.#add(line, r.seq, 'replay_bad_input', `第 ${line} 行 engine.input 缺少 data.input`, 'data.input');
      this.#report.inputs += 1;
      try {
        const out = this.#replayer.step(this.#state, input);
        this.#state = out.state;
        this.#pending = { seq: r.seq, line, effects: out.effects, observed: this.#replayer.observe(out.state) };
      } catch (error) {
        this.#failed = true;
        this.#add(line, r.seq, 'replay_threw', `第 ${line} 行的输入在重放时出错: ${(error as Error).message}`);
      }
      return;
    }
    if (r.type === 'engine.output') {
      this.#report.outputs += 1;
      const p = this.#pending;
      this.#pending = null;
      if (!p) return this.#add(line, r.seq, 'replay_orphan_output', `第 ${line} 行的 engine.output 前面没有对应的 engine.input`);
      const logged = (r.data ?? {}) as { effects?: Json; state?: Json; metrics?: Json };
      const compare = (name: 'effects' | 'state' | 'metrics', replayed: Json | undefined) => {
        if (logged[name] === undefined) return;
        if (asLogged(logged[name]) !== asLogged(replayed ?? null)) {
          this.#add(line, r.seq, `replay_${name}_mismatch`, `第 ${line} 行 (seq ${r.seq}): 重放得到的 ${name} 与日志不同 (input at line ${p.line})`, `data.${name}`);
        }
      };
      compare('effects', p.effects);
      compare('state', p.observed.state);
      compare('metrics', p.observed.metrics);
    }
  }

  #init(r: EvidenceRecord, line: number, options: Json | undefined): void {
    if (!this.#start) {
      this.#failed = true;
      this.#add(line, r.seq, 'replay_init', '日志没有 session.start，无法重建场景');
      return;
    }
    try {
      this.#state = this.#replayer.init(this.#start, options);
    } catch (error) {
      this.#failed = true;
      this.#add(line, r.seq, 'replay_init', `无法重建场景: ${(error as Error).message}`);
    }
  }

  #closePending(): void {
    // An input whose output was never logged (the session ended right after it) is fine.
    this.#pending = null;
  }

  end(): ReplayReport {
    return this.#report;
  }
}

/** What a value looks like once logged: through JSON (NaN → null, undefined fields dropped). */
function asLogged(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 'null' : canonicalJson(JSON.parse(text));
}

/** A short digest of a serialised engine state (two 32-bit FNV-1a lanes, 16 hex digits): only
 *  to see whether a replay diverged; the chain's SHA-256 protects the log itself. Pure and
 *  synchronous, so the live room computes the same in the renderer. */
export function stateDigest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c ^ (a >>> 13), 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
