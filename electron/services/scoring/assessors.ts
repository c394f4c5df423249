// Assessor identities: a name and a PIN, the PIN kept only as a salted scrypt hash in
// <data folder>/scoring/assessors.json (written atomically). Wrong PINs are counted per name
// and lock that name for a while, so a 4-digit PIN cannot be tried through in a sitting.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { atomicWrite } from '../platform/fs.ts';

export const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;
const MAX_FAILURES = 5;
const LOCK_MS = 60_000;

const StoredAssessor = z.strictObject({
  id: z.string().regex(/^a[0-9a-f]{8,16}$/),
  name: z.string().min(1).max(40),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  pinHash: z.string().regex(/^[0-9a-f]{64}$/),
  scrypt: z.strictObject({ N: z.number().int(), r: z.number().int(), p: z.number().int(), keylen: z.number().int() }),
  createdAt: z.string(),
});
type StoredAssessor = z.infer<typeof StoredAssessor>;
const StoreFile = z.strictObject({ format: z.literal('livedrill-assessors/1'), assessors: z.array(StoredAssessor) });

export interface Assessor {
  id: string;
  name: string;
}

export class IdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityError';
  }
}

function scrypt(pin: string, salt: Buffer, params: StoredAssessor['scrypt']): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(pin, salt, params.keylen, { N: params.N, r: params.r, p: params.p, maxmem: 64 * 1024 * 1024 }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** Names compare after Unicode normalisation and trimming (全角/半角 spaces too). */
export const normaliseName = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ');

export class AssessorStore {
  readonly file: string;
  #failures = new Map<string, { count: number; lockedUntil: number }>();
  #queue: Promise<unknown> = Promise.resolve();
  #now: () => number;

  constructor(dataDir: string, now: () => number = Date.now) {
    this.file = join(dataDir, 'scoring', 'assessors.json');
    this.#now = now;
  }

  async #read(): Promise<StoredAssessor[]> {
    const text = await readFile(this.file, 'utf8').catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    });
    if (text === null) return [];
    const parsed = StoreFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new IdentityError(`考评员名册 ${this.file} 已损坏 (${parsed.error.issues[0]?.message ?? ''})`);
    return parsed.data.assessors;
  }

  /** Serialises writes: two registrations at once must not lose one. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  register(rawName: string, pin: string): Promise<Assessor> {
    const name = normaliseName(rawName);
    return this.#exclusive(async () => {
      const all = await this.#read();
      if (all.some((a) => a.name === name)) throw new IdentityError(`考评员“${name}”已登记，请直接输入 PIN 验证身份`);
      const salt = randomBytes(16);
      const key = await scrypt(pin, salt, SCRYPT);
      const entry: StoredAssessor = { id: `a${randomBytes(4).toString('hex')}`, name, salt: salt.toString('hex'), pinHash: key.toString('hex'), scrypt: { ...SCRYPT }, createdAt: new Date(this.#now()).toISOString() };
      await mkdir(join(this.file, '..'), { recursive: true });
      await atomicWrite(this.file, `${JSON.stringify({ format: 'livedrill-assessors/1', assessors: [...all, entry] }, null, 2)}\n`);
      return { id: entry.id, name };
    });
  }

  /** Checks name and PIN; throws IdentityError (unknown name, wrong PIN, locked). */
  async verify(rawName: string, pin: string): Promise<Assessor> {
    const name = normaliseName(rawName);
    const fail = this.#failures.get(name);
    const now = this.#now();
    if (fail && fail.lockedUntil > now) throw new IdentityError(`PIN 错误次数过多，请 ${Math.ceil((fail.lockedUntil - now) / 1000)} 秒后再试`);
    const entry = (await this.#read()).find((a) => a.name === name);
    if (!entry) throw new IdentityError(`没有名为“${name}”的考评员，请先登记`);
    const key = await scrypt(pin, Buffer.from(entry.salt, 'hex'), entry.scrypt);
    if (!timingSafeEqual(key, Buffer.from(entry.pinHash, 'hex'))) {
      const count = (fail && fail.lockedUntil <= now && fail.lockedUntil !== 0 ? 0 : (fail?.count ?? 0)) + 1;
      this.#failures.set(name, { count, lockedUntil: count >= MAX_FAILURES ? now + LOCK_MS : 0 });
      throw new IdentityError(count >= MAX_FAILURES ? `PIN 错误，已连续 ${count} 次，锁定 ${LOCK_MS / 1000} 秒` : `PIN 错误（还可再试 ${MAX_FAILURES - count} 次）`);
    }
    this.#failures.delete(name);
    return { id: entry.id, name: entry.name };
  }

  /** Every registered assessor (id and name; never the PIN hash). */
  async list(): Promise<Assessor[]> {
    return (await this.#read()).map((a) => ({ id: a.id, name: a.name }));
  }

  async byId(id: string): Promise<Assessor | null> {
    const entry = (await this.#read()).find((a) => a.id === id);
    return entry ? { id: entry.id, name: entry.name } : null;
  }
}
