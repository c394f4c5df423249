// Signing a finished package on the station (seal.json) and countersigning it at the centre.
// The seal covers manifest.json's bytes, which list every other file's hash.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, SEAL_FILE } from '../../../scenarios/evidence/manifest.ts';
import { countersign, DeviceKeyList, Seal, sealPayload, sealText, signSeal, type Signer } from '../../../scenarios/evidence/seal.ts';
import { readText } from './close.ts';
import { atomicWrite } from '../platform/fs.ts';
import { sha256Hex } from '../platform/hash.ts';
import { readManifest } from './package-dir.ts';

export class SealRefused extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SealRefused';
    this.code = code;
  }
}

export async function readSeal(dir: string): Promise<Seal | null> {
  const text = await readText(join(dir, SEAL_FILE));
  if (text === null) return null;
  const parsed = Seal.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/** The station signs its finished package; signing again returns the seal already there. */
export async function sealPackage(dir: string, signer: Signer, options: { sitting: string | null; now?: () => Date }): Promise<Seal> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new SealRefused('not_a_package', `${join(dir, MANIFEST_FILE)}: 没有可读的 manifest.json`);
  if (manifest.status === 'recording') throw new SealRefused('unfinished', `${dir}: 会话尚未结束，不能签名 (still recording)`);
  const manifestSha256 = sha256Hex(await readFile(join(dir, MANIFEST_FILE)));
  const existing = await readSeal(dir);
  if (existing && existing.payload.manifestSha256 === manifestSha256 && existing.station.deviceId === signer.deviceId) return existing;
  if (existing?.centre) throw new SealRefused('already_received', `${dir}: 证据包已由考点签收，不能重新签名`);
  const seal = await signSeal(signer, sealPayload(manifest, manifestSha256, options.sitting), (options.now ?? (() => new Date()))().toISOString());
  await atomicWrite(join(dir, SEAL_FILE), sealText(seal));
  return seal;
}

/** The centre's receipt: written once the package verified on arrival. */
export async function countersignPackage(dir: string, centre: Signer, now: () => Date = () => new Date()): Promise<Seal> {
  const seal = await readSeal(dir);
  if (!seal) throw new SealRefused('unsigned', `${join(dir, SEAL_FILE)}: 没有考站签名`);
  if (seal.centre) return seal;
  const signed = await countersign(centre, seal, now().toISOString());
  await atomicWrite(join(dir, SEAL_FILE), sealText(signed));
  return signed;
}

/** A device key list file (`livedrill centre keys` writes one), with a located error. */
export async function readDeviceKeys(file: string): Promise<DeviceKeyList> {
  const text = await readFile(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SealRefused('keys_not_json', `${file}: 不是 JSON (${(error as Error).message})`);
  }
  const parsed = DeviceKeyList.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SealRefused('keys_invalid', `${file}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}
