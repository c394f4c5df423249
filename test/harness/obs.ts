// A real OBS Studio 29 (obs-websocket 5.1) headless under Xvfb with software GL, for integration
// tests and the bench. TypeScript port of /work/shared/reference/obs/start-obs.sh: fresh config in
// its own HOME / XDG_CONFIG_HOME under a temp folder, websocket on a free loopback port, every wait
// bounded, every process stopped by its PID (OBS with SIGINT so it closes cleanly).
// apt packages: obs-studio xvfb xauth libgl1-mesa-dri libegl-mesa0 libglx-mesa0 (ffmpeg for ffprobe).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createDispatcher } from '../../electron/contract/dispatch.ts';
import { events as contractEvents, type EventName, type MethodInput, type MethodName, type MethodOutput } from '../../electron/contract/index.ts';
import type { EventHub } from '../../electron/services/events.ts';

/** Why a real OBS cannot run here, or null when it can. */
export function obsMissing(): string | null {
  if (process.platform !== 'linux') return `the OBS harness runs on Linux only (this is ${process.platform})`;
  const missing = ['obs', 'Xvfb'].filter((bin) => !onPath(bin));
  if (missing.length > 0) return `${missing.join(', ')} not on PATH (apt-get install obs-studio xvfb xauth libgl1-mesa-dri libegl-mesa0 libglx-mesa0)`;
  return null;
}

export function onPath(bin: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
/** Remembers a child so a crashed test run still kills it (SIGKILL, synchronously, at exit). */
export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of live) if (c.pid !== undefined && c.exitCode === null) process.kill(c.pid, 'SIGKILL');
    });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 100 ms until it answers true, at most `timeoutMs`. */
