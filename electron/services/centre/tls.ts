// The centre's TLS certificate: self-signed (ECDSA P-256), made on first run and kept in
// <data>/centre/tls/ (the key 0600). Stations do not trust it by name: they pin its SHA-256
// fingerprint, which the centre prints and shows and a person confirms at pairing
// (network/centre-link.ts), so a changed certificate is refused rather than trusted.
import * as x509 from '@peculiar/x509';
import { X509Certificate, webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { atomicWrite } from '../platform/fs.ts';

export interface CentreCertificate {
  key: string;
  cert: string;
  /** SHA-256, hex pairs with colons, as Node and browsers print it. */
  fingerprint: string;
  created: boolean;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const VALID_DAYS = 5 * 365;

/** This machine's addresses that a station on the LAN could reach (no loopback, no link-local v6). */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => a !== undefined && !a.internal && !(a.family === 'IPv6' && a.address.startsWith('fe80')))
    .map((a) => a.address);
}

export async function ensureCentreCertificate(dataDir: string): Promise<CentreCertificate> {
  const dir = join(dataDir, 'centre', 'tls');
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const [key, cert] = await Promise.all([readFile(keyFile, 'utf8').catch(() => null), readFile(certFile, 'utf8').catch(() => null)]);
  if (key !== null && cert !== null) return { key, cert, fingerprint: new X509Certificate(cert).fingerprint256, created: false };

  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const names = [...new Set(['localhost', hostname()])].map((value) => ({ type: 'dns' as const, value }));
  const ips = [...new Set(['127.0.0.1', '::1', ...lanAddresses()])].map((value) => ({ type: 'ip' as const, value }));
  const created = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '7'),
    name: `CN=LiveDrill centre ${hostname()}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + VALID_DAYS * 86_400_000),
    keys: keys as CryptoKeyPair,
    signingAlgorithm: ALGORITHM,
    extensions: [new x509.SubjectAlternativeNameExtension([...names, ...ips]), new x509.BasicConstraintsExtension(false, undefined, true)],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', (keys as CryptoKeyPair).privateKey)).toString('base64');
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
  const certPem = created.toString('pem');
  // Key first: a crash between the two writes leaves no certificate without its key.
  await atomicWrite(keyFile, keyPem, { mode: 0o600, mkdirMode: 0o700 });
  await atomicWrite(certFile, `${certPem}\n`, { mode: 0o644, mkdirMode: 0o700 });
  return { key: keyPem, cert: certPem, fingerprint: new X509Certificate(certPem).fingerprint256, created: true };
}
