// The Electron shell's security policies, as pure functions (electron/main/policy), then the
// real bundles (scripts/build-electron.mjs) loaded against a stub 'electron' module: the main
// process must wire those policies, the preload must expose named methods only.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { methodNames } from '../../electron/contract/index.ts';
import { appRequestToFile, appResponseHeaders } from '../../electron/main/policy/app-request.ts';
import { electronDataDir } from '../../electron/main/policy/data-dir.ts';
import { EVENT_CHANNEL, isEventMessage } from '../../electron/main/policy/ipc.ts';
import { navigationDecision, windowOpenDecision } from '../../electron/main/policy/navigation.ts';
import { APP_ENTRY_URL, APP_ORIGIN, appSchemePrivileges, isOwnOrigin } from '../../electron/main/policy/origin.ts';
import { permissionDecision, type PermissionQuery } from '../../electron/main/policy/permissions.ts';
import { isTrustedSender } from '../../electron/main/policy/sender.ts';
import { LEAVE, leaveChosen, leaveQuestion, STAY } from '../../electron/main/policy/unload.ts';
import { webPreferencesFor } from '../../electron/main/policy/web-preferences.ts';
import { buildCsp } from '../../electron/services/security/csp.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('isOwnOrigin', () => {
  it.each(['app://livedrill', 'app://livedrill/', 'app://livedrill/index.html', 'app://livedrill/review/1?x=2#y', 'app://LIVEDRILL/index.html'])('accepts %s', (url) => {
    expect(isOwnOrigin(url)).toBe(true);
  });
  it.each([
    'app://livedrill.evil/',
    'app://evil/',
    'app://livedrill:8080/',
    'app://user@livedrill/',
    'app://user:pw@livedrill/',
    'apps://livedrill/',
    'file:///index.html',
    'http://livedrill/',
    'https://livedrill/',
    'http://127.0.0.1:5173/',
    'devtools://devtools/',
    'about:blank',
    'null',
    'app:livedrill',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isOwnOrigin(url)).toBe(false);
  });
  it('refuses missing values', () => {
    expect(isOwnOrigin(null)).toBe(false);
    expect(isOwnOrigin(undefined)).toBe(false);
  });
  it('has one entry URL on that origin', () => {
    expect(APP_ORIGIN).toBe('app://livedrill');
    expect(isOwnOrigin(APP_ENTRY_URL)).toBe(true);
  });
});

describe('app:// scheme privileges', () => {
  it('is standard, secure, fetchable and streamable, and bypasses nothing', () => {
    expect(appSchemePrivileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, stream: true });
    expect(appSchemePrivileges.bypassCSP).toBe(false);
    expect(appSchemePrivileges.corsEnabled).toBe(false);
    expect(appSchemePrivileges.allowServiceWorkers).toBe(false);
    expect(appSchemePrivileges.allowExtensions).toBe(false);
  });
});