export async function waitUntil(what: string, timeoutMs: number, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** First signal, then SIGTERM, then SIGKILL; bounded; only ever this child's PID. */
export async function stopChild(child: ChildProcess | undefined, first: NodeJS.Signals, graceMs: number): Promise<void> {
  if (!child || child.pid === undefined) return;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(first);
  if (await waitExit(child, graceMs)) return;
  if (first !== 'SIGTERM') {
    child.kill('SIGTERM');
    if (await waitExit(child, 5000)) return;
  }
  child.kill('SIGKILL');
  await waitExit(child, 5000);
}

export interface ObsOptions {
  /** Websocket password; null turns authentication off. Default "testpass123". */
  password?: string | null;
  /** false writes ServerEnabled=false (OBS runs, its websocket server does not). */
  serverEnabled?: boolean;
  /** Where the stream goes (Settings → Stream). */
  rtmpUrl?: string;
  /** 'drill': two scenes, a microphone, a camera and a background; 'empty': one empty scene. */
  collection?: 'drill' | 'empty';
  /** Bounded wait for the websocket port (default 60 s). */
  waitMs?: number;
}

export interface ObsInstance {
  readonly url: string;
  readonly port: number;
  readonly password: string | null;
  readonly dir: string;
  readonly recordingsDir: string;
  readonly logFile: string;
  /** PID of the running OBS, undefined while it is stopped. */
  readonly obsPid: number | undefined;
  readonly xvfbPid: number | undefined;
  /** Milliseconds from spawning OBS until its websocket accepted TCP (last start). */
  readonly startupMs: number;
  /** SIGINT to OBS only (Xvfb and config stay): OBS closes its sessions with 1001. */
  stopObs(): Promise<void>;
  /** Starts OBS again on the same port with the config it saved. */
  startObs(): Promise<void>;
  /** Stops OBS and Xvfb and removes the temp folder (LIVEDRILL_KEEP_TMP=1 keeps it). */
  stop(): Promise<void>;
  logTail(lines?: number): string;
}

/** Names in the 'drill' collection, for tests. */
export const DRILL_SCENE = '直播间';
export const DRILL_OTHER_SCENE = '暂停画面';
export const DRILL_MIC = '麦克风';
export const DRILL_CAMERA = '摄像头';
export const DRILL_BACKGROUND = '背景';

export async function startObs(options: ObsOptions = {}): Promise<ObsInstance> {
  const missing = obsMissing();
  if (missing) throw new Error(missing);
  const password = options.password === undefined ? 'testpass123' : options.password;
  const serverEnabled = options.serverEnabled ?? true;
  const waitMs = options.waitMs ?? 60_000;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'livedrill-obs-'));
  const configDir = join(dir, 'config');
  const recordingsDir = join(dir, 'recordings');
  writeObsConfig({
    configDir,
    recordingsDir,
    port,
    password,
    serverEnabled,
    rtmpUrl: options.rtmpUrl ?? 'rtmp://127.0.0.1:1935/live',
    collection: options.collection ?? 'drill',
  });
  for (const sub of ['home', 'runtime']) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  const logFile = join(dir, 'obs.log');

  let xvfb: ChildProcess | undefined;
  let obs: ChildProcess | undefined;
  let display = '';
  let startupMs = 0;

  async function startXvfb(): Promise<void> {
    const log = openSync(join(dir, 'xvfb.log'), 'a');
    // -displayfd: Xvfb picks a free display and writes its number to fd 3.
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x720x24', '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', log, log, 'pipe'],
    });
    closeSync(log);
    xvfb = child;
    track(child);
    const pipe = child.stdio[3];
    display = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited (${String(code)}): ${tail(join(dir, 'xvfb.log'), 5)}`));
      });
      pipe?.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.includes('\n')) {
          clearTimeout(timer);
          resolve(`:${text.trim()}`);
        }
      });
    });
  }

  async function launchObs(): Promise<void> {
    const log = openSync(logFile, 'a');
    const started = Date.now();
    // A minimal, reproducible environment (like `env -i`): own HOME and XDG dirs, llvmpipe GL.
    const child = spawn(
      'obs',
      ['--multi', '--disable-missing-files-check', '--profile', 'Test', '--collection', 'Test', '--scene', (options.collection ?? 'drill') === 'drill' ? DRILL_SCENE : 'Scene'],
      {
        stdio: ['ignore', log, log],
        env: {
          PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
          LANG: 'C.UTF-8',
          HOME: join(dir, 'home'),
          XDG_CONFIG_HOME: configDir,
          XDG_RUNTIME_DIR: join(dir, 'runtime'),
          DISPLAY: display,
          LIBGL_ALWAYS_SOFTWARE: '1',
          QT_QPA_PLATFORM: 'xcb',
        },
      },
    );
    closeSync(log);
    obs = child;
    track(child);
    const me = child;
    try {
      await waitUntil(serverEnabled ? `obs-websocket on 127.0.0.1:${port}` : 'OBS startup', waitMs, async () => {
        if (me.exitCode !== null || me.signalCode !== null) throw new Error(`OBS exited during startup: ${tail(logFile, 20)}`);
        // Without a websocket server there is no port to watch: OBS logs the end of its startup.
        return serverEnabled ? portOpen(port) : readFileSync(logFile, 'utf8').includes('==== Startup complete');
      });
    } catch (error) {
      await stopChild(me, 'SIGTERM', 5000);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- obs.log ---\n${tail(logFile, 20)}`, { cause: error });
    }
    startupMs = Date.now() - started;
  }

  const instance: ObsInstance = {
    url: `ws://127.0.0.1:${port}`,
    port,
    password,
    dir,
    recordingsDir,
    logFile,
    get obsPid() {
      return obs && obs.exitCode === null && obs.signalCode === null ? obs.pid : undefined;
    },
    get xvfbPid() {
      return xvfb?.pid;
    },
    get startupMs() {
      return startupMs;
    },
    async stopObs() {
      await stopChild(obs, 'SIGINT', 15_000);
      obs = undefined;
    },
    async startObs() {
      if (obs) throw new Error('OBS is already running');
      await launchObs();
    },
    async stop() {
      await stopChild(obs, 'SIGINT', 15_000);
      await stopChild(xvfb, 'SIGTERM', 5000);
      obs = undefined;
      xvfb = undefined;
      if (process.env.LIVEDRILL_KEEP_TMP !== '1') rmSync(dir, { recursive: true, force: true });
    },
    logTail: (lines = 30) => tail(logFile, lines),
  };

  try {
    await startXvfb();
    await launchObs();
  } catch (error) {
    await instance.stop();
    throw error;
  }
  return instance;
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

