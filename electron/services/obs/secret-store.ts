// Where the OBS password lives: never in the renderer. Web mode and the CLI keep it in a file in
// the data folder that only its owner can read (0600, in a 0700 folder); the desktop app passes
// Electron's safeStorage as the cipher, so the same file holds it encrypted by the OS:
// electron/main/main.ts wires safeStorage's async API in.
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { atomicWrite } from '../platform/fs.ts';

export interface SecretStore {
  /** Where secrets go, for the UI ("系统钥匙串" / "数据文件夹中仅本人可读的文件"). */
  readonly kind: 'file' | 'safeStorage' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** true when something was removed. */
  delete(key: string): Promise<boolean>;
}

export function obsPasswordKey(url: string): string {
  return `obs-password:${url.trim().replace(/\/+$/, '')}`;
}

const SecretsFile = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });
type SecretsFile = z.infer<typeof SecretsFile>;

/** Encryption by the OS (Electron's safeStorage: Keychain, DPAPI, libsecret/kwallet). */
export interface SecretCipher {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<string>;
}

/** Secrets as JSON in `<dir>/secrets.json`, mode 0600. Writes are atomic (temp file + rename)
 *  and serialised, so a crash never leaves half a file. With a cipher (the desktop app passes
 *  safeStorage) the values are stored encrypted, base64, in `<dir>/secrets.enc.json`. */
export function createFileSecretStore(dir: string, cipher?: SecretCipher): SecretStore {
  const file = join(dir, cipher ? 'secrets.enc.json' : 'secrets.json');
  const seal = async (value: string) => (cipher ? (await cipher.encrypt(value)).toString('base64') : value);
  const open = async (value: string) => (cipher ? cipher.decrypt(Buffer.from(value, 'base64')) : value);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function load(): Promise<SecretsFile> {
    let text: string;
    try {
      // Someone widened the permissions: narrow them again before reading.
      if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw error;
    }
    const parsed = SecretsFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`密码文件 ${file} 已损坏，请删除后重新输入密码（${parsed.error.issues[0]?.message ?? 'invalid'}）`);
    return parsed.data;
  }

  async function save(data: SecretsFile): Promise<void> {
    await atomicWrite(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, mkdirMode: 0o700 });
  }

  return {
    kind: cipher ? 'safeStorage' : 'file',
    get: (key) =>
      serial(async () => {
        const value = (await load()).secrets[key];
        return value === undefined ? null : open(value);
      }),
    set: (key, value) =>
      serial(async () => {
        const data = await load();
        data.secrets[key] = await seal(value);
        await save(data);
      }),
    delete: (key) =>
      serial(async () => {
        const data = await load();
        if (!Object.hasOwn(data.secrets, key)) return false;
        const rest = Object.fromEntries(Object.entries(data.secrets).filter(([k]) => k !== key));
        await save({ version: 1, secrets: rest });
        return true;
      }),
  };
}

/** For tests and for a session that must not persist anything. */
export function createMemorySecretStore(): SecretStore {
  const map = new Map<string, string>();
  return {
    kind: 'memory',
    get: (key) => Promise.resolve(map.get(key) ?? null),
    set: (key, value) => {
      map.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => Promise.resolve(map.delete(key)),
  };
}
