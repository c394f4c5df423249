// The station's side of the evidence upload: seals the finished package with the device key,
// offers it, sends what the centre lacks chunk by chunk, asks the centre to verify and
// countersign, and writes the receipt into its own seal.json. Its copy is never removed: the
// receipt in seal.json is the confirmation. The loop is the pure machine in
// scenarios/network/upload.ts; a network error or a restarted centre means a new offer.
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { MANIFEST_FILE, SEAL_FILE } from '../../../scenarios/evidence/manifest.ts';
import { Seal, sealText, type Signer } from '../../../scenarios/evidence/seal.ts';
import { ackedBytes, nextAction, reduceUpload, startUpload, totalBytes, UploadStatus, waited, type UploadOffer, type UploadState } from '../../../scenarios/network/upload.ts';
import { atomicWrite } from '../platform/fs.ts';
import { sha256Hex } from '../platform/hash.ts';
import { readManifest } from '../evidence/package-dir.ts';
import { sealPackage } from '../evidence/seal-package.ts';
import { CHUNK_HASH_HEADER, UPLOADS_PATH } from '../centre/upload-routes.ts';
import { nodeSignatureCheck } from './device-key.ts';
import { centreMessage } from '../../../scenarios/evidence/seal.ts';
import type { CentreLink } from './centre-link.ts';

export class UploadRefused extends Error {
  readonly code: string;
  readonly detail: unknown;
  constructor(code: string, message: string, detail?: unknown) {
    super(message);
    this.name = 'UploadRefused';
    this.code = code;
    this.detail = detail;
  }
}

export interface UploadProgress {
  sessionId: string;
  phase: UploadState['phase'];
  acked: number;
  total: number;
  failures: number;
}

export interface UploadOptions {
  signer: Signer;
  sitting: string | null;
  /** The centre's public key, learnt at pairing: the receipt must be signed by it. */
  centreKey: string | null;
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

/** The offer for a sealed package: manifest, seal and every file the manifest lists. */
export async function packageOffer(dir: string): Promise<UploadOffer> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new UploadRefused('not_a_package', `${dir}: 没有可读的 manifest.json`);
  const digest = async (path: string) => {
    const bytes = await readFile(join(dir, path));
    return { path, size: bytes.length, sha256: sha256Hex(bytes) };
  };
  const m = await digest(MANIFEST_FILE);
  return { sessionId: manifest.sessionId, manifestSha256: m.sha256, files: [m, await digest(SEAL_FILE), ...manifest.files] };
}

async function readRange(dir: string, path: string, offset: number, size: number): Promise<Buffer> {
  const handle = await open(join(dir, path), 'r');
  try {
    const buffer = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(buffer, done, size - done, offset + done);
      if (bytesRead === 0) throw new UploadRefused('file_changed', `${path} 比报价时短：文件在上传中被改动`);
      done += bytesRead;
    }
    return buffer;
  } finally {
    await handle.close();
  }
}

const problem = (body: unknown): { code: string; message: string; expected?: number } => {
  const b = (body ?? {}) as { code?: unknown; message?: unknown; expected?: unknown };
  return { code: typeof b.code === 'string' ? b.code : 'http_error', message: typeof b.message === 'string' ? b.message : String(body), ...(typeof b.expected === 'number' ? { expected: b.expected } : {}) };
};

/** Uploads one finished package; resolves with the centre's receipt (the countersigned seal). */
export async function uploadPackage(dir: string, link: CentreLink, options: UploadOptions): Promise<Seal> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  await sealPackage(dir, options.signer, { sitting: options.sitting });
  const offer = await packageOffer(dir);
  let s = startUpload(offer);
  const report = () => options.onProgress?.({ sessionId: offer.sessionId, phase: s.phase, acked: ackedBytes(s), total: totalBytes(s), failures: s.failures });
  const network = (error: unknown) => {
    s = reduceUpload(s, { type: 'network_error', message: (error as Error).message });
  };
  for (;;) {
    options.signal?.throwIfAborted();
    report();
    const action = nextAction(s);
    try {
      switch (action.kind) {
        case 'done': {
          const receipt = Seal.parse(s.receipt);
          await atomicWrite(join(dir, SEAL_FILE), sealText(receipt));
          return receipt;
        }
        case 'stop':
          throw new UploadRefused(action.code, action.message);
        case 'wait':
          await sleep(action.ms);
          s = waited(s);
          break;
        case 'offer': {
          const r = await link.request('POST', UPLOADS_PATH, { json: offer });
          if (r.status === 200) s = reduceUpload(s, { type: 'status', status: UploadStatus.parse(r.body) });
          else if (r.status >= 500) network(new Error(problem(r.body).message));
          else s = reduceUpload(s, { type: 'refused', ...problem(r.body) });
          break;
        }
        case 'send': {
          const bytes = await readRange(dir, action.path, action.offset, action.size);
          const r = await link.request('PUT', `${UPLOADS_PATH}/${offer.sessionId}/${encodeURIComponent(action.path)}?offset=${action.offset}`, {
            body: bytes,
            headers: { 'content-type': 'application/octet-stream', [CHUNK_HASH_HEADER]: createHash('sha256').update(bytes).digest('hex') },
          });
          if (r.status === 200) {
            const st = UploadStatus.parse(r.body);
            s = reduceUpload(s, { type: 'acked', path: action.path, received: st.received[action.path] ?? 0 });
          } else {
            const p = problem(r.body);
            if (r.status === 409 && p.code === 'no_offer') network(new Error(p.message));
            else if (r.status === 409 && p.expected !== undefined) s = reduceUpload(s, { type: 'resync', path: action.path, expected: p.expected });
            else if (r.status >= 500) network(new Error(p.message));
            else s = reduceUpload(s, { type: 'refused', ...p });
          }
          break;
        }
        case 'complete': {
          const r = await link.request('POST', `${UPLOADS_PATH}/${offer.sessionId}/complete`);
          if (r.status === 200) {
            const receipt = Seal.parse((r.body as { receipt?: unknown } | null)?.receipt);
            await checkReceipt(receipt, offer, options);
            s = reduceUpload(s, { type: 'confirmed', receipt });
          } else if (r.status >= 500 || (r.status === 409 && problem(r.body).code !== 'already_received')) network(new Error(problem(r.body).message));
          else {
            const p = problem(r.body);
            throw new UploadRefused(p.code, p.message, r.body);
          }
          break;
        }
      }
    } catch (error) {
      if (error instanceof UploadRefused || (error as Error).name === 'AbortError') throw error;
      if ((error as Error).name === 'ZodError') throw new UploadRefused('bad_answer', `考点的回答格式不对：${(error as Error).message}`);
      network(error);
    }
  }
}

async function checkReceipt(receipt: Seal, offer: UploadOffer, options: UploadOptions): Promise<void> {
  const c = receipt.centre;
  if (!c) throw new UploadRefused('no_receipt', '考点没有签收');
  if (receipt.payload.manifestSha256 !== offer.manifestSha256 || receipt.station.deviceId !== options.signer.deviceId) throw new UploadRefused('bad_receipt', '考点签收的不是本证据包');
  if (options.centreKey !== null && c.publicKey !== options.centreKey) throw new UploadRefused('bad_receipt', '签收不是配对时的考点所签');
  if (!(await nodeSignatureCheck.verify(c.publicKey, centreMessage(receipt.payload, receipt.station.signature, c.deviceId, c.receivedAt), c.signature))) {
    throw new UploadRefused('bad_receipt', '考点签收签名无效');
  }
}
