// The scoring service on a real package on disk (a copy of the committed sample): identities
// with hashed PINs, drafts checked, signing, blind scoring, refused and logged attempts to change
// a signed sheet, amendments with history, tampering found by `evidence scores`, the CSV read
// back, and the web host's media route (listed files only, byte ranges, token).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceCommand } from '../../electron/cli/evidence.ts';
import { serveMediaProtocol } from '../../electron/main/scoring-desktop.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract/index.ts';
import { startWebHost, type WebHost } from '../../electron/web/server.ts';
import { parseCsv } from '../../scenarios/scoring/csv.ts';
import { inProcessCall } from '../harness/evidence.ts';
import { zh } from '../harness/i18n.ts';

const SAMPLE = fileURLToPath(new URL('../fixtures/evidence/sample/', import.meta.url));
const sessionId = (JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as { sessionId: string }).sessionId;

function capture() {
  const out: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) }, out };
}

describe('scoring service on a real package', () => {
  let host: WebHost;
  let dataDir: string;
  let dir: string;
  let call: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;
  const rubricIds: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'livedrill-scoring-'));
    dir = join(dataDir, 'evidence', sessionId);
    cpSync(SAMPLE, dir, { recursive: true });
    host = await startWebHost({ rendererDir: mkdtempSync(join(tmpdir(), 'livedrill-ui-')), dataDir, port: 0 });
    const raw = inProcessCall(host.services);
    call = (method, input) => raw(method, input) as never;
  });
  afterAll(async () => {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const scoresFor = (values: number[]) => rubricIds.map((id, i) => ({ id, score: values[i] ?? 0, note: '' }));

  it('opens the session with its verdict, rubric, metrics and timeline', async () => {
    const open = await call('scoring.open', { sessionId });
    expect(open.verdict.valid).toBe(true);
    expect(open.scenario?.id).toBe('b5-navel-orange-quick');
    expect(open.scenario?.hashMatches).toBe(true);
    expect(open.rubric.reduce((s, r) => s + r.max, 0)).toBe(100);
    rubricIds.push(...open.rubric.map((r) => r.id));
    expect(open.timeline.items.some((i) => i.lane === 'actions' && zh(i.label.key, i.label.params).includes('讲解中'))).toBe(true);
    expect(open.metrics.find((m) => m.id === 'pinned_product')?.moments.length).toBe(1);
    expect(open.panel.members).toEqual([]);
  });

  it('stores PINs only as salted scrypt hashes and refuses a wrong PIN', async () => {
    await call('scoring.identify', { name: '张敏', pin: '2468', register: true });
    const stored = readFileSync(join(dataDir, 'scoring', 'assessors.json'), 'utf8');
    expect(stored).not.toContain('2468');
    expect(stored).toMatch(/"salt": "[0-9a-f]{32}"/);
    await expect(call('scoring.identify', { name: '张敏', pin: '1111', register: false })).rejects.toThrow(/PIN 错误/);
    await expect(call('scoring.identify', { name: '张敏', pin: '2468', register: true })).rejects.toThrow(/已登记/);
    await expect(call('scoring.identify', { name: '无名', pin: '2468', register: false })).rejects.toThrow(/请先登记/);
  });

  it('three assessors score blind, sign, and the one far off is flagged', async () => {
    const a = await call('scoring.identify', { name: '张敏', pin: '2468', register: false });
    const b = await call('scoring.identify', { name: '李华', pin: '1357', register: true });
    const c = await call('scoring.identify', { name: '王强', pin: '9876', register: true });
    await expect(call('scoring.saveDraft', { sessionId, token: a.token, workType: 'B', mode: 'exam', scores: [{ id: rubricIds[0] ?? '', score: 26, note: '' }] })).rejects.toThrow(/超出范围/);
    await expect(call('scoring.saveDraft', { sessionId, token: a.token, workType: 'B', mode: 'exam', scores: [{ id: rubricIds[0] ?? '', score: 7.3, note: '' }] })).rejects.toThrow(/0.5 分的整数倍/);
    const partial = await call('scoring.saveDraft', { sessionId, token: a.token, workType: 'B', mode: 'exam', scores: scoresFor([20]).slice(0, 1) });
    expect(partial.issues).toHaveLength(5);
    await expect(call('scoring.sign', { sessionId, token: a.token, pin: '2468' })).rejects.toThrow(/评分未完成/);
    await call('scoring.saveDraft', { sessionId, token: a.token, workType: 'B', mode: 'exam', scores: scoresFor([20, 12, 15, 12, 8, 12]) });
    await expect(call('scoring.sign', { sessionId, token: a.token, pin: '0000' })).rejects.toThrow(/PIN 错误/);
    const signedA = await call('scoring.sign', { sessionId, token: a.token, pin: '2468' });
    expect(signedA.version).toBe(1);

    // 李华 has not signed: 张敏's total is hidden from him, and from the public.
    await call('scoring.saveDraft', { sessionId, token: b.token, workType: 'B', mode: 'exam', scores: scoresFor([21, 12, 16, 12, 8, 12]) });
    const blind = await call('scoring.panel', { sessionId, token: b.token });
    expect(blind.visible).toBe(false);
    expect(blind.members.find((m) => m.name === '张敏')?.total).toBeNull();
    expect(blind.members.find((m) => m.name === '李华')?.total).toBe(81);
    expect(blind.sheets).toEqual([]);
    expect((await call('scoring.panel', { sessionId })).visible).toBe(false);
    await expect(call('scoring.csv', { sessionId, token: b.token })).rejects.toThrow(/暂不能导出/);
    // 张敏 (signed) sees the others' signed sheets only, never a draft.
    const seenByA = await call('scoring.panel', { sessionId, token: a.token });
    expect(seenByA.visible).toBe(true);
    expect(seenByA.members.find((m) => m.name === '李华')?.total).toBeNull();
    await call('scoring.sign', { sessionId, token: b.token, pin: '1357' });

    await call('scoring.saveDraft', { sessionId, token: c.token, workType: 'B', mode: 'exam', scores: scoresFor([10, 6, 8, 6, 4, 6]) });
    const last = await call('scoring.sign', { sessionId, token: c.token, pin: '9876' });
    expect(last.panel.violations).toEqual([]);
    expect(last.panel.finalScore).toBe(Math.round(((79 + 81 + 40) / 3) * 10) / 10);
    expect(last.panel.passed).toBe(true);
    const total = last.panel.flags.find((f) => f.kind === 'total');
    expect(total?.outlier?.name).toBe('王强');
    expect(total?.spread).toBe(41);
    const pub = await call('scoring.panel', { sessionId });
    expect(pub.visible).toBe(true);
    expect(pub.complete).toBe(true);
  });

  it('refuses and logs attempts to change a signed sheet; an amendment is a new version with its reason', async () => {
    const a = await call('scoring.identify', { name: '张敏', pin: '2468', register: false });
    await expect(call('scoring.saveDraft', { sessionId, token: a.token, workType: 'B', mode: 'exam', scores: scoresFor([25, 15, 20, 15, 10, 15]) })).rejects.toThrow(/已签名，不能再改草稿/);
    await expect(call('scoring.sign', { sessionId, token: a.token, pin: '2468' })).rejects.toThrow(/不可覆盖/);
    await expect(call('scoring.amend', { sessionId, token: a.token, pin: '0000', reason: '复核后调整', scores: scoresFor([25, 15, 20, 15, 10, 15]) })).rejects.toThrow(/PIN 错误/);
    const ledger = readFileSync(join(dir, 'scores', 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: { action?: string } });
    expect(ledger.filter((e) => e.type === 'sheet.refused').map((e) => e.data.action)).toEqual(['save_draft', 'sign_again', 'amend_bad_pin']);
    const amended = await call('scoring.amend', { sessionId, token: a.token, pin: '2468', reason: '复核视频后，卖点讲解加 2 分', scores: scoresFor([22, 12, 15, 12, 8, 12]) });
    expect(amended.version).toBe(2);
    const panel = await call('scoring.panel', { sessionId, token: a.token });
    const mine = panel.sheets.find((s) => s.content.assessor.name === '张敏');
    expect(mine?.history.map((h) => [h.version, h.total, h.reason])).toEqual([
      [1, 79, null],
      [2, 81, '复核视频后，卖点讲解加 2 分'],
    ]);
    expect(panel.refused).toHaveLength(3);
    const cli = capture();
    expect(await evidenceCommand(['scores', dir], cli.io), cli.out.join('\n')).toBe(0);
    expect(cli.out.join('\n')).toMatch(/张敏 {2}81 分 {2}已签名 .* \(第 2 版\)/);
  });

  it('hands back a CSV (written nowhere) that parses back to the panel, times in the centre\'s local time', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    const { fileName, csv } = await call('scoring.csv', { sessionId }).finally(() => {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });
    expect(fileName).toBe(`${sessionId}-评分表.csv`);
    expect(existsSync(join(dataDir, 'exports'))).toBe(false);
    const rows = parseCsv(csv);
    const recorded = rows.find((r) => r[0] === '考核日期')?.[1] ?? '';
    expect(recorded).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\+8\)$/);
    for (const x of rows.find((r) => r[0] === '签名时间')?.slice(3, 6) ?? []) expect(x).toMatch(/ \(UTC\+8\)$/);
    expect(csv).not.toMatch(/\d\d:\d\d:\d\d(\.\d+)?Z/);
    const head = rows.find((r) => r[0] === '评分项') ?? [];
    const total = rows.find((r) => r[0] === '总分') ?? [];
    const byName = Object.fromEntries(head.slice(3, 6).map((n, i) => [n, Number(total[3 + i])]));
    expect(byName).toEqual({ 张敏: 81, 李华: 81, 王强: 40 });
    expect(Number(total[6])).toBe(67.3);
    expect(rows.find((r) => r[0] === '结论')?.[1]).toBe('合格');
    expect(rows.find((r) => r[0] === '证据校验')?.[1]).toContain('校验通过');
  });

  it('serves the listed video with byte ranges and nothing else', async () => {
    const base = `http://127.0.0.1:${host.port}/media/${sessionId}`;
    const tok = `token=${host.token}`;
    const full = await fetch(`${base}/camera.webm?${tok}`);
    expect(full.status).toBe(200);
    const size = Number(full.headers.get('content-length'));
    expect((await full.arrayBuffer()).byteLength).toBe(size);
    const part = await fetch(`${base}/camera.webm?${tok}`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await fetch(`${base}/camera.webm?${tok}`, { headers: { range: `bytes=${size}-` } })).status).toBe(416);
    expect((await fetch(`${base}/camera.webm`)).status).toBe(401);
    expect((await fetch(`${base}/other.webm?${tok}`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${host.port}/media/${sessionId}/..%2Fmanifest.json?${tok}`)).status).toBe(400);
    expect((await fetch(`http://127.0.0.1:${host.port}/media/${sessionId}/%2E%2E/events.jsonl?${tok}`)).status).toBe(400);
  });

  it('the desktop app:// media route answers the same way (ranges, listed files only)', async () => {
    const at = (path: string, range?: string) => serveMediaProtocol(dataDir, new Request(`app://livedrill${path}`, range === undefined ? {} : { headers: { range } }));
    const part = await at(`/media/${sessionId}/camera.webm`, 'bytes=0-15');
    expect(part?.status).toBe(206);
    expect(new Uint8Array(await (part as Response).arrayBuffer())).toEqual(new Uint8Array(readFileSync(join(dir, 'media', 'camera.webm')).subarray(0, 16)));
    expect((await at(`/media/${sessionId}/manifest.json`))?.status).toBe(400);
    expect(await at('/index.html')).toBeNull();
  });

  it('finds a signed sheet changed on disk: the CLI exits 1 and the panel leaves it out', async () => {
    const a = await call('scoring.identify', { name: '王强', pin: '9876', register: false });
    const panel = await call('scoring.panel', { sessionId, token: a.token });
    const sheet = panel.sheets.find((s) => s.content.assessor.name === '王强');
    const path = join(dir, 'scores', `${sheet?.content.assessor.id ?? ''}.json`);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"total": 40', '"total": 90'));
    const cli = capture();
    expect(await evidenceCommand(['scores', dir, '--json'], cli.io)).toBe(1);
    const report = JSON.parse(cli.out.join('')) as { ok: boolean; tampered: { name: string }[]; findings: { code: string }[] };
    expect(report.tampered.map((t) => t.name)).toEqual(['王强']);
    expect(report.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['sheet_content_changed', 'sheet_file_changed']));
    const open = await call('scoring.open', { sessionId });
    expect(open.panel.scoresValid).toBe(false);
    expect(open.panel.members.find((m) => m.name === '王强')?.tampered).toBe(true);
    expect(open.panel.violations.map((v) => v.rule)).toEqual(expect.arrayContaining(['scores.tampered', 'skill.minAssessors']));
    writeFileSync(path, text);
    const again = capture();
    expect(await evidenceCommand(['scores', dir], again.io)).toBe(0);
  });

  it('changed video bytes are not served', async () => {
    const video = join(dir, 'media', 'camera.webm');
    const bytes = readFileSync(video);
    const changed = Buffer.from(bytes);
    changed[changed.length - 40] = (changed[changed.length - 40] ?? 0) ^ 0xff;
    writeFileSync(video, changed);
    const res = await fetch(`http://127.0.0.1:${host.port}/media/${sessionId}/camera.webm?token=${host.token}`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('SHA-256 不符');
    const open = await call('scoring.open', { sessionId });
    expect(open.verdict.valid).toBe(false);
    writeFileSync(video, bytes);
  });
});
