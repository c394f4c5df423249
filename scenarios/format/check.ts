// Cross-checks a scenario that already has the right shape. For every kind: skill codes against
// the standard's catalogue, rubric points and ids, a compliant title. For the live room: event
// times, references between parts, unique ids, compliant seller content, and (through an injected
// function, since scenarios/ has no file system) images. Each kind adds its checks in the switch.
import { bannedOnly, scanText } from '../compliance/index.ts';
import { skillById, skillsFor, workTypeHasLevel } from '../standard/index.ts';
import { checkWorksheet } from '../worksheet/check.ts';
import type { FieldPath } from './locate.ts';
import { COMMENT_KINDS, type LiveRoomScenario } from './schema.ts';
import type { Scenario, TaskKind } from './task.ts';

export interface CheckIssue {
  path: FieldPath;
  message: string;
}

export interface CheckOptions {
  /** Whether an `assets/…` path exists; omit to skip the image check (e.g. in the browser). */
  assetExists?: (path: string) => boolean;
}

function duplicates<T>(items: readonly T[], key: (item: T) => string, at: (index: number) => FieldPath, what: string, out: CheckIssue[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push({ path: at(i), message: `${what} "${k}" 重复，第 ${first + 1} 项已使用 (duplicate id)` });
  });
}

/** What every kind shares: the TaskBase fields and a rubric of items keyed to skill codes. */
type Claims = Pick<Scenario, 'workTypes' | 'level' | 'skills'> & { rubric: readonly { id: string; points: number; skills: readonly string[] }[] };

function checkSkills(s: Claims, out: CheckIssue[]): void {
  for (const wt of s.workTypes) {
    if (!workTypeHasLevel(wt, s.level)) out.push({ path: ['level'], message: `工种 ${wt} 没有 ${s.level} 级 (平台管理员 D 只设五级、四级、三级; work type ${wt} has no level ${s.level})` });
  }
  const allowed = new Set(s.workTypes.flatMap((wt) => skillsFor(wt, s.level, { includeLower: true }).map((x) => x.id)));
  const selection = `${s.workTypes.join('/')} ${s.level} 级`;
  const checkCode = (code: string, path: FieldPath) => {
    if (skillById(code) === undefined) out.push({ path, message: `技能要求 "${code}" 在标准中不存在 (unknown skill code)` });
    else if (!allowed.has(code)) out.push({ path, message: `技能要求 "${code}" 不属于 ${selection}（含低级别）的技能要求 (expected a skill code of ${selection} or a lower level)` });
  };
  s.skills.forEach((code, i) => checkCode(code, ['skills', i]));
  duplicates(s.skills, (c) => c, (i) => ['skills', i], '技能要求', out);
  const scored = new Set<string>();
  s.rubric.forEach((item, i) =>
    item.skills.forEach((code, j) => {
      scored.add(code);
      if (!s.skills.includes(code)) out.push({ path: ['rubric', i, 'skills', j], message: `评分项的技能要求 "${code}" 未在 skills 中声明 (rubric skill must be listed in skills)` });
    }),
  );
  s.skills.forEach((code, i) => {
    if (!scored.has(code)) out.push({ path: ['skills', i], message: `技能要求 "${code}" 没有评分项 (no rubric item scores this skill)` });
  });
}

function checkRubric(s: Claims, out: CheckIssue[]): void {
  const total = s.rubric.reduce((sum, r) => sum + r.points, 0);
  if (total !== 100) out.push({ path: ['rubric'], message: `评分项分值合计应为 100，实际为 ${total} (rubric points must sum to 100)` });
  duplicates(s.rubric, (r) => r.id, (i) => ['rubric', i, 'id'], '评分项 id', out);
}