interface ConfigOptions {
  configDir: string;
  recordingsDir: string;
  port: number;
  password: string | null;
  serverEnabled: boolean;
  rtmpUrl: string;
  collection: 'drill' | 'empty';
}

function writeObsConfig(o: ConfigOptions): void {
  const cfg = join(o.configDir, 'obs-studio');
  mkdirSync(join(cfg, 'basic', 'profiles', 'Test'), { recursive: true });
  mkdirSync(join(cfg, 'basic', 'scenes'), { recursive: true });
  mkdirSync(o.recordingsDir, { recursive: true });
  // FirstRun=true + LastVersion => no auto-config wizard; [OBSWebSocket] is where obs-websocket
  // 5.1 (OBS 29) keeps its settings.
  writeFileSync(
    join(cfg, 'global.ini'),
    [
      '[General]',
      'FirstRun=true',
      'LastVersion=486539266',
      'ConfirmOnExit=false',
      'EnableAutoUpdates=false',
      '',
      '[Basic]',
      'Profile=Test',
      'ProfileDir=Test',
      'SceneCollection=Test',
      'SceneCollectionFile=Test',
      '',
      '[BasicWindow]',
      'SysTrayEnabled=false',
      'SysTrayWhenStarted=false',
      'WarnBeforeStartingStream=false',
      'WarnBeforeStoppingStream=false',
      'WarnBeforeStoppingRecord=false',
      '',
      '[OBSWebSocket]',
      'FirstLoad=false',
      `ServerEnabled=${String(o.serverEnabled)}`,
      `ServerPort=${o.port}`,
      'AlertsEnabled=false',
      `AuthRequired=${String(o.password !== null)}`,
      `ServerPassword=${o.password ?? ''}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(cfg, 'basic', 'profiles', 'Test', 'basic.ini'),
    [
      '[General]',
      'Name=Test',
      '',
      '[Video]',
      'BaseCX=640',
      'BaseCY=360',
      'OutputCX=640',
      'OutputCY=360',
      'FPSType=0',
      'FPSCommon=30',
      '',
      '[Audio]',
      'SampleRate=48000',
      'ChannelSetup=Stereo',
      '',
      '[Output]',
      'Mode=Simple',
      // OBS's own automatic reconnect, kept short so a stopped ingest shows up quickly.
      'Reconnect=true',
      'RetryDelay=2',
      'MaxRetries=20',
      '',
      '[SimpleOutput]',
      `FilePath=${o.recordingsDir}`,
      'RecFormat=mkv',
      'VBitrate=800',
      'ABitrate=128',
      'StreamEncoder=x264',
      'RecQuality=Stream',
      'Preset=ultrafast',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(cfg, 'basic', 'profiles', 'Test', 'service.json'),
    JSON.stringify({ settings: { server: o.rtmpUrl, key: 'test', use_auth: false, bwtest: false }, type: 'rtmp_custom' }),
  );
  writeFileSync(join(cfg, 'basic', 'scenes', 'Test.json'), JSON.stringify(o.collection === 'drill' ? drillCollection() : emptyCollection()));
}

function emptyCollection() {
  return collection('Scene', [scene('Scene', [])]);
}

/** What a live seller's OBS looks like: a live scene with camera, mic and background, and a
 *  "be right back" scene (the wrong scene of the drill). The camera (v4l2) and microphone
 *  (PulseAudio) have no device here; OBS keeps them as sources all the same. */
function drillCollection() {
  return collection(DRILL_SCENE, [
    scene(DRILL_SCENE, [
      { name: DRILL_BACKGROUND, id: 1 },
      { name: DRILL_CAMERA, id: 2 },
      { name: DRILL_MIC, id: 3 },
    ]),
    scene(DRILL_OTHER_SCENE, [{ name: DRILL_BACKGROUND, id: 1 }]),
    source('color_source_v3', 'color_source', DRILL_BACKGROUND, { color: 4281348144, width: 640, height: 360 }),
    source('v4l2_input', 'v4l2_input', DRILL_CAMERA, { device_id: '' }),
    source('pulse_input_capture', 'pulse_input_capture', DRILL_MIC, { device_id: 'default' }),
  ]);
}

function collection(current: string, sources: unknown[]) {
  const scenes = sources.filter((s): s is { id: string; name: string } => (s as { id: string }).id === 'scene');
  return {
    name: 'Test',
    current_scene: current,
    current_program_scene: current,
    scene_order: scenes.map((s) => ({ name: s.name })),
    sources,
    groups: [],
    transitions: [],
    current_transition: 'Cut',
    transition_duration: 0,
    quick_transitions: [],
    saved_projectors: [],
    preview_locked: false,
    scaling_enabled: false,
    modules: {},
  };
}

function scene(name: string, items: { name: string; id: number }[]) {
  return {
    id: 'scene',
    versioned_id: 'scene',
    name,
    settings: {
      id_counter: items.length,
      custom_size: false,
      items: items.map((item) => ({ name: item.name, id: item.id, visible: true, locked: false, pos: { x: 0, y: 0 }, scale: { x: 1, y: 1 }, rot: 0, align: 5 })),
    },
    mixers: 0,
    enabled: true,
    muted: false,
    volume: 1,
  };
}

function source(versionedId: string, id: string, name: string, settings: Record<string, unknown>) {
  return { id, versioned_id: versionedId, name, settings, mixers: 255, enabled: true, muted: false, volume: 1 };
}

// ---------------------------------------------------------------- the services, as the UI sees them


export interface RecordedEvent {
  name: EventName;
  payload: unknown;
  /** performance.now() when it arrived. */
  t: number;
}

/** Calls contract methods through the real dispatcher (inputs and outputs parsed with zod) and
 *  records every event after checking it against its schema: what the UI would get. */
export function contractClient(handlers: Parameters<typeof createDispatcher>[0], hub: EventHub) {
  const dispatch = createDispatcher(handlers);
  const events: RecordedEvent[] = [];
  const badEvents: string[] = [];
  hub.subscribe((name, payload) => {
    const parsed = contractEvents[name].payload.safeParse(payload);
    if (!parsed.success) badEvents.push(`${name}: ${parsed.error.message}`);
    events.push({ name, payload, t: performance.now() });
  });
  return {
    events,
    badEvents,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await dispatch(method, input, { transport: 'websocket' });
      if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
      return result.output as MethodOutput<M>;
    },
    /** The first event named `name` after index `from` whose payload passes `match` (bounded wait). */
    async waitEvent<T>(name: EventName, match: (payload: T) => boolean, timeoutMs: number, from = 0): Promise<{ payload: T; t: number; index: number }> {
      let found: { payload: T; t: number; index: number } | undefined;
      await waitUntil(`event ${name}`, timeoutMs, () => {
        for (let i = from; i < events.length; i++) {
          const e = events[i];
          if (e?.name === name && match(e.payload as T)) {
            found = { payload: e.payload as T, t: e.t, index: i };
            return true;
          }
        }
        return false;
      });
      if (!found) throw new Error(`no ${name}`);
      return found;
    },
  };
}
