// The training centre (考务) end to end in Chromium (web mode): create a 正式考核 sitting, import a
// 12-candidate XLSX roster with 2 bad rows (both reported with row and column, the 10 good ones
// kept), see the panel refused with 2 assessors and accepted with 3, draw stations, link a
// candidate's scored task (the committed fixture: three assessors signed blind), see the result
// list and analytics, log a 复核, read the audit trail. Screenshots of every screen in Chinese.
import { execFileSync } from 'node:child_process';
import { scryptSync, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { xlsxOf } from '../../electron/services/exam/roster-file.ts';
import { SCRYPT } from '../../electron/services/scoring/assessors.ts';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { badChecksumId, ROSTER_HEADER, rosterRow } from '../harness/exam.ts';
import { requirePeer } from '../harness/peers.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing());
const SCORED = fileURLToPath(new URL('../fixtures/evidence/scored/', import.meta.url));
const OUT = 'test-results';
const FIXTURE_ASSESSORS = [
  ['a574d62d8', '张敏'],
  ['a79016f77', '李华'],
  ['aa026a2ae', '王强'],
] as const;

describe.skipIf(!ready)('centre screens in Chromium', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const sessionId = '20261128-083215-aeeabe';

  beforeAll(async () => {
    host = await startTestHost();
    cpSync(SCORED, join(host.dataDir, 'evidence', sessionId), { recursive: true });
    // The fixture's three assessors in the PIN register (as if they had registered here).
    mkdirSync(join(host.dataDir, 'scoring'), { recursive: true });
    const assessors = FIXTURE_ASSESSORS.map(([id, name]) => {
      const salt = randomBytes(16);
      return { id, name, salt: salt.toString('hex'), pinHash: scryptSync('2468', salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }).toString('hex'), scrypt: { ...SCRYPT }, createdAt: '2026-11-28T00:00:00.000Z' };
    });
    writeFileSync(join(host.dataDir, 'scoring', 'assessors.json'), JSON.stringify({ format: 'livedrill-assessors/1', assessors }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(e.message));
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await host.dispose();
  });
  const shot = (name: string) => page.screenshot({ path: join(OUT, `centre-${name}.png`), fullPage: true });

  it('runs a formal sitting from roster to 复核', async () => {
    await page.goto(host.url);
    await page.getByRole('radio', { name: /考务/ }).click();
    await page.getByTestId('home-centre').click();
    const form = page.getByTestId('ce-new-sitting');
    await form.waitFor();
    // A formal sitting of 60 minutes is refused, naming the rule.
    await form.locator('input[name=title]').fill('直播销售员五级正式考核（第一场）');
    await form.locator('input[name=durationMinutes]').fill('60');
    await form.getByRole('button', { name: '创建场次' }).click();
    await expect.poll(() => page.getByTestId('ce-notice').textContent()).toContain('技能考核时长 60 分钟，不少于 90 分钟');
    await shot('new-sitting-refused');
    await form.locator('input[name=durationMinutes]').fill('90');
    await form.getByRole('button', { name: '创建场次' }).click();
    await page.getByTestId('ce-sitting-head').waitFor();

    // Roster: 12 rows, row 5 a bad checksum, row 10 an unknown work type.
    const rows = [ROSTER_HEADER, ...Array.from({ length: 12 }, (_, i) => (i === 3 ? rosterRow(i, { id: badChecksumId(i) }) : i === 8 ? rosterRow(i, { workType: '带货员' }) : rosterRow(i)))];
    const file = join(host.dataDir, '考生名单.xlsx');
    writeFileSync(file, await xlsxOf('考生名单', rows));
    await page.getByTestId('ce-roster-file').setInputFiles(file);
    const report = page.getByTestId('ce-import-report');
    await expect.poll(() => report.textContent()).toContain('读取 12 行，导入 10 名考生，2 处问题');
    const issueRows = await report.locator('tbody tr').allTextContents();
    expect(issueRows[0]).toMatch(/^5B证件号码证件号码.*校验位错误$/);
    expect(issueRows[1]).toMatch(/^10C工种未知的工种“带货员”/);
    expect(await page.getByTestId('ce-roster').locator('tbody tr').count()).toBe(10);
    await shot('roster');

    // Assessors: two are refused, three accepted.
    await page.getByTestId('ce-tab-assessors').click();
    const add = page.getByTestId('ce-add-assessor');
    for (const [, name] of FIXTURE_ASSESSORS.slice(0, 2)) {
      await add.locator('select[name=pick]').selectOption({ label: name });
      await add.getByRole('button', { name: '添加考评员' }).click();
      await expect.poll(() => page.getByTestId('ce-assessors').textContent()).toContain(name);
    }
    await page.getByTestId('ce-assign').click();
    await expect.poll(() => page.getByTestId('ce-notice').textContent()).toContain('本场考评员 2 人，少于规定的 3 人');
    expect(await page.getByTestId('ce-rules').textContent()).toContain('正式考核，不符合以下规定');
    await shot('assessors-refused');
    await add.locator('select[name=pick]').selectOption({ label: '王强' });
    await add.getByRole('button', { name: '添加考评员' }).click();
    await expect.poll(() => page.getByTestId('ce-assessors').textContent()).toContain('王强');
    await page.getByTestId('ce-assign').click();
    await expect.poll(() => page.getByTestId('ce-notice').textContent()).toContain('已分配考评组：每名考生 3 名考评员');
    expect(await page.getByTestId('ce-panels').locator('tbody tr').count()).toBe(10);
    expect(await page.getByTestId('ce-rules').textContent()).toContain('符合标准 1.9 的鉴定要求');
    // A 回避 declaration now leaves a candidate with 2 eligible: the assignment says exactly that.
    const dc = page.getByTestId('ce-declare');
    await dc.locator('select[name=assessorId]').selectOption({ label: '王强' });
    await dc.locator('select[name=candidateId]').selectOption({ index: 2 });
    const declared = (await dc.locator('select[name=candidateId] option').nth(2).textContent())?.split(' ')[1] ?? '';
    await dc.locator('select[name=reason]').selectOption('trainer');
    await dc.getByRole('button', { name: '登记回避' }).click();
    await expect.poll(() => page.getByTestId('ce-assign-state').textContent()).toContain('回避后只剩 2 名考评员可评，考评组需要 3 名');
    // named by name and id, not by ids alone
    const conflict = (await page.getByTestId('ce-assign-state').textContent()) ?? '';
    expect(declared).not.toBe('');
    expect(conflict).toMatch(new RegExp(`考生 ${declared}（c[0-9a-z]+）回避后`));
    expect(conflict).toContain('回避的考评员：王强 (aa026a2ae)');
    await shot('assessors-conflict');

    // Stations.
    await page.getByTestId('ce-tab-stations').click();
    await page.getByTestId('ce-draw').click();
    await expect.poll(() => page.getByTestId('ce-seats').locator('.ce-seat').count()).toBe(10);
    await shot('stations');
    // The paperwork as PDF through the screen's buttons, read back with pdftotext.
    const pdfText = async (testId: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      const file = join(host.dataDir, download.suggestedFilename());
      await download.saveAs(file);
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    };
    expect(await pdfText('ce-doc-seating')).toContain('考位安排表');
    expect(await pdfText('ce-doc-tickets')).toMatch(/准考证 +\S+/);
    expect(await pdfText('ce-doc-signin')).toContain('考生签名');

    // The first candidate's task: the fixture package, scored blind by the three (no 回避 for them).
    const view = await host.services.handlers['exam.list']({}, { transport: 'websocket' });
    const sittingId = view.sittings[0]?.sitting.id ?? '';
    const got = await host.services.handlers['exam.get']({ sittingId }, { transport: 'websocket' });
    const first = got.candidates[0]?.id ?? '';
    await host.services.handlers['exam.removeAssessor']({ sittingId, assessorId: 'aa026a2ae', actor: '考务老师' }, { transport: 'websocket' });
    await host.services.handlers['exam.setAssessor']({ sittingId, assessorId: 'aa026a2ae', name: '王强', employer: '', actor: '考务老师' }, { transport: 'websocket' });
    expect((await host.services.handlers['exam.assign']({ sittingId, actor: '考务老师' }, { transport: 'websocket' })).ok).toBe(true);
    expect((await host.services.handlers['exam.link']({ sittingId, candidateId: first, sessionId, actor: '考务老师' }, { transport: 'websocket' })).ok).toBe(true);

    // On the day: round 1's clock, sign-in, the identity check (a wrong check character refused,
    // then the number with a camera photo), an incident; all in the day's log with who and when.
    await page.getByTestId('ce-tab-day').click();
    await page.getByTestId('ce-start-1').click();
    await expect.poll(() => page.getByTestId('ce-clock-1').textContent()).toContain('已进行');
    expect(await page.getByTestId('ce-start-1').count()).toBe(0);
    // one of the two whose live task runs below, so its package must carry this check and photo
    const seated = got.seats.find((x) => x.round === 1 && x.candidateId !== first)?.candidateId ?? '';
    const person = got.candidates.find((c) => c.id === seated);
    if (!person) throw new Error('no candidate in round 1');
    const dayRow = page.getByTestId('ce-day').locator(`tr[data-candidate="${seated}"]`);
    await dayRow.getByRole('button', { name: '签到' }).click();
    await expect.poll(() => dayRow.textContent()).toContain('已签到');
    const idf = page.getByTestId('ce-identify');
    await idf.locator('select[name=candidateId]').selectOption(seated);
    const wrongCheck = person.idNumber.slice(0, 17) + (person.idNumber[17] === '0' ? '1' : '0');
    await idf.locator('input[name=entered]').fill(wrongCheck);
    await idf.getByRole('button', { name: '核验并记录' }).click();
    await expect.poll(() => page.getByTestId('ce-notice').textContent()).toContain(`输入的“${wrongCheck}”校验位错误`);
    await idf.locator('input[name=entered]').fill(person.idNumber);
    await idf.getByRole('button', { name: '打开摄像头' }).click();
    await expect
      .poll(async () => {
        await idf.getByTestId('ce-photo-take').click();
        return idf.getByTestId('ce-photo-shot').count();
      }, { timeout: 20_000 })
      .toBe(1);
    await shot('identity');
    await idf.getByRole('button', { name: '核验并记录' }).click();
    await expect.poll(() => page.getByTestId('ce-notice').textContent()).toContain(`${person.name} 身份核验通过`);
    await expect.poll(() => dayRow.textContent()).toContain('已留存照片');
    const inc = page.getByTestId('ce-incident');
    await inc.locator('select[name=kind]').selectOption('deviceFailure');
    await inc.locator('select[name=candidateId]').selectOption(seated);
    await inc.locator('input[name=note]').fill('摄像头断开，已更换备用机');
    await inc.getByRole('button', { name: '登记' }).click();
    const dayLog = page.getByTestId('ce-day-log');
    await expect.poll(() => dayLog.textContent()).toContain('设备故障：');
    const logText = (await dayLog.textContent()) ?? '';
    for (const line of ['第 1 批开考', `${person.name}（${person.ticketNo}） 签到`, '身份核验未通过', '身份核验通过', '摄像头断开，已更换备用机', '考务老师']) expect(logText).toContain(line);
    await shot('day');

    // Two candidates' live tasks at their stations, each following round 1's clock; each package
    // is linked to the sitting when its task ends.
    const liveIds = got.seats.filter((x) => x.round === 1 && x.candidateId !== first).map((x) => x.candidateId).slice(0, 2);
    expect(liveIds).toHaveLength(2);
    const backToDay = async () => {
      await page.locator('.brand').click();
      await page.getByRole('radio', { name: /考务/ }).click();
      await page.getByTestId('home-centre').click();
      // the centre screen keeps the open sitting
      await page.getByTestId('ce-tab-day').click();
    };
    for (const [n, id] of liveIds.entries()) {
      const row = page.getByTestId('ce-day').locator(`tr[data-candidate="${id}"]`);
      if (id !== seated) await row.getByRole('button', { name: '签到' }).click();
      await row.getByTestId('ce-enter-station').click();
      await page.getByRole('button', { name: '开始直播' }).click();
      await page.getByTestId('live-room').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByTestId('lr-round-clock').textContent()).toMatch(/第 1 批剩余 1:2\d:\d\d（跟随考场计时）/);
      if (n === 0) await shot('station-task');
      await page.waitForTimeout(2500);
      await page.getByRole('button', { name: '结束直播' }).click();
      await page.getByRole('button', { name: '结束', exact: true }).click();
      await page.getByTestId('review').waitFor({ timeout: 60_000 });
      await expect.poll(async () => (await host.services.handlers['exam.get']({ sittingId }, { transport: 'websocket' })).sessions.some((x) => x.candidateId === id), { timeout: 30_000 }).toBe(true);
      await backToDay();
    }
    const linked = (await host.services.handlers['exam.get']({ sittingId }, { transport: 'websocket' })).sessions.filter((x) => liveIds.includes(x.candidateId));
    expect(linked.map((x) => x.candidateId).sort()).toEqual([...liveIds].sort());
    // the identity check (number and camera photo) went into the checked candidate's package
    const checkedPackage = join(host.dataDir, 'evidence', linked.find((x) => x.candidateId === seated)?.sessionId ?? '');
    expect(existsSync(join(checkedPackage, 'checks', 'identity-photo.jpg'))).toBe(true);
    expect(JSON.parse(readFileSync(join(checkedPackage, 'checks', 'identity.json'), 'utf8'))).toMatchObject({ sittingId, candidateId: seated, match: true });

    // Three assessors score each blind (a sheet stays hidden until its reader has signed) and sign.
    const call = host.services.handlers;
    const ws = { transport: 'websocket' as const };
    const shares: Record<string, number> = { 张敏: 0.8, 李华: 0.82, 王强: 0.7 };
    for (const link of linked) {
      const open = await call['scoring.open']({ sessionId: link.sessionId }, ws);
      for (const [k, [, name]] of FIXTURE_ASSESSORS.entries()) {
        const me = await call['scoring.identify']({ name, pin: '2468', register: false }, ws);
        const scores = open.rubric.map((r) => ({ id: r.id, score: Math.round(r.max * (shares[name] ?? 0.8) * 2) / 2, note: '' }));
        await call['scoring.saveDraft']({ sessionId: link.sessionId, token: me.token, workType: 'B', mode: 'exam', scores, annotations: [], comment: '' }, ws);
        const panel = await call['scoring.panel']({ sessionId: link.sessionId, token: me.token }, ws);
        if (k > 0) expect(panel.visible).toBe(false);
        await call['scoring.sign']({ sessionId: link.sessionId, token: me.token, pin: '2468' }, ws);
      }
    }

    await page.getByTestId('ce-tab-results').click();
    const results = page.getByTestId('ce-results');
    await expect.poll(() => results.locator(`tr[data-candidate="${first}"]`).textContent()).toContain('67.3');
    expect(await results.locator(`tr[data-candidate="${first}"]`).textContent()).toContain('评分分歧');
    expect(await page.getByTestId('ce-summary').textContent()).toContain('有成绩 3 名 · 合格 3 名 · 合格率 100%');
    for (const id of liveIds) expect(await results.locator(`tr[data-candidate="${id}"]`).textContent()).toMatch(/合格/);
    expect(await page.getByTestId('ce-chart-distribution').locator('rect').count()).toBe(10);
    expect(await page.getByTestId('ce-chart-assessors').textContent()).toContain('王强（偏严）');
    await page.getByTestId('ce-publish').click();
    await expect.poll(() => page.getByText(/已于 .* 公布/).count()).toBe(1);
    const rc = page.getByTestId('ce-recheck');
    await rc.locator('select[name=candidateId]').selectOption({ index: 1 });
    await rc.locator('input[name=reason]').fill('考生对成绩有疑问，申请复核');
    await rc.getByRole('button', { name: '登记申请并复核' }).click();
    await expect.poll(() => page.getByTestId('ce-notice').textContent()).toContain('成绩无误，维持');
    await shot('results');
    const resultList = await pdfText('ce-doc-results-pdf');
    expect(resultList).toContain('成绩登记表');
    expect(resultList).toContain('67.3');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ce-doc-results-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/成绩登记表\.xlsx$/);

    await page.getByTestId('ce-tab-audit').click();
    const audit = page.getByTestId('ce-audit');
    await expect.poll(() => audit.textContent()).toContain('recheck.completed');
    expect(await audit.textContent()).toContain('recheck.requested');
    expect(await audit.textContent()).toContain('results.published');
    expect(await page.getByText('审计记录完整（哈希链校验通过）').count()).toBe(1);
    await shot('audit');

    await page.getByTestId('ce-tab-roster').click();
    await page.getByRole('button', { name: '返回场次列表' }).click();
    await expect.poll(() => page.getByTestId('ce-sittings').textContent()).toContain('直播销售员五级正式考核（第一场）');
    await shot('sittings');

    // The same screens in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Open' }).first().click();
    await page.getByTestId('ce-tab-day').click();
    await expect.poll(() => page.getByTestId('ce-day-log').textContent()).toContain('Round 1 started');
    await page.screenshot({ path: join(OUT, 'centre-day-en.png'), fullPage: true });
    await page.getByTestId('ce-tab-results').click();
    await expect.poll(() => page.getByTestId('ce-summary').textContent()).toContain('3 scored · 3 passed · pass rate 100%');
    await page.screenshot({ path: join(OUT, 'centre-results-en.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
