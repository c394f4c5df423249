// A station or an assessor's machine joins a centre: it pins the centre's certificate by the
// fingerprint a person read off the centre's screen, sends the one-time code with its own
// Ed25519 public key and a signature (the private key never leaves the device), and keeps the
// credential in the secret store and the membership (centre address, fingerprint, keys) in
// <data>/centre-membership.json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CentreDevice } from '../../../scenarios/centre/access.ts';
import { normalisePairingCode, PAIR_FORMAT, pairMessage } from '../../../scenarios/centre/pairing.ts';
import { DeviceId, PublicKey } from '../../../scenarios/evidence/seal.ts';
import type { SecretStore } from '../obs/secret-store.ts';
import { atomicWrite } from '../platform/fs.ts';
import { createCentreLink, LinkError, type CentreLink } from './centre-link.ts';
import { deviceSigner } from './device-key.ts';

const MEMBERSHIP_FILE = 'centre-membership.json';
const CREDENTIAL_SLOT = 'centre-credential';

export const CentreMembership = z.strictObject({
  url: z.url(),
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  device: CentreDevice,
  centre: z.strictObject({ deviceId: DeviceId, publicKey: PublicKey }),
});
export type CentreMembership = z.infer<typeof CentreMembership>;

/** The centre's answer to a pairing; the credential is kept apart from the membership. */
const PairAnswer = z.strictObject({ device: CentreDevice, credential: z.string().regex(/^ldc_[A-Za-z0-9_-]{43}$/), centre: CentreMembership.shape.centre });

export interface JoinOptions {
  url: string;
  fingerprint: string;
  code: string;
  name: string;
  dataDir: string;
  secrets: SecretStore;
}

const upperFingerprint = (fp: string) => {
  const hex = fp.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) throw new LinkError('bad_fingerprint', 'fingerprint');
  return hex.replace(/(..)(?!$)/g, '$1:');
};

export async function joinCentre(options: JoinOptions): Promise<CentreMembership> {
  const code = normalisePairingCode(options.code);
  if (code === null) throw new LinkError('bad_code', 'code');
  const fingerprint = upperFingerprint(options.fingerprint);
  const signer = await deviceSigner(options.secrets);
  const link = createCentreLink({ url: options.url, fingerprint });
  try {
    const name = options.name.normalize('NFKC').trim();
    const signature = await signer.sign(pairMessage(code, signer.publicKey, name));
    const answer = await link.request('POST', '/api/pair', { json: { format: PAIR_FORMAT, code, publicKey: signer.publicKey, name, signature } });
    if (answer.status !== 200) {
      const body = (answer.body ?? {}) as { code?: unknown };
      throw new LinkError(typeof body.code === 'string' ? body.code : `http_${answer.status}`, `pairing refused (${answer.status})`);
    }
    const paired = PairAnswer.parse(answer.body);
    if (paired.device.deviceId !== signer.deviceId) throw new LinkError('wrong_device', 'the centre answered for another device');
    const membership: CentreMembership = { url: link.url, fingerprint, device: paired.device, centre: paired.centre };
    await options.secrets.set(CREDENTIAL_SLOT, paired.credential);
    await atomicWrite(join(options.dataDir, MEMBERSHIP_FILE), `${JSON.stringify(membership, null, 2)}\n`);
    return membership;
  } finally {
    link.close();
  }
}

export async function readMembership(dataDir: string): Promise<CentreMembership | null> {
  const text = await readFile(join(dataDir, MEMBERSHIP_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  return CentreMembership.parse(JSON.parse(text));
}

/** The link to the centre this device joined, with its credential; null when it joined none. */
export async function memberLink(dataDir: string, secrets: SecretStore): Promise<{ membership: CentreMembership; link: CentreLink } | null> {
  const membership = await readMembership(dataDir);
  const credential = await secrets.get(CREDENTIAL_SLOT);
  if (!membership || credential === null) return null;
  return { membership, link: createCentreLink({ url: membership.url, fingerprint: membership.fingerprint, credential }) };
}
