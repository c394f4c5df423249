// The evidence service behind the contract: one RecordingSession per live recording, packages
// under <data folder>/evidence/<session id>/. On start it recovers packages a crash left open.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, type Handlers } from '../../contract/index.ts';
import type { ExternalFile } from '../../../scenarios/evidence/manifest.ts';
import type { Json } from '../../../scenarios/evidence/canonical.ts';
import type { EventHub } from '../events.ts';
import { appPackage } from '../version.ts';
import { exportPackage } from './archive.ts';
import { evidenceRoot, newSessionId, readManifest } from './package-dir.ts';
import { createEvidencePackages, sessionSummary, type EvidencePackages } from './packages.ts';
import { SESSION_ID_PATTERN } from '../../../scenarios/evidence/session-id.ts';
import { recoverAll, type RecoveryResult } from './recovery.ts';
import { DETACHED_AFTER_MS, RecordingError, RecordingSession } from './session.ts';
import { UnusableInput, verifyPackage } from './verify-package.ts';
import { packageVoice, type PackageVoice } from './voice.ts';

type EvidenceHandlers = Pick<
  Handlers,
  | 'evidence.start'
  | 'evidence.append'
  | 'evidence.chunk'
  | 'evidence.clockPing'
  | 'evidence.clockSync'
  | 'evidence.check'
  | 'evidence.finish'
  | 'evidence.resumable'
  | 'evidence.resume'
  | 'evidence.abandon'
  | 'evidence.list'
  | 'evidence.verify'
  | 'evidence.export'
  | 'evidence.voice'
>;

/** What other services may do when a session starts or is about to finish: subscribed through
 *  EvidenceService.onSession, run in order of subscription, awaited before the call answers. A
 *  hook's failure is logged into the session and never fails the trainee's call. */
export interface SessionHooks {
  /** The package exists and records; evidence.start answers after every started hook. */
  started?(sessionId: string): Promise<void>;
  /** evidence.finish was called; the package closes after every finishing hook. */
  finishing?(sessionId: string): Promise<void>;
}

export interface EvidenceService {
  handlers: EvidenceHandlers;
  /** What other services (scoring) may read of the packages. */
  packages: EvidencePackages;
  /** Subscribes to session starts and finishes; returns the unsubscribe. */
  onSession(hooks: SessionHooks): () => void;
  /** For Node services: store a check record (checks/<name>.json) in a live session. */
  storeCheck(sessionId: string, name: string, record: Json): Promise<{ path: string; sha256: string }>;
  /** For Node services: store a file (checks/<fileName>, e.g. the identity photo) in a live session. */
  storeFile(sessionId: string, fileName: string, bytes: Uint8Array): Promise<{ path: string; sha256: string }>;
  /** Recovery of crashed packages, started with the service; evidence calls wait for it. */
  ready: Promise<RecoveryResult[]>;
  root: string;
  /** For the OBS bridge: reference its recording (hashed at the end) in a live session. */
  referenceExternal(sessionId: string, file: ExternalFile): void;
  /** For Node services (OBS events, device events): log into a live session; the time is Node's
   *  clock mapped onto the media timeline with the measured offsets. */
  log(sessionId: string, type: string, data: Json): Promise<{ seq: number }>;
  close(): Promise<void>;
}

/** Errors the trainee can act on come back as ContractError('failed', Chinese (cause)). */
async function guard<T>(what: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof ContractError) throw error;
    if (error instanceof RecordingError) throw new ContractError('failed', error.message);
    const e = error as NodeJS.ErrnoException;
    throw new ContractError('failed', `${what}失败 (${e.code ?? e.name}: ${e.message})`);
  }
}

