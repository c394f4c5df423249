// `livedrill centre …`: the centre host and its paired devices.
//   [serve] [--host ADDR] [--port N] [--sfu-workers N]   run the centre host (TLS, paired devices only)
//   pair --role station|assessor [--sitting S]…  a one-time pairing code (10 minutes)
//   devices [--json] · revoke <device> · assign <device> <sitting> · keys [--out F]
//   join <https://host:port> --fingerprint FP --code CODE --name NAME   (on a station)
// All take --data-dir DIR. pair, revoke and assign work while the host runs (same database).
import { resolve } from 'node:path';
import type { CentreDevice } from '../../scenarios/centre/access.ts';
import { CentreRole } from '../../scenarios/centre/pairing.ts';
import { defaultDataDir } from '../services/data-dir.ts';
import { centreSigner, DEFAULT_CENTRE_PORT, startCentreHost } from '../services/centre/host.ts';
import { CentreError, openDeviceRegistry, type DeviceRegistry } from '../services/centre/registry.ts';
import { joinCentre } from '../services/network/centre-join.ts';
import { LinkError } from '../services/network/centre-link.ts';
import { createFileSecretStore } from '../services/obs/secret-store.ts';
import { atomicWrite } from '../services/platform/fs.ts';
import { centreText } from './centre-text.ts';
import { rejectRest, takeFlag, takeOption, UsageError, type CliIO } from './usage.ts';
import { parsePort } from './web.ts';

export const centreUsage =
  'centre [serve] [--host ADDR] [--port N] [--sfu-workers N] | pair --role station|assessor [--sitting S]… | devices [--json] | revoke <device> | assign <device> <sitting> | keys [--out F] | join <url> --fingerprint FP --code CODE --name NAME  [--data-dir DIR]';

function takeAll(args: string[], name: string): string[] {
  const out: string[] = [];
  for (let v = takeOption(args, name); v !== undefined; v = takeOption(args, name)) out.push(v);
  return out;
}

const deviceLine = (d: CentreDevice) =>
  `${d.deviceId}  ${d.role === 'station' ? '考站' : '考评员'}  ${d.name}  配对于 ${d.pairedAt}${d.revokedAt ? `  已撤销 ${d.revokedAt}` : ''}${d.sittings.length ? `  场次 ${d.sittings.join(',')}` : ''}`;

