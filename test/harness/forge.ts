// A whole-package forgery: the log is edited and re-chained from the first changed record, and
// the manifest recomputed to match, exactly as a forger with the app's code could. The hash
// chain alone cannot see it; only a signature by the station's key can (seal.json).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalPretty } from '../../scenarios/evidence/canonical.ts';
import { Manifest } from '../../scenarios/evidence/manifest.ts';
import { EvidenceRecord, recordLine, sealRecord } from '../../scenarios/evidence/record.ts';
import { nodeHasher, sha256Hex } from '../../electron/services/platform/hash.ts';

/** Rewrites record `seq`'s data with `edit`, re-chains everything after, recomputes the manifest. */
export async function forgeWhole(dir: string, edit: (record: EvidenceRecord) => EvidenceRecord['data']): Promise<void> {
  const records = readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => EvidenceRecord.parse(JSON.parse(line)));
  const out: EvidenceRecord[] = [];
  let changed = false;
  for (const r of records) {
    const prev = out.at(-1)?.hash ?? r.prev;
    const data = changed ? r.data : edit(r);
    if (data !== r.data) changed = true;
    out.push(await sealRecord(nodeHasher, { seq: r.seq, t: r.t, wall: r.wall, type: r.type, data, prev }));
  }
  if (!changed) throw new Error('forgeWhole: the edit changed no record');
  const text = out.map(recordLine).join('');
  writeFileSync(join(dir, 'events.jsonl'), text);
  const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const files = manifest.files.map((f) => (f.path === 'events.jsonl' ? { ...f, sha256: sha256Hex(text), size: Buffer.byteLength(text) } : f));
  writeFileSync(join(dir, 'manifest.json'), canonicalPretty({ ...manifest, files, chain: { head: out.at(-1)?.hash ?? null, records: out.length } }));
}
