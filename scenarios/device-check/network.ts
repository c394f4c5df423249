// Network maths: statistics of TCP connect-time samples to the ingest server, and reading the
// ingest address the trainee typed (the stream key after the path is never kept).
import { median } from './signal.ts';

export interface ConnectStats {
  readonly attempts: number;
  readonly ok: number;
  readonly failed: number;
  readonly medianMs: number | null;
  readonly minMs: number | null;
  readonly maxMs: number | null;
  /** Mean absolute difference of consecutive successful connect times (as RFC 3550's
   *  inter-arrival jitter, unsmoothed); null with fewer than two successes. */
  readonly jitterMs: number | null;
}

/** `samples`: connect time in ms per attempt, null for an attempt that failed or timed out. */
export function connectStats(samples: readonly (number | null)[]): ConnectStats {
  const ok = samples.filter((s): s is number => s !== null);
  let jitter: number | null = null;
  if (ok.length >= 2) {
    let sum = 0;
    for (let i = 1; i < ok.length; i++) sum += Math.abs((ok[i] ?? 0) - (ok[i - 1] ?? 0));
    jitter = sum / (ok.length - 1);
  }
  return {
    attempts: samples.length,
    ok: ok.length,
    failed: samples.length - ok.length,
    medianMs: ok.length > 0 ? median(ok) : null,
    minMs: ok.length > 0 ? Math.min(...ok) : null,
    maxMs: ok.length > 0 ? Math.max(...ok) : null,
    jitterMs: jitter,
  };
}

export interface IngestTarget {
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
  /** scheme://host:port — what may be shown and stored (no path, no stream key). */
  readonly display: string;
}

export type IngestParse = { ok: true; target: IngestTarget } | { ok: false; error: string };

const DEFAULT_PORTS: Readonly<Record<string, number>> = { rtmp: 1935, rtmps: 443, srt: 9000, rtsp: 554, http: 80, https: 443 };

/** Reads an ingest address: rtmp://host[:port]/app/key, rtmps://…, srt://host:port, or host:port. */
export function parseIngestUrl(text: string): IngestParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: '推流服务器地址为空' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `rtmp://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: `无法识别推流服务器地址「${trimmed}」：应为 rtmp://主机:端口/… 或 主机:端口` };
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const defaultPort = DEFAULT_PORTS[scheme];
  if (defaultPort === undefined) return { ok: false, error: `不支持的协议「${scheme}」：请用 rtmp、rtmps、srt、rtsp、http 或 https` };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return { ok: false, error: `推流服务器地址「${trimmed}」缺少主机名` };
  // URL drops a port equal to the scheme's default, but only for schemes it knows (http/https).
  const port = url.port === '' ? defaultPort : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, error: `端口「${url.port}」无效：应为 1–65535` };
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return { ok: true, target: { scheme, host, port, display: `${scheme}://${hostPart}:${port}` } };
}