async function serve(args: string[], io: CliIO, dataDir: string): Promise<number> {
  const host = takeOption(args, 'host') ?? '0.0.0.0';
  const portText = takeOption(args, 'port');
  const port = portText === undefined ? DEFAULT_CENTRE_PORT : parsePort(portText);
  const workersText = takeOption(args, 'sfu-workers');
  if (workersText !== undefined && !/^[1-9]\d?$/.test(workersText)) throw new UsageError(`--sfu-workers must be a number 1..99, got "${workersText}"`);
  rejectRest(args, 'centre');
  const centre = await startCentreHost({ dataDir, host, port, ...(workersText ? { sfu: { workers: Number(workersText) } } : {}), log: (line) => io.err(line) });
  io.out(`LiveDrill 考点服务 centre host · 数据目录 data folder: ${dataDir}`);
  io.out(`监听 listening on ${host}:${centre.port} (TLS):`);
  for (const url of centre.urls) io.out(`  ${url}`);
  io.out(`证书指纹 certificate SHA-256 (stations confirm it when they pair): ${centre.fingerprint}`);
  io.out(`考点签名密钥 centre key: ${centre.centre.deviceId}`);
  io.out(`配对 pair a device: livedrill centre pair --role station|assessor --data-dir ${dataDir}`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await centre.close();
  return 0;
}

function withRegistry(dataDir: string, io: CliIO, run: (registry: DeviceRegistry) => Promise<number> | number): Promise<number> {
  const registry = openDeviceRegistry(dataDir);
  return Promise.resolve()
    .then(() => run(registry))
    .catch((error: unknown) => {
      if (!(error instanceof CentreError)) throw error;
      io.err(`livedrill centre: ${centreText(error.code, error.params)}`);
      return 2;
    })
    .finally(() => registry.close());
}

export async function centreCommand(args: string[], io: CliIO): Promise<number> {
  const dataDir = resolve(takeOption(args, 'data-dir') ?? defaultDataDir());
  const sub = args[0] === undefined || args[0].startsWith('--') ? 'serve' : (args.shift() ?? 'serve');
  const json = takeFlag(args, 'json');
  switch (sub) {
    case 'serve':
      return serve(args, io, dataDir);
    case 'pair': {
      const roleText = takeOption(args, 'role');
      const role = CentreRole.safeParse(roleText);
      if (!role.success) throw new UsageError(`--role must be station or assessor, got "${roleText ?? ''}"`);
      const sittings = takeAll(args, 'sitting');
      rejectRest(args, 'centre pair');
      return withRegistry(dataDir, io, (registry) => {
        const issued = registry.issue(role.data, sittings);
        if (json) io.out(JSON.stringify(issued));
        else io.out(`配对码 pairing code: ${issued.code}  (${role.data === 'station' ? '考站' : `考评员 · 场次 ${issued.sittings.join(',') || '（未指定）'}`}，有效至 valid until ${issued.expiresAt})`);
        return 0;
      });
    }
    case 'devices':
      rejectRest(args, 'centre devices');
      return withRegistry(dataDir, io, (registry) => {
        const devices = registry.devices();
        if (json) io.out(JSON.stringify(devices, null, 2));
        else io.out(devices.length ? devices.map(deviceLine).join('\n') : '还没有配对的设备 (no paired devices)');
        return 0;
      });
    case 'revoke': {
      const [id, ...rest] = args;
      if (id === undefined) throw new UsageError('which device?');
      rejectRest(rest, 'centre revoke');
      return withRegistry(dataDir, io, (registry) => {
        io.out(`已撤销 revoked: ${deviceLine(registry.revoke(id))}`);
        return 0;
      });
    }
    case 'assign': {
      const [id, sitting, ...rest] = args;
      if (id === undefined || sitting === undefined) throw new UsageError('assign <device> <sitting>');
      rejectRest(rest, 'centre assign');
      return withRegistry(dataDir, io, (registry) => {
        io.out(deviceLine(registry.assign(id, sitting)));
        return 0;
      });
    }
    case 'keys': {
      const out = takeOption(args, 'out');
      rejectRest(args, 'centre keys');
      const centre = await centreSigner(dataDir);
      return withRegistry(dataDir, io, async (registry) => {
        const text = `${JSON.stringify(registry.keyList(centre), null, 2)}\n`;
        if (out === undefined) io.out(text);
        else {
          await atomicWrite(resolve(out), text);
          io.out(`设备密钥清单 device keys: ${resolve(out)}`);
        }
        return 0;
      });
    }
    case 'join': {
      const [url, ...rest] = args;
      const fingerprint = takeOption(rest, 'fingerprint');
      const code = takeOption(rest, 'code');
      const name = takeOption(rest, 'name');
      if (url === undefined || fingerprint === undefined || code === undefined || name === undefined) throw new UsageError('join <https://host:port> --fingerprint FP --code CODE --name NAME');
      rejectRest(rest, 'centre join');
      try {
        const m = await joinCentre({ url, fingerprint, code, name, dataDir, secrets: createFileSecretStore(dataDir) });
        io.out(`已加入考点 joined ${m.url} as ${deviceLine(m.device)}`);
        return 0;
      } catch (error) {
        if (!(error instanceof LinkError)) throw error;
        io.err(`livedrill centre join: ${centreText(error.code) === error.code ? error.message : centreText(error.code)}`);
        return 1;
      }
    }
    default:
      throw new UsageError(`unknown subcommand "${sub}"`);
  }
}
