// The scenario file format: one practical task per YAML file, validated by these zod schemas
// (shape) and by check.ts (cross-references against the standard and within the file).
// Times are whole seconds from the start of the live; money is yuan with at most two decimals.
// Objects are strict so a misspelt key is an error at its line, not silently ignored.
// Pure domain module: no Node, React or Electron imports.
import { z } from 'zod';
import { ObsDrillKind } from '../obs/records.ts';
import { Level, SkillCode, WorkTypeCode } from '../standard/codes.ts';

export const COMMENT_KINDS = ['question', 'objection', 'praise', 'troll', 'spam', 'bait', 'complaint', 'intent'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

/** Comment kinds that expect an answer from the live room (reply latency, unanswered). */
export const REPLY_KINDS: readonly CommentKind[] = ['question', 'objection', 'bait', 'complaint', 'intent'];
/** Comment kinds from bad actors: moderation (mute, keyword block) is the right answer. */
export const ABUSE_KINDS: readonly CommentKind[] = ['troll', 'spam'];

export const QUESTION_TOPICS = ['price', 'size', 'shipping', 'ingredients', 'after_sales', 'usage', 'stream', 'other'] as const;
export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

/** Faults the app simulates itself (the live room freezes or blacks out). */
export const APP_FAULTS = ['network_drop', 'power_cut'] as const;
/** Faults injected into OBS as drills when OBS is connected, simulated in the app otherwise. */
export const OBS_FAULTS = ObsDrillKind.options;
export const FaultKind = z.enum([...APP_FAULTS, ...OBS_FAULTS]);
export type FaultKind = z.infer<typeof FaultKind>;

/** Automatic metrics a rubric item can cite as evidence (computed by scenarios/engine/metrics.ts). */
export const METRIC_IDS = [
  'reply_latency',
  'unanswered',
  'complaints',
  'bait',
  'moderation',
  'muted_by_mistake',
  'faq',
  'selling_points',
  'pinned_product',
  'coupons',
  'flash_sale',
  'talk_time',
  'dead_air',
  'banned_words',
  'fault_detection',
  'fault_recovery',
  'viewers',
  'orders',
  'conversion',
  'gmv',
] as const;
export const MetricId = z.enum(METRIC_IDS);
export type MetricId = z.infer<typeof MetricId>;

/** Longest task: every duration in a file fits in it, so a timer can never outrun the exam. */
export const EXAM_MAX_SEC = 4 * 3600;
/** Yuan: no live-room price, coupon or threshold is above this. */
export const MONEY_MAX = 1_000_000;
/** Items in stock, coupons, viewers: counts a single live room can hold. */
export const COUNT_MAX = 10_000_000;

/** Characters that take no room on screen: zero-width space/joiners, word joiner, Mongolian vowel separator, BOM, soft hyphen. */
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]/gu;
/** Whether `text` shows anything; text made only of whitespace and zero-width characters counts as empty. */
export function isVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

export const Text = z
  .string()
  .trim()
  .min(1)
  .refine(isVisibleText, { error: '文本为空：只含空白或零宽字符 (expected visible text, got only whitespace or zero-width characters)' });