describe('permissionDecision', () => {
  const own: PermissionQuery = { permission: 'media', requestingOrigin: 'app://livedrill', requestingUrl: 'app://livedrill/index.html', mediaTypes: ['video', 'audio'], isMainFrame: true };

  it('grants camera and microphone to our own origin', () => {
    expect(permissionDecision(own).allow).toBe(true);
    expect(permissionDecision({ ...own, mediaTypes: ['video'] }).allow).toBe(true);
    expect(permissionDecision({ ...own, mediaTypes: ['audio'] }).allow).toBe(true);
    expect(permissionDecision({ ...own, requestingOrigin: 'app://livedrill/', requestingUrl: undefined, isMainFrame: undefined }).allow).toBe(true);
  });

  it('grants speaker selection (the device check test sound) to our own main frame only', () => {
    expect(permissionDecision({ ...own, permission: 'speaker-selection', mediaTypes: undefined }).allow).toBe(true);
    expect(permissionDecision({ ...own, permission: 'speaker-selection', requestingOrigin: 'https://evil.example' }).allow).toBe(false);
    expect(permissionDecision({ ...own, permission: 'speaker-selection', isMainFrame: false }).allow).toBe(false);
  });

  it.each(['notifications', 'geolocation', 'display-capture', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'hid', 'usb', 'serial', 'midiSysex', 'pointerLock', 'fileSystem', 'unknown', 'MEDIA', ''])(
    'denies "%s" even to our own origin',
    (permission) => {
      expect(permissionDecision({ ...own, permission }).allow).toBe(false);
    },
  );

  it('denies media to any other origin or URL', () => {
    for (const origin of ['http://127.0.0.1:5000', 'https://evil.example', 'file:///', 'app://evil', 'null', '', null, undefined]) {
      expect(permissionDecision({ ...own, requestingOrigin: origin }).allow, String(origin)).toBe(false);
    }
    expect(permissionDecision({ ...own, requestingUrl: 'https://evil.example/frame' }).allow).toBe(false);
  });

  it('denies media types other than camera and microphone, and empty requests', () => {
    expect(permissionDecision({ ...own, mediaTypes: ['video', 'screen'] }).allow).toBe(false);
    expect(permissionDecision({ ...own, mediaTypes: ['unknown'] }).allow).toBe(false);
    expect(permissionDecision({ ...own, mediaTypes: [] }).allow).toBe(false);
    expect(permissionDecision({ ...own, mediaTypes: undefined }).allow).toBe(false);
    expect(permissionDecision({ ...own, mediaTypes: null }).allow).toBe(false);
  });

  it('denies sub-frames', () => {
    expect(permissionDecision({ ...own, isMainFrame: false }).allow).toBe(false);
  });

  it('says why it denies', () => {
    const decision = permissionDecision({ ...own, permission: 'geolocation' });
    expect(decision).toEqual({ allow: false, reason: expect.stringContaining('geolocation') as unknown });
  });
});

describe('navigationDecision', () => {
  it('allows moving within app://livedrill', () => {
    expect(navigationDecision('app://livedrill/index.html', 'app://livedrill/index.html#/review').allow).toBe(true);
    expect(navigationDecision('app://livedrill/index.html', 'app://livedrill/review/3').allow).toBe(true);
  });
  it.each([
    ['app://livedrill/index.html', 'https://example.com/'],
    ['app://livedrill/index.html', 'http://127.0.0.1:5000/'],
    ['app://livedrill/index.html', 'file:///etc/passwd'],
    ['app://livedrill/index.html', 'app://evil/index.html'],
    ['app://livedrill/index.html', 'javascript:alert(1)'],
    ['app://livedrill/index.html', 'data:text/html,<script>1</script>'],
    ['app://livedrill/index.html', 'about:blank'],
    ['https://example.com/', 'app://livedrill/index.html'],
    ['', 'app://livedrill/index.html'],
  ])('denies %s → %s', (from, to) => {
    expect(navigationDecision(from, to).allow).toBe(false);
  });
  it('never opens a new window', () => {
    expect(windowOpenDecision('app://livedrill/index.html').allow).toBe(false);
    expect(windowOpenDecision('https://example.com/').allow).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const good = { senderUrl: 'app://livedrill/index.html', isMainFrame: true, isOwnWindow: true };
  it('trusts the main frame of our window on our origin', () => {
    expect(isTrustedSender(good).allow).toBe(true);
  });
  it('refuses sub-frames, foreign windows, other origins and vanished frames', () => {
    expect(isTrustedSender({ ...good, isMainFrame: false }).allow).toBe(false);
    expect(isTrustedSender({ ...good, isOwnWindow: false }).allow).toBe(false);
    expect(isTrustedSender({ ...good, senderUrl: 'https://evil.example/' }).allow).toBe(false);
    expect(isTrustedSender({ ...good, senderUrl: 'file:///index.html' }).allow).toBe(false);
    expect(isTrustedSender({ ...good, senderUrl: 'devtools://devtools/bundled/inspector.html' }).allow).toBe(false);
    expect(isTrustedSender({ ...good, senderUrl: '' }).allow).toBe(false);
    expect(isTrustedSender({ ...good, senderUrl: null }).allow).toBe(false);
    expect(isTrustedSender({ ...good, senderUrl: undefined }).allow).toBe(false);
  });
});

describe('webPreferencesFor', () => {
  it('sets every flag of the security checklist', () => {
    const prefs = webPreferencesFor({ preload: '/app/build/electron/preload.cjs' });
    expect(prefs).toMatchObject({
      preload: '/app/build/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(webPreferencesFor({ preload: 'p', devTools: true }).devTools).toBe(true);
  });
});

describe('appRequestToFile', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'livedrill-app-')));
  const get = (url: string) => appRequestToFile(root, { url, method: 'GET' });
  const inside = (file: string) => {
    const rel = relative(root, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
  };

  it('maps our URLs to files under the root', () => {
    expect(get('app://livedrill/')).toEqual({ ok: true, file: join(root, 'index.html'), fallback: join(root, 'index.html') });
    expect(get('app://livedrill/index.html')).toEqual({ ok: true, file: join(root, 'index.html'), fallback: null });
    expect(get('app://livedrill/assets/index-abc.js?x=1')).toEqual({ ok: true, file: join(root, 'assets', 'index-abc.js'), fallback: null });
    expect(get('app://livedrill/review/42')).toMatchObject({ ok: true, fallback: join(root, 'index.html') });
  });

  it('answers only GET and HEAD', () => {
    expect(appRequestToFile(root, { url: 'app://livedrill/index.html', method: 'HEAD' }).ok).toBe(true);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'get']) {
      expect(appRequestToFile(root, { url: 'app://livedrill/index.html', method })).toMatchObject({ ok: false, status: 405 });
    }
  });

  it('refuses other hosts and schemes', () => {
    expect(get('app://evil/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(get('app://livedrill:1/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(get('file:///etc/passwd')).toMatchObject({ ok: false, status: 403 });
    expect(get('not a url')).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    'app://livedrill/..%2f..%2fpackage.json',
    'app://livedrill/assets%2f..%2f..%2fsecret',
    'app://livedrill/..%5c..%5csecret',
    'app://livedrill/..\\..\\secret',
    'app://livedrill/index.html%00.png',
    'app://livedrill/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://livedrill/%',
  ])('refuses the traversal attempt %s', (url) => {
    expect(get(url)).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    'app://livedrill/../../etc/passwd',
    'app://livedrill/%2e%2e/%2e%2e/etc/passwd',
    'app://livedrill/%2E%2E/secret',
    'app://livedrill/.%2e/secret',
    'app://livedrill//etc/passwd',
    'app://livedrill/%2fetc%2fpasswd',
    'app://livedrill/C:/Windows/win.ini',
    'app://livedrill/assets/./../../../x',
  ])('keeps %s inside the root (or refuses it)', (url) => {
    const result = get(url);
    if (result.ok) {
      expect(inside(result.file)).toBe(true);
      if (result.fallback !== null) expect(inside(result.fallback)).toBe(true);
    }
  });

  it('sends the strict CSP and hardening headers', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toBe(buildCsp());
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['permissions-policy']).toContain('camera=(self)');
  });
});

