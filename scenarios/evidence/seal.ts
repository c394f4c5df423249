// seal.json: the station's Ed25519 signature over the finished package (manifest hash, chain
// head, every file's hash, candidate, station, sitting, times) and the centre's countersignature
// on receipt. The hash chain alone cannot tell a package rewritten whole (log and manifest
// recomputed together) from the real one; a signature by a key that never left the station,
// checked against the centre's list of device keys, can. Pure: signing and verifying are
// injected (node:crypto in the services, WebCrypto elsewhere); the messages are canonical JSON.
import { z } from 'zod';
import { canonicalJson } from './canonical.ts';
import { SEAL_FILE, type Manifest } from './manifest.ts';
import { FileDigest, Hash } from './record.ts';
import type { Finding } from './finding.ts';

export const SEAL_FORMAT = 'livedrill-seal/1';
export const DEVICE_KEYS_FORMAT = 'livedrill-device-keys/1';

export const DeviceRole = z.enum(['station', 'assessor', 'centre']);
export type DeviceRole = z.infer<typeof DeviceRole>;
export const DeviceId = z.string().regex(/^d[0-9a-f]{16}$/, '设备编号应形如 d + 16 位十六进制 (device id)');
/** Raw 32-byte Ed25519 public key, base64url without padding (a JWK's "x"). */
export const PublicKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '应为 Ed25519 公钥 (32 字节 base64url)');
/** 64-byte Ed25519 signature, base64url without padding. */
export const SignatureText = z.string().regex(/^[A-Za-z0-9_-]{86}$/, '应为 Ed25519 签名 (64 字节 base64url)');
const IsoTime = z.iso.datetime({ offset: true });

/** Signs canonical messages with the device's private key (which stays on the device). */
export interface Signer {
  deviceId: string;
  publicKey: string;
  sign(message: string): Promise<string>;
}

export interface SignatureCheck {
  verify(publicKey: string, message: string, signature: string): Promise<boolean>;
}

export const SealPayload = z.strictObject({
  format: z.literal(SEAL_FORMAT),
  sessionId: z.string(),
  /** SHA-256 of manifest.json's bytes: the manifest lists every other file's hash. */
  manifestSha256: Hash,
  chainHead: Hash.nullable(),
  records: z.number().int().nonnegative(),
  files: z.array(FileDigest),
  candidate: z.strictObject({ id: z.string(), name: z.string() }),
  station: z.string(),
  /** The sitting this session belongs to (issue 11's sittings), null for practice. */
  sitting: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.number().nullable(),
});
export type SealPayload = z.infer<typeof SealPayload>;

export const StationSignature = z.strictObject({ deviceId: DeviceId, publicKey: PublicKey, signedAt: IsoTime, signature: SignatureText });
export const CentreReceipt = z.strictObject({ deviceId: DeviceId, publicKey: PublicKey, receivedAt: IsoTime, signature: SignatureText });
export type CentreReceipt = z.infer<typeof CentreReceipt>;

export const Seal = z.strictObject({
  format: z.literal(SEAL_FORMAT),
  payload: SealPayload,
  station: StationSignature,
  centre: CentreReceipt.nullable(),
});
export type Seal = z.infer<typeof Seal>;

export const DeviceEntry = z.strictObject({
  deviceId: DeviceId,
  role: DeviceRole,
  name: z.string().min(1).max(60),
  publicKey: PublicKey,
  pairedAt: IsoTime,
  revokedAt: IsoTime.nullable(),
});
export type DeviceEntry = z.infer<typeof DeviceEntry>;

/** The centre's list of device keys, as the centre exports it for `evidence verify --keys`. */
export const DeviceKeyList = z.strictObject({
  format: z.literal(DEVICE_KEYS_FORMAT),
  centre: z.strictObject({ deviceId: DeviceId, publicKey: PublicKey }),
  devices: z.array(DeviceEntry),
});
export type DeviceKeyList = z.infer<typeof DeviceKeyList>;

export const stationMessage = (payload: SealPayload, deviceId: string, signedAt: string) =>
  canonicalJson({ purpose: 'livedrill-station-seal', payload, deviceId, signedAt });

export const centreMessage = (payload: SealPayload, stationSignature: string, deviceId: string, receivedAt: string) =>
  canonicalJson({ purpose: 'livedrill-centre-receipt', payload, station: stationSignature, deviceId, receivedAt });

export function sealPayload(manifest: Manifest, manifestSha256: string, sitting: string | null): SealPayload {
  return {
    format: SEAL_FORMAT,
    sessionId: manifest.sessionId,
    manifestSha256,
    chainHead: manifest.chain.head,
    records: manifest.chain.records,
    files: manifest.files,
    candidate: manifest.candidate,
    station: manifest.station,
    sitting,
    createdAt: manifest.createdAt,
    endedAt: manifest.stop?.at ?? null,
  };
}

export async function signSeal(signer: Signer, payload: SealPayload, signedAt: string): Promise<Seal> {
  const signature = await signer.sign(stationMessage(payload, signer.deviceId, signedAt));
  return { format: SEAL_FORMAT, payload, station: { deviceId: signer.deviceId, publicKey: signer.publicKey, signedAt, signature }, centre: null };
}

export async function countersign(centre: Signer, seal: Seal, receivedAt: string): Promise<Seal> {
  const signature = await centre.sign(centreMessage(seal.payload, seal.station.signature, centre.deviceId, receivedAt));
  return { ...seal, centre: { deviceId: centre.deviceId, publicKey: centre.publicKey, receivedAt, signature } };
}

