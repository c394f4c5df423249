// LiveDrill's Electron main process. Bundled by scripts/build-electron.mjs into
// build/electron/main.cjs (CJS; 'electron' is the only external). The renderer is served from
// app://livedrill (build/renderer), never file://; every policy lives in ./policy as a pure,
// unit-tested function.
import { app, BrowserWindow, protocol, safeStorage, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServices, type Services } from '../services/host.ts';
import { createFileSecretStore } from '../services/obs/secret-store.ts';
import { wireContractIpc } from './ipc.ts';
import { electronDataDir } from './policy/data-dir.ts';
import { APP_ENTRY_URL, APP_SCHEME, appSchemePrivileges } from './policy/origin.ts';
import { webPreferencesFor } from './policy/web-preferences.ts';
import { guardAllWebContents, handleAppProtocol, installPermissionHandlers, type Log } from './security.ts';
import { serveMediaProtocol, sheetPdfPrinter } from './scoring-desktop.ts';
import { createWindowRegistry } from './windows.ts';

const log: Log = (line) => {
  console.error(`livedrill: ${line}`);
};

// The bundle sits in build/electron; the renderer build beside it in build/renderer.
const bundleDir = __dirname;
const rendererDir = join(bundleDir, '..', 'renderer');
const preloadFile = join(bundleDir, 'preload.cjs');

// Before 'ready': the one privileged scheme (Electron honours a single call), sandbox for every
// renderer, and a stable userData folder whatever productName says.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...appSchemePrivileges } }]);
app.enableSandbox();
app.setPath('userData', join(app.getPath('appData'), 'LiveDrill'));

const windows = createWindowRegistry();
let services: Services | null = null;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: '直播实训考评台 LiveDrill',
    backgroundColor: '#ffffff',
    webPreferences: { ...webPreferencesFor({ preload: preloadFile, devTools: !app.isPackaged }) },
  });
  windows.add(window);
  window.once('ready-to-show', () => {
    window.show();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    log(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    log(`could not load ${APP_ENTRY_URL}: ${String(error)}`);
  });
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = electronDataDir(app.getPath('userData'), process.env);
  mkdirSync(dataDir, { recursive: true });
  // The OBS password is sealed with the OS keychain (safeStorage) where it is available; without
  // it the services fall back to a file only its owner can read.
  const secrets = (await safeStorage.isAsyncEncryptionAvailable())
    ? createFileSecretStore(join(dataDir, 'secrets'), {
        encrypt: (plain) => safeStorage.encryptStringAsync(plain),
        decrypt: async (sealed) => (await safeStorage.decryptStringAsync(sealed)).result,
      })
    : undefined;
  services = createServices({ dataDir, secrets, printSheetPdf: sheetPdfPrinter(windows, dataDir) });

  const ses = session.defaultSession;
  installPermissionHandlers(ses, windows, log);
  handleAppProtocol(ses, rendererDir, log, (request) => serveMediaProtocol(dataDir, request));
  wireContractIpc(services, windows, log);
  createMainWindow();

  app.on('activate', () => {
    if (windows.all().length === 0) createMainWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  guardAllWebContents(log);
  app.on('second-instance', () => {
    const [window] = windows.all();
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || services === null) return;
    event.preventDefault();
    const closing = services;
    services = null;
    void closing
      .close()
      .catch((error: unknown) => {
        log(`closing services: ${String(error)}`);
      })
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  start().catch((error: unknown) => {
    log(`start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(1);
  });
}