describe('electronDataDir', () => {
  it('is <userData>/data unless LIVEDRILL_DATA_DIR says otherwise', () => {
    expect(electronDataDir('/u/LiveDrill', {})).toBe(join('/u/LiveDrill', 'data'));
    expect(electronDataDir('/u/LiveDrill', { LIVEDRILL_DATA_DIR: '' })).toBe(join('/u/LiveDrill', 'data'));
    expect(electronDataDir('/u/LiveDrill', { LIVEDRILL_DATA_DIR: '/srv/exam' })).toBe('/srv/exam');
  });
});

describe('IPC event envelope', () => {
  it('recognises { name, payload } only', () => {
    expect(EVENT_CHANNEL).toBe('livedrill:event');
    expect(isEventMessage({ name: 'x', payload: undefined })).toBe(true);
    expect(isEventMessage({ name: 'x' })).toBe(false);
    expect(isEventMessage({ name: 1, payload: 1 })).toBe(false);
    expect(isEventMessage(null)).toBe(false);
    expect(isEventMessage('x')).toBe(false);
  });
});

describe('leaveQuestion', () => {
  it('asks in Chinese unless the system is English; staying is the default and Esc', () => {
    const zh = leaveQuestion('zh-CN');
    expect(zh.message).toBe('直播还在进行，确定要离开吗？');
    expect(zh.buttons[STAY]).toBe('留在直播间');
    expect(zh.buttons[LEAVE]).toBe('离开');
    expect(zh).toMatchObject({ defaultId: STAY, cancelId: STAY });
    expect(leaveQuestion('fr-FR')).toEqual(zh);
    expect(leaveQuestion('en-US').buttons[LEAVE]).toBe('Leave');
    expect(leaveChosen(LEAVE)).toBe(true);
    expect(leaveChosen(STAY)).toBe(false);
    expect(leaveChosen(-1)).toBe(false);
  });
});

