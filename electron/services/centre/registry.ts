// The centre's paired devices: pairing codes, device credentials (kept only as SHA-256), public
// keys, assessors' sittings and revocations, in <data>/centre/devices.sqlite (node:sqlite, WAL),
// so `livedrill centre pair` and `revoke` in another terminal take effect on the running host at
// once. Pure rules in scenarios/centre; this file keeps what they decided.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEVICE_KEYS_FORMAT, type DeviceKeyList, type SignatureCheck, type Signer } from '../../../scenarios/evidence/seal.ts';
import type { CentreDevice } from '../../../scenarios/centre/access.ts';
import { issueCode, judgeCode, normalisePairingCode, pairingCodeFrom, pairMessage, PairRequest, type CentreRole, type IssuedCode, type PairingRefusal } from '../../../scenarios/centre/pairing.ts';
import { SittingId } from '../../../scenarios/exam/sitting.ts';
import { deviceIdOf } from '../network/device-key.ts';
import { openDb, type Db } from '../exam/db.ts';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE codes (
     code TEXT PRIMARY KEY,
     role TEXT NOT NULL,
     sittings TEXT NOT NULL,
     issued_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT,
     used_by TEXT,
     withdrawn_at TEXT
   );
   CREATE TABLE devices (
     device_id TEXT PRIMARY KEY,
     role TEXT NOT NULL,
     name TEXT NOT NULL,
     public_key TEXT NOT NULL UNIQUE,
     credential_sha256 TEXT NOT NULL UNIQUE,
     paired_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE TABLE assignments (
     device_id TEXT NOT NULL REFERENCES devices(device_id),
     sitting_id TEXT NOT NULL,
     PRIMARY KEY (device_id, sitting_id)
   );`,
];

/** A refusal with a code and its params; the words are the caller's (CLI table, UI locales). */
export class CentreError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Record<string, string>;
  constructor(status: number, code: string, params: Record<string, string> = {}) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'CentreError';
    this.status = status;
    this.code = code;
    this.params = params;
  }
}

export interface Paired {
  device: CentreDevice;
  /** Shown once, to the device; the centre keeps only its hash. */
  credential: string;
}

export interface DeviceRegistry {
  issue(role: CentreRole, sittings?: readonly string[]): IssuedCode;
  withdraw(code: string): boolean;
  pair(request: unknown, check: SignatureCheck): Promise<Paired>;
  /** The device a bearer credential belongs to (revoked ones too: the caller says why it refuses). */
  byCredential(credential: string): CentreDevice | null;
  device(deviceId: string): CentreDevice | null;
  devices(): CentreDevice[];
  revoke(deviceId: string): CentreDevice;
  assign(deviceId: string, sittingId: string): CentreDevice;
  /** The device key list for `evidence verify --keys` and the upload receiver. */
  keyList(centre: Signer): DeviceKeyList;
  close(): void;
}

export const devicesDbFile = (dataDir: string): string => join(dataDir, 'centre', 'devices.sqlite');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface DeviceRow { device_id: string; role: string; name: string; public_key: string; paired_at: string; revoked_at: string | null }
interface CodeRow { code: string; role: string; sittings: string; issued_at: string; expires_at: string; used_at: string | null; used_by: string | null; withdrawn_at: string | null }

export function openDeviceRegistry(dataDir: string, now: () => Date = () => new Date()): DeviceRegistry {
  mkdirSync(join(dataDir, 'centre'), { recursive: true, mode: 0o700 });
  const db: Db = openDb(devicesDbFile(dataDir), MIGRATIONS);
  const q = {
    code: db.db.prepare('SELECT * FROM codes WHERE code = ?'),
    addCode: db.db.prepare('INSERT INTO codes (code, role, sittings, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
    useCode: db.db.prepare('UPDATE codes SET used_at = ?, used_by = ? WHERE code = ? AND used_at IS NULL'),
    withdraw: db.db.prepare('UPDATE codes SET withdrawn_at = ? WHERE code = ? AND used_at IS NULL AND withdrawn_at IS NULL'),
    device: db.db.prepare('SELECT * FROM devices WHERE device_id = ?'),
    byKey: db.db.prepare('SELECT device_id FROM devices WHERE public_key = ?'),
    byCredential: db.db.prepare('SELECT * FROM devices WHERE credential_sha256 = ?'),
    devices: db.db.prepare('SELECT * FROM devices ORDER BY paired_at, device_id'),
    addDevice: db.db.prepare('INSERT INTO devices (device_id, role, name, public_key, credential_sha256, paired_at) VALUES (?, ?, ?, ?, ?, ?)'),
    revoke: db.db.prepare('UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL'),
    sittings: db.db.prepare('SELECT sitting_id FROM assignments WHERE device_id = ? ORDER BY sitting_id'),
    assign: db.db.prepare('INSERT OR IGNORE INTO assignments (device_id, sitting_id) VALUES (?, ?)'),
  };
  const toDevice = (row: DeviceRow): CentreDevice => ({
    deviceId: row.device_id,
    role: row.role === 'assessor' ? 'assessor' : 'station',
    name: row.name,
    publicKey: row.public_key,
    pairedAt: row.paired_at,
    revokedAt: row.revoked_at,
    sittings: (q.sittings.all(row.device_id) as { sitting_id: string }[]).map((r) => r.sitting_id),
  });
  const toCode = (row: CodeRow): IssuedCode => ({
    code: row.code,
    role: row.role === 'assessor' ? 'assessor' : 'station',
    sittings: JSON.parse(row.sittings) as string[],
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    usedBy: row.used_by,
    withdrawnAt: row.withdrawn_at,
  });
  const getDevice = (id: string) => {
    const row = q.device.get(id) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  };
  const mustDevice = (id: string) => getDevice(id) ?? (() => { throw new CentreError(404, 'unknown_device', { deviceId: id }); })();
  const checkSitting = (s: string) => {
    if (!SittingId.safeParse(s).success) throw new CentreError(400, 'bad_sitting', { sitting: s });
  };
  const refuse = (code: PairingRefusal, status: number, params: Record<string, string> = {}) => new CentreError(status, code, params);

  return {
    issue(role, sittings = []) {
      sittings.forEach(checkSitting);
      if (role === 'station' && sittings.length > 0) throw new CentreError(400, 'station_sittings');
      const issued = issueCode(pairingCodeFrom(randomBytes(8)), role, sittings, now());
      q.addCode.run(issued.code, issued.role, JSON.stringify(issued.sittings), issued.issuedAt, issued.expiresAt);
      return issued;
    },
    withdraw: (code) => Number(q.withdraw.run(now().toISOString(), normalisePairingCode(code) ?? code).changes) > 0,
    async pair(raw, check) {
      const parsed = PairRequest.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CentreError(400, 'bad_request', { field: issue?.path.join('.') ?? '', problem: issue?.message ?? '' });
      }
      const request = parsed.data;
      const code = normalisePairingCode(request.code);
      if (code === null) throw refuse('bad_code', 400);
      // The signature covers the code as sent, so a captured request cannot be re-aimed at another code.
      if (!(await check.verify(request.publicKey, pairMessage(request.code, request.publicKey, request.name), request.signature))) throw refuse('bad_signature', 400);
      const deviceId = deviceIdOf(request.publicKey);
      const credential = `ldc_${randomBytes(32).toString('base64url')}`;
      const at = now();
      return db.tx(() => {
        const row = q.code.get(code) as CodeRow | undefined;
        const verdict = judgeCode(row ? toCode(row) : null, at);
        if (!verdict.ok) throw refuse(verdict.code, verdict.status);
        if (q.byKey.get(request.publicKey) !== undefined) throw refuse('key_already_paired', 409, { deviceId });
        const issued = toCode(row as CodeRow);
        q.useCode.run(at.toISOString(), deviceId, code);
        q.addDevice.run(deviceId, issued.role, request.name, request.publicKey, sha256(credential), at.toISOString());
        for (const s of issued.sittings) q.assign.run(deviceId, s);
        return { device: mustDevice(deviceId), credential };
      });
    },
    byCredential(credential) {
      const row = q.byCredential.get(sha256(credential)) as DeviceRow | undefined;
      return row ? toDevice(row) : null;
    },
    device: getDevice,
    devices: () => (q.devices.all() as unknown as DeviceRow[]).map(toDevice),
    revoke(deviceId) {
      mustDevice(deviceId);
      q.revoke.run(now().toISOString(), deviceId);
      return mustDevice(deviceId);
    },
    assign(deviceId, sittingId) {
      checkSitting(sittingId);
      const device = mustDevice(deviceId);
      if (device.role !== 'assessor') throw new CentreError(400, 'not_an_assessor', { deviceId });
      q.assign.run(deviceId, sittingId);
      return mustDevice(deviceId);
    },
    keyList: (centre) => ({
      format: DEVICE_KEYS_FORMAT,
      centre: { deviceId: centre.deviceId, publicKey: centre.publicKey },
      devices: (q.devices.all() as unknown as DeviceRow[]).map((r) => ({
        deviceId: r.device_id,
        role: r.role === 'assessor' ? ('assessor' as const) : ('station' as const),
        name: r.name,
        publicKey: r.public_key,
        pairedAt: r.paired_at,
        revokedAt: r.revoked_at,
      })),
    }),
    close: () => db.close(),
  };
}
