// A station's or assessor's connection to the centre: HTTPS with the centre's self-signed
// certificate pinned (the fingerprint shown on the centre's screen, confirmed at pairing), the
// device credential as a bearer token, one keep-alive agent. Plain http:// is accepted only for
// loopback tests of the protocol.
import { createHash, X509Certificate } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';

export interface CentreLinkOptions {
  /** https://host:port of the centre. */
  url: string;
  /** SHA-256 fingerprint of the centre's certificate, hex with colons (as the centre prints it). */
  fingerprint?: string;
  credential?: string;
  timeoutMs?: number;
}

export interface LinkResponse {
  status: number;
  body: unknown;
}

export class LinkError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'LinkError';
    this.code = code;
  }
}

export interface CentreLink {
  readonly url: string;
  request(method: string, path: string, options?: { json?: unknown; body?: Uint8Array; headers?: Record<string, string> }): Promise<LinkResponse>;
  close(): void;
}

export function fingerprintOf(certPem: string | Buffer): string {
  return new X509Certificate(certPem).fingerprint256;
}

const normal = (fp: string) => fp.replace(/:/g, '').toLowerCase();

export function createCentreLink(options: CentreLinkOptions): CentreLink {
  const base = new URL(options.url);
  const tls = base.protocol === 'https:';
  if (!tls && !['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) throw new LinkError('insecure', `${options.url}: 考点连接必须使用 https`);
  if (tls && !options.fingerprint) throw new LinkError('no_fingerprint', '缺少考点证书指纹：请在考点屏幕上核对后输入');
  const want = options.fingerprint ? normal(options.fingerprint) : null;
  // TLS: fetch the certificate once, check its fingerprint before anything is sent, then trust
  // exactly that certificate (ca) and check the fingerprint again on every handshake.
  let agentReady: Promise<HttpAgent | HttpsAgent> | null = null;
  const agent = (): Promise<HttpAgent | HttpsAgent> =>
    (agentReady ??= tls && want ? pinnedAgent(base, want, options.fingerprint ?? '') : Promise.resolve(new HttpAgent({ keepAlive: true, maxSockets: 4 }))).catch((error: unknown) => {
      agentReady = null;
      throw error;
    });
  const timeoutMs = options.timeoutMs ?? 15_000;

  return {
    url: base.origin,
    request(method, path, { json, body, headers = {} } = {}) {
      const payload = json !== undefined ? Buffer.from(JSON.stringify(json)) : body;
      const head: Record<string, string | number> = { ...headers, accept: 'application/json' };
      if (json !== undefined) head['content-type'] = 'application/json';
      if (payload) head['content-length'] = payload.length;
      if (options.credential) head.authorization = `Bearer ${options.credential}`;
      const make = tls ? httpsRequest : httpRequest;
      return agent().then((a) => new Promise<LinkResponse>((resolve, reject) => {
        const req = make(new URL(path, base), { method, headers: head, agent: a, timeout: timeoutMs }, (res: IncomingMessage) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(parts).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text === '' ? null : (JSON.parse(text) as unknown);
            } catch {
              // Not JSON: keep the text for the error message.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        });
        req.on('timeout', () => req.destroy(new LinkError('timeout', `${method} ${path}: 考点 ${timeoutMs} ms 内无响应`)));
        req.on('error', reject);
        req.end(payload);
      }));
    },
    close: () => {
      void agentReady?.then((a) => a.destroy(), () => undefined);
    },
  };
}

const fpOf = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');

async function pinnedAgent(base: URL, want: string, shown: string): Promise<HttpsAgent> {
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const socket = tlsConnect({ host: base.hostname.replace(/^\[|\]$/g, ''), port: Number(base.port || 443), rejectUnauthorized: false }, () => {
      const raw = socket.getPeerCertificate().raw as Buffer | undefined;
      socket.end();
      if (!raw) reject(new LinkError('no_certificate', `${base.origin}: 考点没有出示证书`));
      else resolve(raw);
    });
    socket.setTimeout(10_000, () => socket.destroy(new LinkError('timeout', `${base.origin}: 连接考点超时`)));
    socket.on('error', reject);
  });
  const got = fpOf(raw);
  if (got !== want) throw new LinkError('fingerprint_mismatch', `考点证书指纹不符：期望 ${shown}，实际 ${colons(got)}（可能有人冒充考点，不发送任何数据）`);
  const pem = `-----BEGIN CERTIFICATE-----\n${raw.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
  return new HttpsAgent({
    keepAlive: true,
    maxSockets: 4,
    ca: pem,
    checkServerIdentity: (_host: string, cert: PeerCertificate) => (fpOf(cert.raw) === want ? undefined : new LinkError('fingerprint_mismatch', '考点证书已更换：指纹不符')),
  });
}

const colons = (hex: string) => hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
