// Wires the pure policies of ./policy into Electron: every webContents is guarded (no
// navigation away, no new windows, no <webview>, no unload a page asked to stop without asking
// the trainee), the session grants only camera and
// microphone to our own origin, and app:// serves build/renderer with the strict CSP.
import { app, BrowserWindow, dialog, type Session, type WebContents } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { appRequestToFile, appResponseHeaders, contentTypeFor } from './policy/app-request.ts';
import { navigationDecision, windowOpenDecision } from './policy/navigation.ts';
import { APP_SCHEME } from './policy/origin.ts';
import { permissionDecision } from './policy/permissions.ts';
import { leaveChosen, leaveQuestion } from './policy/unload.ts';
import type { WindowRegistry } from './windows.ts';

export type Log = (line: string) => void;

/** Installs the guards on every webContents ever created (call before the first window). */
export function guardAllWebContents(log: Log): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, log);
  });
}

function guardWebContents(contents: WebContents, log: Log): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('denied: <webview> is not allowed');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (!decision.allow) log(`denied window.open: ${decision.reason}`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = navigationDecision(contents.getURL(), event.url);
    if (!decision.allow) {
      event.preventDefault();
      log(`denied navigation: ${decision.reason}`);
    }
  });
  contents.on('will-redirect', (event) => {
    const decision = navigationDecision(contents.getURL(), event.url);
    if (!decision.allow) {
      event.preventDefault();
      log(`denied redirect: ${decision.reason}`);
    }
  });
  contents.on('will-prevent-unload', (event) => {
    // The live room asked to stay (a session is live): Electron would cancel the reload or close
    // silently. Ask; leaving lets the page go (it can be resumed on return).
    const window = BrowserWindow.fromWebContents(contents);
    const question = leaveQuestion(app.getLocale());
    const response = window === null ? dialog.showMessageBoxSync(question) : dialog.showMessageBoxSync(window, question);
    if (leaveChosen(response)) event.preventDefault();
    log(`page asked to stay: ${leaveChosen(response) ? 'left' : 'stayed'}`);
  });
  contents.on('will-frame-navigate', (event) => {
    // The app has no sub-frames (CSP frame-src 'none'); the main frame is judged by will-navigate.
    if (event.isMainFrame) return;
    event.preventDefault();
    log(`denied sub-frame navigation to ${event.url}`);
  });
}

/** Camera and microphone for our own windows on app://livedrill; nothing else, ever. */
export function installPermissionHandlers(ses: Session, windows: WindowRegistry, log: Log): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    if (!windows.isOwn(contents)) {
      log(`denied permission "${permission}": not one of our windows`);
      callback(false);
      return;
    }
    const media = 'mediaTypes' in details || 'securityOrigin' in details ? details : undefined;
    const decision = permissionDecision({
      permission,
      requestingOrigin: media?.securityOrigin ?? details.requestingUrl,
      requestingUrl: details.requestingUrl,
      mediaTypes: media?.mediaTypes,
      isMainFrame: details.isMainFrame,
    });
    if (!decision.allow) log(`denied permission request: ${decision.reason}`);
    callback(decision.allow);
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    if (!windows.isOwn(contents)) return false;
    return permissionDecision({
      permission,
      requestingOrigin,
      requestingUrl: details.requestingUrl,
      mediaTypes: details.mediaType === undefined ? undefined : [details.mediaType],
      isMainFrame: details.isMainFrame,
    }).allow;
  });
  // WebHID / WebUSB / Web Serial: never.
  ses.setDevicePermissionHandler(() => false);
}

/** app://livedrill/… → files under root (build/renderer), through the traversal guard. */
export function handleAppProtocol(ses: Session, root: string, log: Log, media?: (request: Request) => Promise<Response | null>): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    try {
      // The assessor's video (app://livedrill/media/…): see main/scoring-desktop.ts.
      return (await media?.(request)) ?? (await serveAppRequest(root, request));
    } catch (error) {
      log(`app:// ${request.url}: ${String(error)}`);
      return plain(500, 'Internal error');
    }
  });
}

async function serveAppRequest(root: string, request: Request): Promise<Response> {
  const mapped = appRequestToFile(root, { url: request.url, method: request.method });
  if (!mapped.ok) return plain(mapped.status, mapped.reason);
  let file = mapped.file;
  let info = await stat(file).catch(() => null);
  if (!info?.isFile() && mapped.fallback !== null) {
    file = mapped.fallback;
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return plain(404, 'Not found');
  const headers = { ...appResponseHeaders(contentTypeFor(file)), 'content-length': String(info.size) };
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
  return new Response(await readFile(file), { status: 200, headers });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}
