// The desktop half of the assessor workspace: the evidence video over app://livedrill/media/…
// (the same rules as the web host's route: services/evidence/media.ts) and the score sheet as
// PDF through Electron's printToPDF (A4, the sheet's print CSS), which web mode leaves to the
// browser's own print → save as PDF.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ContractError } from '../contract/index.ts';
import { isMediaPath, mediaAnswer, mediaStream } from '../services/evidence/media.ts';
import type { SheetPdfPrinter } from '../services/scoring/service.ts';
import type { WindowRegistry } from './windows.ts';

/** app://livedrill/media/<session>/<file> → the video; null for every other path. */
export async function serveMediaProtocol(dataDir: string, request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  if (!isMediaPath(url.pathname)) return null;
  const answer = await mediaAnswer(dataDir, url.pathname, request.method, request.headers.get('range'));
  const body = mediaStream(answer);
  const web = body === null || typeof body === 'string' ? body : (Readable.toWeb(body) as ReadableStream<Uint8Array>);
  return new Response(web, { status: answer.status, headers: answer.headers });
}

/** The score sheet on screen as PDF (A4), for the scoring service's printSheetPdf dependency. */
export function sheetPdfPrinter(windows: WindowRegistry, dataDir: string): SheetPdfPrinter {
  return async (sessionId) => {
    const [window] = windows.all();
    if (window === undefined) throw new ContractError('failed', '没有可打印的窗口 (no window)');
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    const dir = join(dataDir, 'exports');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${sessionId}-评分表.pdf`);
    await writeFile(file, pdf);
    return { file, size: pdf.length };
  };
}