export const sealText = (seal: Seal) => `${JSON.stringify(JSON.parse(canonicalJson(Seal.parse(seal))), null, 2)}\n`;

export interface SealCheckInput {
  sealText: string | null;
  manifest: Manifest | null;
  manifestSha256: string | null;
  /** The centre's device list; without it signatures are checked only against their own keys. */
  keys: DeviceKeyList | null;
  /** The centre checks a package on arrival, before it countersigns. */
  receiptRequired: boolean;
  check: SignatureCheck;
}

const path = (p: readonly PropertyKey[]) => p.map((x) => (typeof x === 'number' ? `[${x}]` : `.${String(x)}`)).join('').replace(/^\./, '');

/** What is wrong with a package's signatures; every finding names seal.json and the field. */
export async function checkSeal(input: SealCheckInput): Promise<{ seal: Seal | null; findings: Finding[] }> {
  const findings: Finding[] = [];
  const add = (code: string, message: string, field?: string, severity: Finding['severity'] = 'error') =>
    findings.push({ severity, code, file: SEAL_FILE, message, ...(field ? { field } : {}) });
  if (input.sealText === null) {
    // A practice package on an unpaired machine is unsigned by design; the report says so
    // (seal: null). Against the centre's keys a seal is required.
    if (input.keys) add('seal_missing', '证据包没有考站签名 (seal.json)：无法证明它来自已配对的考站，整体改写（日志与清单一起重算）无法被发现 (package is not signed by a station)');
    return { seal: null, findings };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(input.sealText);
  } catch (error) {
    add('seal_not_json', `seal.json 不是 JSON (${(error as Error).message})`);
    return { seal: null, findings };
  }
  const parsed = Seal.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add('seal_invalid', `seal.json ${path(issue.path) || '(root)'}: ${issue.message}`, path(issue.path));
    return { seal: null, findings };
  }
  const seal = parsed.data;
  const p = seal.payload;
  if (input.manifestSha256 !== null && p.manifestSha256 !== input.manifestSha256) {
    add('seal_mismatch', `签名时的 manifest.json 与现在的不同：证据包在签名后被改写 (manifest changed after signing: signed ${p.manifestSha256.slice(0, 12)}…, found ${input.manifestSha256.slice(0, 12)}…)`, 'payload.manifestSha256');
  }
  const m = input.manifest;
  if (m) {
    const expected = sealPayload(m, p.manifestSha256, p.sitting);
    for (const key of ['sessionId', 'chainHead', 'records', 'files', 'candidate', 'station', 'createdAt', 'endedAt'] as const) {
      if (canonicalJson(expected[key]) !== canonicalJson(p[key])) add('seal_mismatch', `seal.json payload.${key} 与 manifest.json 不一致 (signed value differs from the manifest)`, `payload.${key}`);
    }
  }
  if (!(await input.check.verify(seal.station.publicKey, stationMessage(p, seal.station.deviceId, seal.station.signedAt), seal.station.signature))) {
    add('station_signature_bad', `考站签名无效：签名后内容被改动，或签名不是该公钥所签 (station signature does not verify)`, 'station.signature');
  }
  const receipt = seal.centre;
  if (receipt && !(await input.check.verify(receipt.publicKey, centreMessage(p, seal.station.signature, receipt.deviceId, receipt.receivedAt), receipt.signature))) {
    add('centre_signature_bad', '考点回执签名无效 (centre countersignature does not verify)', 'centre.signature');
  }
  if (!receipt && input.receiptRequired) add('receipt_missing', '证据包没有考点回执签名：考点尚未确认收到 (no centre countersignature)', 'centre');
  const keys = input.keys;
  if (!keys) {
    add('keys_not_checked', `签名仅对照其自带公钥核对；请用 --keys 对照考点的设备列表 (device ${seal.station.deviceId} not checked against the centre's list)`, 'station.deviceId', 'warning');
    return { seal, findings };
  }
  const device = keys.devices.find((d) => d.deviceId === seal.station.deviceId);
  if (!device) add('device_unknown', `设备 ${seal.station.deviceId} 不在考点的设备列表中 (signed by a device the centre never paired)`, 'station.deviceId');
  else if (device.role !== 'station') add('device_role', `设备 ${device.deviceId}（${device.name}）不是考站，而是 ${device.role} (not a station)`, 'station.deviceId');
  else if (device.publicKey !== seal.station.publicKey) add('device_key_mismatch', `设备 ${device.deviceId}（${device.name}）的公钥与考点登记的不同：签名不是该考站所签 (key differs from the paired one)`, 'station.publicKey');
  else if (device.revokedAt !== null) {
    const before = receipt !== null && Date.parse(receipt.receivedAt) < Date.parse(device.revokedAt);
    if (before) add('device_revoked_later', `考站 ${device.name} 已于 ${device.revokedAt} 被撤销，但本证据包在撤销前已被考点接收`, 'station.deviceId', 'warning');
    else add('device_revoked', `考站 ${device.name}（${device.deviceId}）已于 ${device.revokedAt} 被撤销：不接受其证据包 (device revoked)`, 'station.deviceId');
  }
  if (receipt && (receipt.deviceId !== keys.centre.deviceId || receipt.publicKey !== keys.centre.publicKey)) {
    add('centre_key_unknown', `回执不是本考点所签 (countersigned by ${receipt.deviceId}, not this centre ${keys.centre.deviceId})`, 'centre.publicKey');
  }
  return { seal, findings };
}
