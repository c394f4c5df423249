// The centre's database: node:sqlite (built into Node 24, no native module) in WAL mode with
// synchronous=FULL, schema migrations by PRAGMA user_version, and one helper that runs a change
// and its audit record in a single IMMEDIATE transaction, so a record is either wholly committed
// or absent after a crash.
import { DatabaseSync } from 'node:sqlite';

/** Migrations in order; index + 1 is the schema version they produce. Never edit a released one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sittings (
     id TEXT PRIMARY KEY,
     plan TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     published TEXT
   );
   CREATE TABLE candidates (
     sitting_id TEXT NOT NULL REFERENCES sittings(id),
     id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (sitting_id, id)
   );
   CREATE TABLE assessors (
     sitting_id TEXT NOT NULL REFERENCES sittings(id),
     assessor_id TEXT NOT NULL,
     name TEXT NOT NULL,
     employer TEXT NOT NULL DEFAULT '',
     PRIMARY KEY (sitting_id, assessor_id)
   );
   CREATE TABLE declarations (
     sitting_id TEXT NOT NULL REFERENCES sittings(id),
     assessor_id TEXT NOT NULL,
     candidate_id TEXT NOT NULL,
     reason TEXT NOT NULL,
     note TEXT NOT NULL DEFAULT '',
     PRIMARY KEY (sitting_id, assessor_id, candidate_id)
   );
   CREATE TABLE panels (
     sitting_id TEXT NOT NULL REFERENCES sittings(id),
     candidate_id TEXT NOT NULL,
     assessors TEXT NOT NULL,
     PRIMARY KEY (sitting_id, candidate_id)
   );
   CREATE TABLE seats (
     sitting_id TEXT NOT NULL REFERENCES sittings(id),
     candidate_id TEXT NOT NULL,
     station INTEGER NOT NULL,
     round INTEGER NOT NULL,
     PRIMARY KEY (sitting_id, candidate_id)
   );
   CREATE TABLE sessions (
     sitting_id TEXT NOT NULL REFERENCES sittings(id),
     candidate_id TEXT NOT NULL,
     session_id TEXT NOT NULL,
     manifest_sha256 TEXT NOT NULL,
     station INTEGER NOT NULL,
     PRIMARY KEY (sitting_id, candidate_id)
   );
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY,
     sitting_id TEXT NOT NULL,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     prev TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE INDEX audit_sitting ON audit (sitting_id, seq);`,
];

export interface Db {
  readonly db: DatabaseSync;
  readonly version: number;
  /** Runs fn inside BEGIN IMMEDIATE … COMMIT (ROLLBACK on throw). Not reentrant. */
  tx<T>(fn: () => T): T;
  close(): void;
}

export function openDb(file: string, migrations: readonly string[] = MIGRATIONS): Db {
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  const current = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (current > migrations.length) {
    db.close();
    throw new Error(`${file}: schema version ${current} is newer than this app knows (${migrations.length})`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[v] ?? '');
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      db.close();
      throw error;
    }
  }
  return {
    db,
    version: migrations.length,
    tx<T>(fn: () => T): T {
      db.exec('BEGIN IMMEDIATE');
      try {
        const out = fn();
        db.exec('COMMIT');
        return out;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    close: () => db.close(),
  };
}