describe('policy modules are pure', () => {
  it("import nothing from 'electron'", () => {
    const dir = join(repoRoot, 'electron/main/policy');
    const files = readdirSync(dir).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const source = readFileSync(join(dir, name), 'utf8');
      expect(source, name).not.toMatch(/from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/);
    }
  });
});

// ---- The bundles, against a stub 'electron' --------------------------------------------------

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  frameToken: string;
  detached: boolean;
}
interface FakeWebContents {
  id: number;
  url: string;
  mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null;
  emit(event: string, ...args: unknown[]): boolean;
  isDestroyed(): boolean;
}
interface FakeWindow {
  options: { webPreferences: Record<string, unknown> };
  webContents: FakeWebContents;
  loaded?: string;
}
interface ExposedApi {
  transport: string;
  methods: Record<string, (input?: unknown) => Promise<unknown>>;
  subscribe(name: string, callback: (payload: unknown) => void): () => void;
}
interface StubState {
  appData: string;
  sandbox: boolean;
  quit: boolean;
  privileged: unknown;
  windows: FakeWindow[];
  appListeners: Map<string, ((...args: unknown[]) => void)[]>;
  ipcHandlers: Map<string, (event: unknown, input: unknown) => Promise<unknown>>;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
  permissionCheck?: (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
  devicePermission?: () => boolean;
  exposed: Map<string, unknown>;
  invoked: { channel: string; input: unknown }[];
  rendererListeners: Map<string, ((...args: unknown[]) => void)[]>;
  dialogs: unknown[][];
  dialogAnswer: number;
}

// CommonJS stub of the parts of Electron the bundles use; it records into globalThis.__livedrillElectronStub.
const ELECTRON_STUB = `
const { EventEmitter } = require('node:events');
const state = globalThis.__livedrillElectronStub;
let nextId = 1;
const push = (map, key, value) => { if (!map.has(key)) map.set(key, []); map.get(key).push(value); };
class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.url = '';
    this.sent = [];
    this.windowOpenHandler = null;
    this.mainFrame = { url: '', parent: null, processId: 7, frameToken: 'main-' + this.id, detached: false };
  }
  getURL() { return this.url; }
  isDestroyed() { return false; }
  send(channel, message) { this.sent.push({ channel, message }); }
  setWindowOpenHandler(handler) { this.windowOpenHandler = handler; }
}
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    for (const listener of state.appListeners.get('web-contents-created') ?? []) listener({}, this.webContents);
    state.windows.push(this);
  }
  static fromWebContents(contents) { return state.windows.find((w) => w.webContents === contents) ?? null; }
  loadURL(url) { this.loaded = url; this.webContents.url = url; this.webContents.mainFrame.url = url; return Promise.resolve(); }
  isDestroyed() { return false; }
  isMinimized() { return false; }
  show() {} restore() {} focus() {}
}
const paths = { appData: state.appData };
const app = {
  isPackaged: false,
  enableSandbox() { state.sandbox = true; },
  setPath(name, value) { paths[name] = value; },
  getPath(name) { if (!(name in paths)) throw new Error('no path ' + name); return paths[name]; },
  requestSingleInstanceLock() { return true; },
  getLocale() { return 'zh-CN'; },
  on(event, listener) { push(state.appListeners, event, listener); return app; },
  whenReady() { return Promise.resolve(); },
  quit() { state.quit = true; },
  exit(code) { state.exitCode = code; },
};
module.exports = {
  app,
  BrowserWindow,
  protocol: { registerSchemesAsPrivileged(schemes) { state.privileged = schemes; } },
  dialog: { showMessageBoxSync(...args) { state.dialogs.push(args); return state.dialogAnswer; } },
  safeStorage: { isAsyncEncryptionAvailable() { return Promise.resolve(false); } },
  session: {
    defaultSession: {
      setPermissionRequestHandler(handler) { state.permissionRequest = handler; },
      setPermissionCheckHandler(handler) { state.permissionCheck = handler; },
      setDevicePermissionHandler(handler) { state.devicePermission = handler; },
      protocol: { handle(scheme, handler) { state.protocolHandlers.set(scheme, handler); } },
    },
  },
  ipcMain: {
    handle(name, handler) { if (state.ipcHandlers.has(name)) throw new Error('twice: ' + name); state.ipcHandlers.set(name, handler); },
    removeHandler(name) { state.ipcHandlers.delete(name); },
  },
  contextBridge: { exposeInMainWorld(key, api) { state.exposed.set(key, api); } },
  ipcRenderer: {
    invoke(channel, input) { state.invoked.push({ channel, input }); return Promise.resolve({ ok: true, output: channel }); },
    on(channel, listener) { push(state.rendererListeners, channel, listener); },
    removeListener(channel, listener) { const list = state.rendererListeners.get(channel) ?? []; list.splice(list.indexOf(listener), 1); },
  },
};
`;

describe('bundles (scripts/build-electron.mjs) against a stub electron', () => {
  const work = realpathSync(mkdtempSync(join(tmpdir(), 'livedrill-bundle-')));
  const outdir = join(work, 'build', 'electron');
  const state: StubState = {
    appData: join(work, 'appData'),
    sandbox: false,
    quit: false,
    privileged: undefined,
    windows: [],
    appListeners: new Map(),
    ipcHandlers: new Map(),
    protocolHandlers: new Map(),
    exposed: new Map(),
    invoked: [],
    rendererListeners: new Map(),
    dialogs: [],
    dialogAnswer: 0,
  };
  const savedDataDir = process.env.LIVEDRILL_DATA_DIR;
  let consoleError: MockInstance<typeof console.error>;
  let preloadCode = '';

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(repoRoot, 'scripts/build-electron.mjs'), '--outdir', outdir], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    preloadCode = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
    // The app as it is laid out when packaged: package.json, build/electron, build/renderer.
    copyFileSync(join(repoRoot, 'package.json'), join(work, 'package.json'));
    mkdirSync(join(work, 'build', 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(work, 'build', 'renderer', 'index.html'), '<!doctype html><title>stub renderer</title>');
    writeFileSync(join(work, 'build', 'renderer', 'assets', 'app.js'), 'console.log(1);');
    writeFileSync(join(work, 'secret.txt'), 'outside the renderer folder');
    mkdirSync(join(work, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(work, 'node_modules', 'electron', 'index.js'), ELECTRON_STUB);

    delete process.env.LIVEDRILL_DATA_DIR;
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    (globalThis as unknown as { __livedrillElectronStub: StubState }).__livedrillElectronStub = state;
    const load = createRequire(join(outdir, 'main.cjs'));
    load(join(outdir, 'main.cjs'));
    load(join(outdir, 'preload.cjs'));
    await vi.waitFor(() => {
      expect(state.windows).toHaveLength(1);
    });
  });

  afterAll(() => {
    consoleError.mockRestore();
    rmSync(work, { recursive: true, force: true });
    if (savedDataDir === undefined) delete process.env.LIVEDRILL_DATA_DIR;
    else process.env.LIVEDRILL_DATA_DIR = savedDataDir;
  });

  const mainWindow = (): FakeWindow => {
    const window = state.windows[0];
    if (window === undefined) throw new Error('no window');
    return window;
  };
  const call = async (method: string, input: unknown, event: unknown): Promise<unknown> => {
    const handler = state.ipcHandlers.get(method);
    if (handler === undefined) throw new Error(`no handler for ${method}`);
    return handler(event, input);
  };
  const ownEvent = () => ({ sender: mainWindow().webContents, senderFrame: mainWindow().webContents.mainFrame });
  const fetchApp = async (url: string, method = 'GET') => {
    const handler = state.protocolHandlers.get('app');
    if (handler === undefined) throw new Error('app:// is not handled');
    return handler(new Request(url, { method }));
  };

  describe('preload.cjs', () => {
    it('requires only electron and bundles no zod', () => {
      const requires = [...preloadCode.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
      expect(requires).toEqual(['electron']);
      expect(preloadCode).not.toMatch(/zod|ZodError|safeParse/);
      expect(preloadCode).not.toMatch(/ipcRenderer\.send\b|sendSync/);
    });

    it('exposes window.livedrill with one named function per contract method, and nothing raw', async () => {
      expect([...state.exposed.keys()]).toEqual(['livedrill']);
      const api = state.exposed.get('livedrill') as ExposedApi;
      expect(Object.keys(api).sort()).toEqual(['methods', 'subscribe', 'transport']);
      expect(api.transport).toBe('ipc');
      expect(Object.keys(api.methods).sort()).toEqual([...methodNames].sort());
      expect(Object.isFrozen(api.methods)).toBe(true);
      for (const name of methodNames) {
        await expect(api.methods[name]?.({ probe: name })).resolves.toEqual({ ok: true, output: name });
      }
      expect(state.invoked).toEqual(methodNames.map((name) => ({ channel: name, input: { probe: name } })));
    });

    it('subscribes only to contract events', () => {
      const api = state.exposed.get('livedrill') as ExposedApi;
      expect(() => api.subscribe('not.an.event', () => undefined)).toThrow(/unknown event/);
      expect(state.rendererListeners.get(EVENT_CHANNEL) ?? []).toHaveLength(0);
    });
  });

  describe('main.cjs', () => {
    it('registers app:// as privileged and enables the sandbox before anything else', () => {
      expect(state.privileged).toEqual([{ scheme: 'app', privileges: { ...appSchemePrivileges } }]);
      expect(state.sandbox).toBe(true);
    });

    it('opens one window with the secure preferences on app://livedrill', () => {
      const window = mainWindow();
      expect(window.options.webPreferences).toEqual({ ...webPreferencesFor({ preload: join(outdir, 'preload.cjs'), devTools: true }) });
      expect(window.loaded).toBe(APP_ENTRY_URL);
    });

    it('serves build/renderer over app:// with the CSP, and nothing outside it', async () => {
      const page = await fetchApp('app://livedrill/index.html');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(buildCsp());
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('stub renderer');
      expect((await fetchApp('app://livedrill/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await (await fetchApp('app://livedrill/review/7')).text()).toContain('stub renderer');
      expect((await fetchApp('app://livedrill/missing.js')).status).toBe(404);
      expect((await fetchApp('app://livedrill/index.html', 'HEAD')).status).toBe(200);
      expect((await fetchApp('app://livedrill/index.html', 'POST')).status).toBe(405);
      expect((await fetchApp('app://other/index.html')).status).toBe(403);
      for (const url of ['app://livedrill/..%2fsecret.txt', 'app://livedrill/..%2f..%2fsecret.txt', 'app://livedrill/..%5csecret.txt', 'app://livedrill/x%00']) {
        const response = await fetchApp(url);
        expect(response.status, url).toBe(400);
        expect(await response.text()).not.toContain('outside the renderer folder');
      }
      for (const url of ['app://livedrill/../secret.txt', 'app://livedrill/%2e%2e/secret.txt']) {
        expect(await (await fetchApp(url)).text(), url).not.toContain('outside the renderer folder');
      }
    });

    it('handles every contract method, and only those', () => {
      expect([...state.ipcHandlers.keys()].sort()).toEqual([...methodNames].sort());
    });

    it('answers our main frame through the dispatcher (zod-parsed), with transport ipc', async () => {
      const info = await call('app.info', {}, ownEvent());
      expect(info).toMatchObject({ ok: true, output: { name: 'livedrill', transport: 'ipc', dataDir: join(state.appData, 'LiveDrill', 'data') } });
      expect(existsSync(join(state.appData, 'LiveDrill', 'data'))).toBe(true);
      expect(await call('standard.skills', { workType: 'Z', level: 9 }, ownEvent())).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      expect(await call('app.info', { extra: true }, ownEvent())).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    });

    it('refuses sub-frames, foreign webContents, other origins and vanished frames', async () => {
      const window = mainWindow();
      const top = window.webContents.mainFrame;
      const foreign = { id: 999, isDestroyed: () => false, mainFrame: { ...top, frameToken: 'other' } };
      const refusals: unknown[] = [
        { sender: window.webContents, senderFrame: { ...top, frameToken: 'child', parent: top } },
        { sender: window.webContents, senderFrame: { ...top, url: 'https://evil.example/' } },
        { sender: window.webContents, senderFrame: null },
        { sender: window.webContents, senderFrame: { ...top, detached: true } },
        { sender: foreign, senderFrame: foreign.mainFrame },
      ];
      for (const event of refusals) {
        expect(await call('app.info', {}, event)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('refused IPC app.info'));
    });

    it('grants camera and microphone to our window on our origin, nothing else', () => {
      const { permissionRequest, permissionCheck, devicePermission } = state;
      if (permissionRequest === undefined || permissionCheck === undefined || devicePermission === undefined) throw new Error('permission handlers missing');
      const own = mainWindow().webContents;
      const request = (contents: unknown, permission: string, details: unknown): boolean => {
        let granted: boolean | undefined;
        permissionRequest(contents, permission, (value) => (granted = value), details);
        if (granted === undefined) throw new Error('callback not called');
        return granted;
      };
      const media = { mediaTypes: ['video', 'audio'], securityOrigin: APP_ORIGIN, requestingUrl: APP_ENTRY_URL, isMainFrame: true };
      expect(request(own, 'media', media)).toBe(true);
      expect(request(own, 'media', { ...media, mediaTypes: ['video'] })).toBe(true);
      expect(request(own, 'media', { ...media, securityOrigin: 'https://evil.example' })).toBe(false);
      expect(request(own, 'media', { ...media, mediaTypes: [] })).toBe(false);
      expect(request(own, 'display-capture', media)).toBe(false);
      expect(request(own, 'notifications', { requestingUrl: APP_ENTRY_URL, isMainFrame: true })).toBe(false);
      expect(request({ id: 999, isDestroyed: () => false }, 'media', media)).toBe(false);

      const check = { mediaType: 'video', securityOrigin: APP_ORIGIN, requestingUrl: APP_ENTRY_URL, isMainFrame: true };
      expect(permissionCheck(own, 'media', APP_ORIGIN, check)).toBe(true);
      expect(permissionCheck(own, 'media', APP_ORIGIN, { ...check, mediaType: 'audio' })).toBe(true);
      expect(permissionCheck(own, 'media', APP_ORIGIN, { ...check, mediaType: 'unknown' })).toBe(false);
      expect(permissionCheck(own, 'media', 'https://evil.example', check)).toBe(false);
      expect(permissionCheck(null, 'media', APP_ORIGIN, check)).toBe(false);
      expect(permissionCheck(own, 'geolocation', APP_ORIGIN, { isMainFrame: true })).toBe(false);
      expect(devicePermission()).toBe(false);
    });

    it('keeps the window on app://livedrill: no navigation away, no popups, no webview', () => {
      const contents = mainWindow().webContents;
      const navigate = (event: string, url: string, isMainFrame = true) => {
        const preventDefault = vi.fn();
        contents.emit(event, { url, isMainFrame, preventDefault });
        return preventDefault.mock.calls.length > 0;
      };
      expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
      expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
      expect(navigate('will-navigate', 'app://livedrill/index.html#/x')).toBe(false);
      expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
      expect(navigate('will-redirect', 'app://livedrill/index.html')).toBe(false);
      expect(navigate('will-frame-navigate', 'app://livedrill/index.html', false)).toBe(true);
      expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
      expect(contents.windowOpenHandler?.({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
      const attach = vi.fn();
      contents.emit('will-attach-webview', { preventDefault: attach }, {}, {});
      expect(attach).toHaveBeenCalled();
    });

    it('asks before a page that wants to stay (a live session) is unloaded, and unloads only when told to', () => {
      const contents = mainWindow().webContents;
      const unload = (answer: number) => {
        state.dialogAnswer = answer;
        const preventDefault = vi.fn();
        contents.emit('will-prevent-unload', { preventDefault });
        return preventDefault.mock.calls.length > 0;
      };
      expect(unload(STAY)).toBe(false);
      expect(unload(LEAVE)).toBe(true);
      expect(state.dialogs).toHaveLength(2);
      const [owner, question] = state.dialogs[0] ?? [];
      expect(owner).toBe(mainWindow());
      expect(question).toEqual(leaveQuestion('zh-CN'));
    });

    it('closes the services before quitting', async () => {
      const [willQuit] = state.appListeners.get('will-quit') ?? [];
      if (willQuit === undefined) throw new Error('no will-quit listener');
      const preventDefault = vi.fn();
      willQuit({ preventDefault });
      expect(preventDefault).toHaveBeenCalled();
      await vi.waitFor(() => {
        expect(state.quit).toBe(true);
      });
    });
  });
});