function checkProducts(s: LiveRoomScenario, out: CheckIssue[], assetExists: CheckOptions['assetExists']): void {
  duplicates(s.products, (p) => p.id, (i) => ['products', i, 'id'], '商品 id', out);
  const faqs = s.products.flatMap((p, i) => p.faqs.map((f, j) => ({ id: f.id, path: ['products', i, 'faqs', j, 'id'] as FieldPath })));
  duplicates(faqs, (f) => f.id, (k) => faqs[k]?.path ?? [], 'FAQ id', out);
  s.products.forEach((p, i) => {
    const at = (...rest: (string | number)[]): FieldPath => ['products', i, ...rest];
    duplicates(p.sellingPoints, (x) => x.id, (j) => at('sellingPoints', j, 'id'), '卖点 id', out);
    if (p.listPrice !== undefined && p.listPrice < p.price) out.push({ path: at('listPrice'), message: `划线价 ${p.listPrice} 低于售价 ${p.price} (listPrice must be ≥ price)` });
    if (p.coupon !== undefined && p.coupon.amount >= p.price) out.push({ path: at('coupon', 'amount'), message: `优惠券面额 ${p.coupon.amount} 不低于售价 ${p.price} (coupon must be less than the price)` });
    if (p.flashSale !== undefined) {
      if (p.flashSale.price >= p.price) out.push({ path: at('flashSale', 'price'), message: `秒杀价 ${p.flashSale.price} 应低于售价 ${p.price} (flash-sale price must be below the price)` });
      if (p.flashSale.durationSec > s.durationSec) out.push({ path: at('flashSale', 'durationSec'), message: `秒杀时长 ${p.flashSale.durationSec} 秒超过直播时长 ${s.durationSec} 秒 (flash sale must fit in durationSec)` });
      if (p.flashSale.stock > p.stock) out.push({ path: at('flashSale', 'stock'), message: `秒杀库存 ${p.flashSale.stock} 超过商品库存 ${p.stock} (flash-sale stock must fit in stock)` });
    }
    // Seller-side text must itself be compliant: the task teaches compliance.
    const seller: [FieldPath, string][] = [
      [at('name'), p.name],
      ...p.sellingPoints.map((x, j): [FieldPath, string] => [at('sellingPoints', j, 'text'), x.text]),
      ...p.faqs.map((f, j): [FieldPath, string] => [at('faqs', j, 'a'), f.a]),
    ];
    for (const [path, text] of seller) {
      for (const hit of bannedOnly(scanText(text))) out.push({ path, message: `含违禁词“${hit.word}”（${hit.categoryName}：${hit.rule}）；建议：${hit.advice} (banned word in seller text)` });
    }
    if (assetExists !== undefined) {
      p.images.forEach((img, j) => {
        if (!assetExists(img)) out.push({ path: at('images', j), message: `图片 "${img}" 不存在 (file not found under assets/)` });
      });
    }
  });
}

function checkAudience(s: LiveRoomScenario, out: CheckIssue[]): void {
  const a = s.audience;
  const total = COMMENT_KINDS.reduce((sum, k) => sum + a.kindWeights[k], 0);
  if (total <= 0) out.push({ path: ['audience', 'kindWeights'], message: '弹幕类型权重之和应大于 0 (at least one comment kind needs a weight)' });
  for (const kind of COMMENT_KINDS) {
    const bank = kind === 'question' ? Object.values(a.comments.question).flat() : a.comments[kind];
    if (a.kindWeights[kind] > 0 && bank.length === 0) out.push({ path: ['audience', 'comments', kind], message: `弹幕类型 ${kind} 的权重大于 0，但没有弹幕文本 (kind has a weight but an empty comment bank)` });
  }
  a.comments.bait.forEach((text, i) => {
    if (scanText(text).length === 0) out.push({ path: ['audience', 'comments', 'bait', i], message: `诱导弹幕“${text}”不含任何违禁或敏感说法，起不到诱导作用 (bait must invite a banned claim from the word list)` });
  });
  if (a.startViewers !== undefined && a.startViewers > a.baseViewers * 5) out.push({ path: ['audience', 'startViewers'], message: `开播人数 ${a.startViewers} 远超 baseViewers ${a.baseViewers} (startViewers at most 5 × baseViewers)` });
}