export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: '应为小写字母、数字和连字符组成的标识 (expected an id such as "orange-5jin")' });
export const Seconds = z.number().int().nonnegative().max(EXAM_MAX_SEC);
export const PositiveSeconds = z.number().int().positive().max(EXAM_MAX_SEC);
export const Count = z.number().int().nonnegative().max(COUNT_MAX);
export const PositiveCount = z.number().int().positive().max(COUNT_MAX);
export const Money = z
  .number()
  .positive()
  .max(MONEY_MAX)
  .refine((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6, { error: '金额最多两位小数 (expected yuan with at most 2 decimals)' });
export const AssetPath = z
  .string()
  .regex(/^assets\/(?:[\w-]+\/)*[\w-]+\.(?:svg|png|jpe?g|webp)$/, { error: '应为 assets/ 下的图片路径，如 "assets/products/orange.svg" (expected assets/…/name.svg|png|jpg|webp)' });

export const Localized = z.strictObject({ 'zh-CN': Text, en: Text });
export type Localized = z.infer<typeof Localized>;


export const SellingPoint = z.strictObject({ id: Id, text: Text });
export type SellingPoint = z.infer<typeof SellingPoint>;

export const Faq = z.strictObject({ id: Id, topic: z.enum(QUESTION_TOPICS), q: Text, a: Text });
export type Faq = z.infer<typeof Faq>;

export const Product = z.strictObject({
  id: Id,
  name: Text,
  /** 直播间售价. */
  price: Money,
  /** 划线价: must be a real former price (价格法). */
  listPrice: Money.optional(),
  stock: Count,
  /** 满 threshold 减 amount; `stock` coupons; active for validSec after a push. */
  coupon: z
    .strictObject({ amount: Money, threshold: z.number().nonnegative().max(MONEY_MAX).default(0), stock: PositiveCount, validSec: PositiveSeconds.default(120) })
    .optional(),
  /** 秒杀: price for durationSec, from its own stock. */
  flashSale: z.strictObject({ price: Money, stock: PositiveCount, durationSec: PositiveSeconds }).optional(),
  specs: z.array(z.strictObject({ name: Text, value: Text })).default([]),
  sellingPoints: z.array(SellingPoint).min(1),
  faqs: z.array(Faq).default([]),
  images: z.array(AssetPath).default([]),
});
export type Product = z.infer<typeof Product>;

const Bank = z.array(Text).default([]);

export const CommentBanks = z.strictObject({
  question: z.partialRecord(z.enum(QUESTION_TOPICS), z.array(Text)).default({}),
  objection: Bank,
  praise: Bank,
  troll: Bank,
  spam: Bank,
  bait: Bank,
  complaint: Bank,
  intent: Bank,
});
export type CommentBanks = z.infer<typeof CommentBanks>;

/** Relative weights: only their ratios matter, so 1000 to 1 is the finest mix anyone needs. */
const Weight = z.number().nonnegative().max(1000).default(0);
export const KindWeights = z.strictObject({
  question: Weight,
  objection: Weight,
  praise: Weight,
  troll: Weight,
  spam: Weight,
  bait: Weight,
  complaint: Weight,
  intent: Weight,
});
export type KindWeights = z.infer<typeof KindWeights>;

const Sens = z.number().min(0).max(3).default(1);
/** Multipliers (default 1) on the model's reactions; MODEL.md documents what each scales. */
export const Sensitivity = z.strictObject({ deadAir: Sens, unanswered: Sens, abuse: Sens, faults: Sens, offers: Sens });
export type Sensitivity = z.infer<typeof Sensitivity>;

export const Audience = z.strictObject({
  seed: z.number().int().nonnegative().max(0xffffffff),
  /** Number online with platform traffic alone (the model's steady state; a well-run room does better). */
  baseViewers: z.number().int().positive().max(1_000_000),
  /** Online at the start; defaults to 30 % of baseViewers. */
  startViewers: z.number().int().nonnegative().max(COUNT_MAX).optional(),
  /** Average time a viewer stays, which sets both leaving and arrival rates. */
  meanStaySec: PositiveSeconds.default(180),
  /** Comments a minute at baseViewers (at most 200 a second, the load the live room is built for). */
  commentsPerMin: z.number().positive().max(12_000),
  /** Orders per viewer per minute with the product pinned and nothing else going on. */
  buyPerViewerMin: z.number().positive().max(1).default(0.002),
  /** Default reply window for generated comments that expect an answer. */
  replyWithinSec: PositiveSeconds.default(60),
  /** trainee: the trainee is the anchor (talk time, dead air count); simulated: the trainee supports a simulated anchor (平台管理员). */
  host: z.enum(['trainee', 'simulated']).default('trainee'),
  sensitivity: Sensitivity.default({ deadAir: 1, unanswered: 1, abuse: 1, faults: 1, offers: 1 }),
  kindWeights: KindWeights,
  comments: CommentBanks,
  /** Extra viewer nicknames, mixed into the generated ones. */
  names: z.array(Text).default([]),
});
export type Audience = z.infer<typeof Audience>;

const EventBase = { at: Seconds, id: Id.optional(), note: Text.optional() };

export const CommentEvent = z.strictObject({
  ...EventBase,
  type: z.literal('comment'),
  kind: z.enum(COMMENT_KINDS),
  topic: z.enum(QUESTION_TOPICS).optional(),
  text: Text,
  user: Text.optional(),
  product: Id.optional(),
  /** Expects an answer within this many seconds (reply-kind comments default to audience.replyWithinSec). */
  replyWithinSec: PositiveSeconds.optional(),
});
export const FlashSaleCueEvent = z.strictObject({ ...EventBase, type: z.literal('flash_sale_cue'), product: Id, withinSec: PositiveSeconds.default(30) });
export const FaultEvent = z.strictObject({
  ...EventBase,
  type: z.literal('fault'),
  fault: FaultKind,
  /** The fault clears by itself after this long if the trainee has not fixed it (default: it stays). */
  maxSec: PositiveSeconds.optional(),
});
/** The platform pushes traffic: `viewers` arrive over the next 10 s. */
export const SurgeEvent = z.strictObject({ ...EventBase, type: z.literal('surge'), viewers: z.number().int().positive().max(1_000_000) });

export const ScriptedEvent = z.discriminatedUnion('type', [CommentEvent, FlashSaleCueEvent, FaultEvent, SurgeEvent], {
  error: '事件类型应为 comment、flash_sale_cue、fault 或 surge (expected type: comment | flash_sale_cue | fault | surge)',
});
export type ScriptedEvent = z.infer<typeof ScriptedEvent>;

export const RubricItem = z.strictObject({
  id: Id,
  skills: z.array(SkillCode).min(1),
  points: z.number().int().positive().max(100),
  title: Localized,
  /** What the assessor looks for, in Chinese. */
  criteria: z.array(Text).min(1),
  /** Automatic metrics shown beside this item as evidence. */
  metrics: z.array(MetricId).default([]),
});
export type RubricItem = z.infer<typeof RubricItem>;

/** Fields every task kind has: what the task is, who it is for, how long it takes, which skills it claims. */
export const TaskBase = {
  id: Id,
  title: Localized,
  /** The task as the trainee reads it before starting. */
  brief: Localized,
  workTypes: z.array(WorkTypeCode).min(1),
  level: Level,
  durationSec: z.number().int().min(60).max(EXAM_MAX_SEC),
  /** A short practice variant (not an exam task). */
  practice: z.boolean().default(false),
  skills: z.array(SkillCode).min(1),
};

/** Longest line of the simulated host: one caption under the drawn host, read in a few seconds. */
export const HOST_LINE_MAX = 80;

/**
 * One line of the simulated host's talk track (平台管理员 tasks): said from `at` until the next
 * line (or for a few seconds at the end). `product`: the product the host is explaining then (the
 * administrator should have it 讲解中). A line may break the rules on purpose (“全网最低价”): the
 * administrator is to warn the host, and the engine notes whether a warning followed one.
 */
export const HostLine = z.strictObject({
  at: Seconds,
  text: Text.refine((x) => x.length <= HOST_LINE_MAX, { error: `主播台词最多 ${HOST_LINE_MAX} 个字 (a host line is at most ${HOST_LINE_MAX} characters)` }),
  product: Id.optional(),
});
export type HostLine = z.infer<typeof HostLine>;

/** The simulated host of a task whose trainee is the platform administrator (audience.host: simulated). */
export const SimulatedHost = z.strictObject({
  /** 主播昵称, shown on the drawn host. */
  name: Text,
  lines: z.array(HostLine).min(1),
});
export type SimulatedHost = z.infer<typeof SimulatedHost>;

/** The live room (直播间): products, a simulated audience, scripted events, a rubric citing automatic metrics. */
export const LiveRoomScenario = z.strictObject({
  /** A file without `kind` is a live-room task (the loader fills it in, so first-wave files keep their hash). */
  kind: z.literal('live_room'),
  ...TaskBase,
  products: z.array(Product).min(1),
  audience: Audience,
  events: z.array(ScriptedEvent).default([]),
  /** The simulated host and its talk track: required when audience.host is simulated, refused otherwise. */
  host: SimulatedHost.optional(),
  rubric: z.array(RubricItem).min(1),
});
export type LiveRoomScenario = z.infer<typeof LiveRoomScenario>;
/** A live-room scenario as written in a file, before defaults are filled in. */
export type ScenarioInput = z.input<typeof LiveRoomScenario>;