export function createEvidenceService(options: { dataDir: string; events: EventHub; idleTimeoutMs?: number }): EvidenceService {
  const root = evidenceRoot(options.dataDir);
  const live = new Map<string, RecordingSession>();
  const hooks = new Set<SessionHooks>();
  const runHooks = async (sessionId: string, which: keyof SessionHooks) => {
    for (const h of [...hooks]) {
      try {
        await h[which]?.(sessionId);
      } catch (error) {
        await live
          .get(sessionId)
          ?.append([{ type: 'session.hook-error', data: { hook: which, message: error instanceof Error ? error.message : String(error) } }])
          .catch(() => undefined);
      }
    }
  };
  /** Voice figures of finished packages (immutable once closed), computed once per session. */
  const voiceCache = new Map<string, Promise<PackageVoice>>();
  const ready = (async () => {
    await mkdir(root, { recursive: true });
    const results = await recoverAll(root, new Set(live.keys()));
    if (results.length > 0) {
      options.events.emit('evidence.recovered', {
        sessions: results.map((r) => ({
          sessionId: r.sessionId,
          ok: r.error === null,
          message: r.error ?? `已恢复，中断约 ${Math.round((r.manifest?.recovery?.gapMs ?? 0) / 1000)} 秒`,
        })),
      });
    }
    return results;
  })();
  ready.catch(() => undefined);

  const session = (id: string): RecordingSession => {
    const s = live.get(id);
    if (!s) throw new ContractError('failed', `没有正在录制的会话 ${id} (not recording)`);
    return s;
  };
  const packageDir = (id: string) => {
    if (!SESSION_ID_PATTERN.test(id)) throw new ContractError('bad_input', `bad session id ${id}`);
    return join(root, id);
  };

  const handlers: EvidenceHandlers = {
    'evidence.start': (input) =>
      guard('创建证据包', async () => {
        await ready;
        const sessionId = newSessionId();
        const created = await RecordingSession.create(
          join(root, sessionId),
          {
            format: 'livedrill-evidence/1',
            sessionId,
            createdAt: new Date().toISOString(),
            candidate: input.candidate,
            station: input.station,
            scenario: { id: input.scenarioId, hash: input.scenarioHash },
            seed: input.seed,
            app: { name: appPackage.name, version: appPackage.version },
          },
          (stop) => {
            options.events.emit('evidence.stopped', stop);
          },
          options.idleTimeoutMs,
        );
        live.set(sessionId, created);
        await runHooks(sessionId, 'started');
        return { sessionId };
      }),
    'evidence.append': (input) => guard('写入事件', () => session(input.sessionId).append(input.records)),
    'evidence.chunk': (input) =>
      guard('写入视频', () =>
        session(input.sessionId).chunk({ index: input.index, bytes: Buffer.from(input.data, 'base64'), startedAt: input.startedAt, mimeType: input.mimeType }),
      ),
    'evidence.clockPing': (input) => session(input.sessionId).clockPing(input.rendererSentAt),
    'evidence.clockSync': (input) => guard('时钟同步', () => session(input.sessionId).clockSync(input.pingId, input.rendererReceivedAt)),
    'evidence.check': (input) => guard('保存检查记录', () => session(input.sessionId).storeCheck(input.name, input.record)),
    'evidence.finish': (input) =>
      guard('结束录制', async () => {
        const s = session(input.sessionId);
        await runHooks(input.sessionId, 'finishing');
        const manifest = await (s.whenClosed() ?? s.finish());
        live.delete(input.sessionId);
        return sessionSummary(manifest, false);
      }),
    'evidence.resumable': () =>
      guard('查找未结束的会话', async () => {
        await ready;
        const open = [...live.values()].filter((s) => s.recording && s.stopped === null);
        // A page that just reloaded asks at once: a session heard from moments ago is waited for
        // until it is clearly left (or clearly still live in another page).
        const youngest = Math.min(...open.map((s) => s.idleMs()));
        if (open.length > 0 && youngest < DETACHED_AFTER_MS) await new Promise((r) => setTimeout(r, DETACHED_AFTER_MS - youngest + 50));
        const out = [];
        for (const s of open) {
          if (!s.recording || s.idleMs() < DETACHED_AFTER_MS) continue;
          const m = await readManifest(s.dir);
          if (!m) continue;
          s.hold();
          out.push({ sessionId: s.id, scenarioId: m.scenario.id, candidate: m.candidate, createdAt: m.createdAt, atMs: s.lastT, idleMs: s.idleMs() });
        }
        return out;
      }),
    'evidence.resume': (input) =>
      guard('继续会话', async () => {
        const s = session(input.sessionId);
        const m = await readManifest(s.dir);
        if (!m) throw new ContractError('failed', `证据包 ${input.sessionId} 没有 manifest.json`);
        const point = await s.resume();
        return { sessionId: s.id, scenarioId: m.scenario.id, scenarioHash: m.scenario.hash, seed: m.seed, candidate: m.candidate, ...point };
      }),
    'evidence.abandon': (input) =>
      guard('结束未恢复的会话', async () => {
        const s = session(input.sessionId);
        const manifest = await s.abandon('应用在录制中意外退出（页面被重新加载或关闭），考生选择不继续，证据包已关闭 (not resumed)');
        live.delete(input.sessionId);
        return sessionSummary(manifest, false);
      }),
    'evidence.list': () =>
      guard('读取证据包列表', async () => {
        await ready;
        const names = (await readdir(root)).filter((n) => SESSION_ID_PATTERN.test(n)).sort().reverse();
        const out = [];
        for (const name of names) {
          const m = await readManifest(join(root, name));
          if (m) out.push(sessionSummary(m, live.has(name)));
        }
        return out;
      }),
    'evidence.verify': (input) =>
      guard('校验证据包', async () => {
        const report = await verifyPackage(packageDir(input.sessionId));
        return { sessionId: report.sessionId, valid: report.valid, status: report.status, records: report.records, durationMs: report.durationMs, findings: report.findings };
      }),
    'evidence.voice': (input) =>
      guard('分析录音中的声音', async () => {
        if (live.has(input.sessionId)) throw new ContractError('failed', '会话仍在录制，结束后才能分析声音');
        const cached = voiceCache.get(input.sessionId);
        if (cached) return cached;
        const job = packageVoice(packageDir(input.sessionId)).catch((error: unknown) => {
          voiceCache.delete(input.sessionId);
          if (error instanceof UnusableInput) throw new ContractError('failed', error.message);
          throw error;
        });
        voiceCache.set(input.sessionId, job);
        return job;
      }),
    'evidence.export': (input) =>
      guard('导出证据包', async () => {
        const dir = packageDir(input.sessionId);
        if (live.has(input.sessionId)) throw new ContractError('failed', '会话仍在录制，结束后才能导出');
        const report = await verifyPackage(dir);
        if (!report.valid) throw new ContractError('failed', `证据包未通过校验，不能导出: ${report.findings[0]?.message ?? ''}`);
        return exportPackage(dir, input.sessionId, join(options.dataDir, 'exports', `${input.sessionId}.livedrill.tar`));
      }),
  };

  return {
    handlers,
    packages: createEvidencePackages(options.dataDir),
    ready,
    root,
    onSession(h) {
      hooks.add(h);
      return () => hooks.delete(h);
    },
    storeCheck(sessionId, name, record) {
      return guard('保存检查记录', () => session(sessionId).storeCheck(name, record));
    },
    storeFile(sessionId, fileName, bytes) {
      return guard('保存检查记录', () => session(sessionId).storeFile(fileName, bytes));
    },
    referenceExternal(sessionId, file) {
      session(sessionId).referenceExternal(file);
    },
    log(sessionId, type, data) {
      return session(sessionId).append([{ type, data }], false);
    },
    async close() {
      // A host shutting down mid-recording closes its packages properly rather than leaving
      // them to recovery.
      await ready.catch(() => undefined);
      for (const [id, s] of live) {
        await (s.whenClosed() ?? s.finish('finished', '应用关闭，录制随之结束')).catch(() => undefined);
        live.delete(id);
      }
    },
  };
}