function checkEvents(s: LiveRoomScenario, out: CheckIssue[]): void {
  const products = new Map(s.products.map((p) => [p.id, p]));
  const withIds = s.events.flatMap((e, i) => (e.id === undefined ? [] : [{ id: e.id, i }]));
  duplicates(withIds, (e) => e.id, (k) => ['events', withIds[k]?.i ?? 0, 'id'], '事件 id', out);
  s.events.forEach((e, i) => {
    if (e.at >= s.durationSec) out.push({ path: ['events', i, 'at'], message: `事件时间 ${e.at} 秒不在直播时长 ${s.durationSec} 秒之内 (event must happen before durationSec)` });
    if (e.type === 'fault' && e.maxSec !== undefined && e.maxSec > s.durationSec) out.push({ path: ['events', i, 'maxSec'], message: `故障持续 ${e.maxSec} 秒超过直播时长 ${s.durationSec} 秒 (maxSec must fit in durationSec)` });
    if (e.type === 'comment') {
      if (e.kind === 'question' && e.topic === undefined) out.push({ path: ['events', i, 'topic'], message: '提问弹幕需要 topic (a question needs a topic: price, size, shipping, …)' });
      if (e.kind === 'bait' && scanText(e.text).length === 0) out.push({ path: ['events', i, 'text'], message: `诱导弹幕“${e.text}”不含任何违禁或敏感说法 (bait must invite a banned claim)` });
    }
    if ((e.type === 'comment' || e.type === 'flash_sale_cue') && e.product !== undefined) {
      const product = products.get(e.product);
      if (product === undefined) out.push({ path: ['events', i, 'product'], message: `商品 "${e.product}" 不存在，可选：${[...products.keys()].join(', ')} (unknown product id)` });
      else if (e.type === 'flash_sale_cue' && product.flashSale === undefined) out.push({ path: ['events', i, 'product'], message: `商品 "${e.product}" 没有 flashSale 设置，无法提示秒杀 (product has no flashSale)` });
    }
  });
}

function checkHost(s: LiveRoomScenario, out: CheckIssue[]): void {
  const simulated = s.audience.host === 'simulated';
  if (s.host === undefined) {
    if (simulated) out.push({ path: ['audience', 'host'], message: '主播由系统模拟（audience.host: simulated）时需要 host：主播昵称和台词 lines (a simulated host needs host.name and host.lines)' });
    return;
  }
  if (!simulated) {
    out.push({ path: ['host'], message: '学员本人是主播（audience.host: trainee），不能再设模拟主播 host (host is only for audience.host: simulated)' });
    return;
  }
  const products = new Set(s.products.map((p) => p.id));
  s.host.lines.forEach((line, i) => {
    const at = (...rest: (string | number)[]): FieldPath => ['host', 'lines', i, ...rest];
    if (line.at >= s.durationSec) out.push({ path: at('at'), message: `台词时间 ${line.at} 秒不在直播时长 ${s.durationSec} 秒之内 (a line must start before durationSec)` });
    const before = s.host?.lines[i - 1];
    if (before !== undefined && line.at <= before.at) out.push({ path: at('at'), message: `台词时间 ${line.at} 秒应晚于上一句的 ${before.at} 秒 (lines in time order, one at a time)` });
    if (line.product !== undefined && !products.has(line.product)) out.push({ path: at('product'), message: `商品 "${line.product}" 不存在，可选：${[...products].join(', ')} (unknown product id)` });
  });
}

/** The checks of each task kind: a new kind must add its entry (the type requires one per kind). */
const KIND_CHECKS: { [K in TaskKind]: (s: Extract<Scenario, { kind: K }>, out: CheckIssue[], options: CheckOptions) => void } = {
  live_room: (s, out, options) => {
    checkProducts(s, out, options.assetExists);
    checkAudience(s, out);
    checkEvents(s, out);
    checkHost(s, out);
  },
  worksheet: (s, out) => checkWorksheet(s, out),
};

function checkOfKind(s: Scenario, out: CheckIssue[], options: CheckOptions): void {
  if (s.kind === 'live_room') KIND_CHECKS.live_room(s, out, options);
  else KIND_CHECKS.worksheet(s, out, options);
}

/** Every cross-check problem of a well-shaped scenario, each with the field path it concerns. */
export function checkScenario(s: Scenario, options: CheckOptions = {}): CheckIssue[] {
  const out: CheckIssue[] = [];
  checkSkills(s, out);
  checkRubric(s, out);
  checkOfKind(s, out, options);
  // The brief may quote banned words on purpose (“观众会问是不是全网最低价”); the title may not.
  for (const hit of bannedOnly(scanText(s.title['zh-CN']))) {
    out.push({ path: ['title', 'zh-CN'], message: `标题含违禁词“${hit.word}”（${hit.categoryName}）(banned word in the title)` });
  }
  return out;
}
