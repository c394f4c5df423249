// The three things most worth improving, derived from the metrics (pure). Each candidate rule
// gives a severity 0..1 from the figures; rules about skills the task does not exercise count
// half. The top three above MIN_SEVERITY are returned, each with the skill codes it concerns.
import type { MetricId, Scenario } from '../format/schema.ts';
import type { SessionMetrics } from './metrics.ts';

export interface Improvement {
  id: string;
  metric: MetricId;
  /** 0..1, higher is more urgent. */
  severity: number;
  /** Skill requirement ids, those of the task first. */
  skills: string[];
  title: string;
  detail: string;
}

const MIN_SEVERITY = 0.2;

const sec = (ms: number) => `${Math.round(ms / 1000)} 秒`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

interface Rule {
  id: string;
  metric: MetricId;
  skills: readonly string[];
  check(m: SessionMetrics, s: Scenario): { severity: number; title: string; detail: string } | null;
}

const RULES: readonly Rule[] = [
  {
    id: 'banned-words',
    metric: 'banned_words',
    skills: ['5:1.3.2'],
    check: (m) => {
      if (m.banned.banned === 0) return null;
      const first = m.banned.hits.find((h) => h.severity === 'banned');
      return {
        severity: Math.min(1, 0.6 + 0.2 * (m.banned.banned - 1)),
        title: '避免违禁用语',
        detail: `打字内容中出现 ${m.banned.banned} 处违禁词${first === undefined ? '' : `，如“${first.word}”（${first.categoryName}）：${first.advice}`}。`,
      };
    },
  },
  {
    id: 'faults',
    metric: 'fault_recovery',
    skills: ['5:1.3.1', '4:6.1.2', '4:1.3.2'],
    check: (m) => {
      const items = m.faults.items;
      const unrecovered = items.filter((f) => f.recoveredAt === null || f.endedBy === 'auto');
      const slow = items.filter((f) => f.endedBy !== 'auto' && f.recoverMs !== null && f.recoverMs > 30000);
      const wrong = items.reduce((a, f) => a + f.wrongRemedies, 0);
      const f = unrecovered[0] ?? slow[0];
      if (f !== undefined) {
        const what = unrecovered.length > 0 ? `“${f.title}”没有由你排除` : `“${f.title}”用了 ${sec(f.recoverMs ?? 0)} 才恢复`;
        return { severity: unrecovered.length > 0 ? 1 : Math.min(1, 0.5 + 0.2 * wrong), title: '更快发现并排除故障', detail: `${what}。先判断故障类型，再选对办法（如断网时切换备用网络）。` };
      }
      if (wrong === 0) return null;
      return { severity: Math.min(1, 0.3 + 0.15 * wrong), title: '选对故障处理办法', detail: `选择了 ${wrong} 个无效的处理办法，故障因此拖长。` };
    },
  },
  {
    id: 'unanswered',
    metric: 'unanswered',
    skills: ['5:6.2.1', '5:7.1.2', '3:4.2.3', '5:4.2.3'],
    check: (m) => {
      const r = m.replies;
      const due = r.total - r.pending;
      if (due < 3 || r.unanswered === 0) return null;
      const rate = r.unanswered / due;
      return { severity: Math.min(1, rate * 1.2), title: '回复更多观众提问', detail: `${due} 条需要回复的弹幕中有 ${r.unanswered} 条（${pct(rate)}）没有回复。同类问题一次讲清，也能一并回答。` };
    },
  },
  {
    id: 'slow-replies',
    metric: 'reply_latency',
    skills: ['5:6.2.1', '5:7.1.2', '3:4.2.3'],
    check: (m, s) => {
      const p90 = m.replies.p90Ms;
      const window = s.audience.replyWithinSec * 1000;
      if (p90 === null || m.replies.answered < 3 || p90 <= window * 0.75) return null;
      return { severity: Math.min(1, p90 / window - 0.5), title: '回复再快一些', detail: `九成提问在 ${sec(p90)} 内得到回复（中位 ${sec(m.replies.p50Ms ?? 0)}），目标是 ${sec(window)} 以内。` };
    },
  },
  {
    id: 'complaints',
    metric: 'complaints',
    skills: ['5:7.1.2', '4:7.1.2', '3:7.1.1'],
    check: (m) => (m.complaints.unanswered === 0 ? null : { severity: Math.min(1, 0.6 + 0.2 * m.complaints.unanswered), title: '及时处理投诉', detail: `${m.complaints.unanswered} 条售后投诉没有回应。先致歉，再给出具体的售后办法。` }),
  },
  {
    id: 'dead-air',
    metric: 'dead_air',
    skills: ['5:4.2.1', '5:4.2.2', '3:4.2.2'],
    check: (m) => {
      const d = m.voice.deadAir;
      if (!m.voice.applicable || m.durationMs <= 0 || d.count === 0) return null;
      const share = d.totalMs / m.durationMs;
      if (share < 0.03 && d.longestMs < 10000) return null;
      return { severity: Math.min(1, Math.max(share / 0.15, d.longestMs / 30000)), title: '减少冷场', detail: `冷场 ${d.count} 次，共 ${sec(d.totalMs)}，最长 ${sec(d.longestMs)}。准备好卖点和互动话题，没人提问时继续讲产品。` };
    },
  },
  {
    id: 'selling-points',
    metric: 'selling_points',
    skills: ['5:4.2.1', '4:4.2.1'],
    check: (m) => {
      const sp = m.sellingPoints;
      if (sp.total === 0 || sp.covered === sp.total) return null;
      const missing = sp.items.filter((x) => x.coveredAt === null).map((x) => x.text);
      return { severity: Math.min(1, (1 - sp.covered / sp.total) * 1.1), title: '讲全产品卖点', detail: `${sp.total} 个卖点讲到 ${sp.covered} 个，还缺：${missing.slice(0, 3).join('；')}${missing.length > 3 ? '…' : ''}` };
    },
  },
  {
    id: 'moderation',
    metric: 'moderation',
    skills: ['5:6.2.2', '4:6.2.1', '3:4.2.1'],
    check: (m) => {
      const x = m.moderation;
      if (x.shown < 2 || x.handledRate === null || x.unhandled === 0) return null;
      const rate = x.unhandled / x.abusive;
      if (rate < 0.3) return null;
      return { severity: Math.min(1, rate), title: '管好恶意和导流弹幕', detail: `${x.abusive} 条恶意或导流弹幕中 ${x.unhandled} 条没有处理。对恶意用户禁言，对“加V”“私信”等设置屏蔽词。` };
    },
  },
  {
    id: 'muted-by-mistake',
    metric: 'muted_by_mistake',
    skills: ['5:6.2.2', '4:6.2.1'],
    check: (m) => {
      const n = m.moderation.mutedByMistake.length;
      if (n === 0) return null;
      return { severity: Math.min(1, 0.5 + 0.2 * (n - 1)), title: '不要误禁正常观众', detail: `禁言了 ${n} 位正常观众（如 ${m.moderation.mutedByMistake[0]?.user ?? ''}）。提问、质疑和投诉要回应，不要禁言。` };
    },
  },
  {
    id: 'flash-cue',
    metric: 'flash_sale',
    skills: ['5:4.2.3', '4:4.2.2'],
    check: (m) => {
      const missed = m.flashSale.cues.filter((q) => !q.onTime);
      if (missed.length === 0) return null;
      const q = missed[0];
      return { severity: 0.6, title: '按提示及时开启秒杀', detail: q?.reactedAt === null ? '运营提示开秒杀后没有开启。' : `运营提示后 ${sec(q?.reactionMs ?? 0)} 才开启秒杀。` };
    },
  },
  {
    id: 'pin-product',
    metric: 'pinned_product',
    skills: ['5:6.1.3', '5:4.2.3', '4:6.1.3'],
    check: (m) => {
      if (m.durationMs < 60000 || m.pinnedProduct.share >= 0.6) return null;
      return { severity: Math.min(1, (0.6 - m.pinnedProduct.share) * 1.5), title: '讲解时挂上商品链接', detail: `商品处于“讲解中”的时间只占 ${pct(m.pinnedProduct.share)}${m.pinnedProduct.firstAt === null ? '（从未挂上）' : `，第一次在 ${sec(m.pinnedProduct.firstAt)}`}。观众看得到链接才会下单。` };
    },
  },
  {
    id: 'coupons',
    metric: 'coupons',
    skills: ['4:4.2.2', '5:4.2.3'],
    check: (m, s) => {
      if (m.coupons.pushes > 0 || !s.products.some((p) => p.coupon !== undefined) || m.durationMs < 120000) return null;
      return { severity: 0.4, title: '用好优惠券', detail: '有可发放的优惠券但没有发。讲完价格后发券并说明领取和使用方法。' };
    },
  },
  {
    id: 'faq',
    metric: 'faq',
    skills: ['4:6.2.2', '3:7.1.1'],
    check: (m, s) => {
      if (!s.skills.some((x) => x === '4:6.2.2' || x === '3:7.1.1') || m.faq.added > 0 || m.faq.uses > 0) return null;
      return { severity: 0.5, title: '建立并使用常见问题库', detail: '没有新增或使用 FAQ。把反复出现的问题整理进 FAQ，回复更快更统一。' };
    },
  },
];

/** Up to three improvements, most severe first. */
export function improvements(m: SessionMetrics, scenario: Scenario): Improvement[] {
  const out: Improvement[] = [];
  for (const rule of RULES) {
    const found = rule.check(m, scenario);
    if (found === null) continue;
    const own = rule.skills.filter((x) => scenario.skills.includes(x));
    const severity = own.length > 0 ? found.severity : found.severity / 2;
    if (severity < MIN_SEVERITY) continue;
    out.push({ id: rule.id, metric: rule.metric, severity, skills: own.length > 0 ? own : [rule.skills[0] ?? ''], title: found.title, detail: found.detail });
  }
  // Stable: equal severities keep the rules' order (compliance and faults first).
  return out.sort((a, b) => b.severity - a.severity).slice(0, 3);
}
