// A device's Ed25519 key pair (station, assessor's machine, centre). The private key never
// leaves the device: it is kept in the secret store (Electron's safeStorage in the desktop app,
// a 0600 file in web mode and the CLI, see obs/secret-store.ts). The device id is derived from
// the public key, so the two cannot drift apart.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { SignatureCheck, Signer } from '../../../scenarios/evidence/seal.ts';
import type { SecretStore } from '../obs/secret-store.ts';

const SLOT = 'device-key:ed25519';

export function deviceIdOf(publicKey: string): string {
  return `d${createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16)}`;
}

function publicKeyText(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return jwk.x;
}

export function signerFromPem(pem: string): Signer {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('device key is not Ed25519');
  const publicKey = publicKeyText(createPublicKey(privateKey));
  return {
    deviceId: deviceIdOf(publicKey),
    publicKey,
    sign: (message) => Promise.resolve(sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64url')),
  };
}

export function newDevicePem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** The device's signer, made on first use. */
export async function deviceSigner(store: SecretStore): Promise<Signer> {
  const existing = await store.get(SLOT);
  if (existing !== null) return signerFromPem(existing);
  const pem = newDevicePem();
  await store.set(SLOT, pem);
  return signerFromPem(pem);
}

export const nodeSignatureCheck: SignatureCheck = {
  verify(publicKey, message, signature) {
    try {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
      return Promise.resolve(verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url')));
    } catch {
      return Promise.resolve(false);
    }
  },
};
