// Who may do what at the centre, as pure rules. Every request comes from a paired device; the
// centre's own operator works on the centre machine (CLI or the desktop app's centre role) and
// never over the network. A station publishes its own media and uploads and reads its own
// packages; an assessor watches, marks and scores the sittings it was assigned to, and reads the
// packages of those sittings. A revoked device may do nothing.
import { z } from 'zod';
import { DeviceId, PublicKey } from '../evidence/seal.ts';
import { CentreRole } from './pairing.ts';

export const CentreDevice = z.strictObject({
  deviceId: DeviceId,
  role: CentreRole,
  name: z.string().min(1).max(60),
  publicKey: PublicKey,
  pairedAt: z.iso.datetime({ offset: true }),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Sittings an assessor's device is assigned to; empty for a station. */
  sittings: z.array(z.string()),
});
export type CentreDevice = z.infer<typeof CentreDevice>;

export type CentreAction =
  | { kind: 'whoami' }
  | { kind: 'device_keys' }
  | { kind: 'upload' }
  | { kind: 'publish_media'; station: string }
  | { kind: 'watch'; sitting: string }
  | { kind: 'mark'; sitting: string }
  | { kind: 'list_packages'; sitting: string }
  /** A received package: its signing station and sitting, from its seal. */
  | { kind: 'read_package'; station: string; sitting: string | null };

export type AccessRefusal = 'revoked' | 'wrong_role' | 'not_own' | 'not_assigned';
export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403; code: AccessRefusal; params: Record<string, string> };

const refuse = (status: 401 | 403, code: AccessRefusal, params: Record<string, string> = {}): AccessVerdict => ({ ok: false, status, code, params });

export function authorize(device: CentreDevice, action: CentreAction): AccessVerdict {
  if (device.revokedAt !== null) return refuse(401, 'revoked', { revokedAt: device.revokedAt });
  const assigned = (sitting: string) => (device.sittings.includes(sitting) ? { ok: true as const } : refuse(403, 'not_assigned', { sitting }));
  switch (action.kind) {
    case 'whoami':
    case 'device_keys':
      return { ok: true };
    case 'upload':
      return device.role === 'station' ? { ok: true } : refuse(403, 'wrong_role', { need: 'station' });
    case 'publish_media':
      if (device.role !== 'station') return refuse(403, 'wrong_role', { need: 'station' });
      return action.station === device.deviceId ? { ok: true } : refuse(403, 'not_own', { station: action.station });
    case 'watch':
    case 'mark':
    case 'list_packages':
      return device.role === 'assessor' ? assigned(action.sitting) : refuse(403, 'wrong_role', { need: 'assessor' });
    case 'read_package':
      if (device.role === 'station') return action.station === device.deviceId ? { ok: true } : refuse(403, 'not_own', { station: action.station });
      return action.sitting === null ? refuse(403, 'not_assigned', { sitting: '' }) : assigned(action.sitting);
  }
}
