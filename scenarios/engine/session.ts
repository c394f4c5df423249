// Creating a session from a validated scenario, and (de)serialising it.
import { COMMENT_KINDS, QUESTION_TOPICS, type CommentKind, type LiveRoomScenario } from '../format/schema.ts';
import { MODEL } from './model.ts';
import { mix } from './rng.ts';
import type { BankEntry, MinuteStat, SessionState, ViewerArrivalReason, ViewerLeaveReason } from './types.ts';

export interface SessionOptions {
  /** Defaults to the scenario's audience.seed: the same seed gives every candidate the same audience. */
  seed?: number;
  /** Whether OBS is connected: OBS faults become drills in OBS; otherwise they are simulated in the app. */
  obs?: boolean;
}

export const ARRIVAL_REASONS: readonly ViewerArrivalReason[] = ['platform', 'answers', 'pinned_product', 'coupon', 'flash_sale', 'surge'];
export const LEAVE_REASONS: readonly ViewerLeaveReason[] = ['natural', 'dead_air', 'unanswered', 'abuse_visible', 'muted_wrongly', 'stream_down', 'no_sound', 'no_picture'];

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function emptyMinute(minute: number, viewers: number): MinuteStat {
  return { minute, viewersEnd: viewers, viewersPeak: viewers, arrivals: 0, departures: 0, comments: 0, hidden: 0, questions: 0, answered: 0, orders: 0, units: 0, gmv: 0 };
}

function banks(s: LiveRoomScenario): Record<CommentKind, BankEntry[]> {
  const out = {} as Record<CommentKind, BankEntry[]>;
  for (const kind of COMMENT_KINDS) {
    out[kind] =
      kind === 'question'
        ? QUESTION_TOPICS.flatMap((topic) => (s.audience.comments.question[topic] ?? []).map((text) => ({ text, topic })))
        : s.audience.comments[kind].map((text) => ({ text, topic: null }));
  }
  return out;
}

/** Yuan (39.9) to fen (3990), exactly. */
export function fen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** A new live session at t = 0 for a scenario that loadScenario accepted. */
export function createSession(scenario: LiveRoomScenario, options: SessionOptions = {}): SessionState {
  const seed = (options.seed ?? scenario.audience.seed) >>> 0;
  const start = scenario.audience.startViewers ?? Math.round(scenario.audience.baseViewers * MODEL.startShare);
  return {
    version: 1,
    scenario,
    seed,
    obs: options.obs === true,
    phase: 'live',
    endedAt: null,
    endReason: null,
    t: 0,
    simT: 0,
    rng: { content: mix(seed, 1), flow: mix(seed, 2), orders: mix(seed, 3) },
    counters: { comment: 0, order: 0, fault: 0, faq: 0 },
    schedule: buildSchedule(scenario),
    nextEvent: 0,
    viewers: start,
    peakViewers: start,
    totalViewers: start,
    viewerMs: 0,
    arrivals: zeros(ARRIVAL_REASONS),
    departures: zeros(LEAVE_REASONS),
    wobble: 1,
    buzz: 0,
    surge: null,
    recentExpired: [],
    mutedWronglyUntil: 0,
    banks: banks(scenario),
    commentsShown: 0,
    commentsHidden: 0,
    byKind: zeros(COMMENT_KINDS),
    recent: [],
    threads: [],
    open: [],
    abuse: [],
    mutes: [],
    keywords: [],
    deleted: [],
    hostPrompts: [],
    pinnedComment: null,
    pinnedProduct: null,
    pinHistory: [],
    products: scenario.products.map((p) => ({ id: p.id, stock: p.stock, couponStock: p.coupon?.stock ?? 0, flashStock: p.flashSale?.stock ?? 0, soldOutAt: null })),
    coupon: null,
    couponPushes: [],
    flashSale: null,
    flashSales: [],
    cues: [],
    covered: [],
    faqs: [],
    faqUses: [],
    texts: { title: '', script: '', notice: '' },
    banned: [],
    faults: [],
    camera: true,
    voice: { samples: 0, lastSampleAt: null, lastSpeaking: false, lastVoiceAt: 0, talkMs: 0, quietFloor: 0, deadAirStart: null, deadAirs: [] },
    orders: [],
    buyers: {},
    gmv: 0,
    units: 0,
    minutes: [],
    minute: emptyMinute(0, start),
    markers: [],
    actions: [],
  };
}

/** Scripted events in time order (file order among equal times), with their ids. */
export function buildSchedule(scenario: LiveRoomScenario): { index: number; id: string }[] {
  return scenario.events
    .map((e, index) => ({ index, id: e.id ?? `event-${index + 1}`, at: e.at }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ index, id }) => ({ index, id }));
}

export function serialize(state: SessionState): string {
  return JSON.stringify(state);
}

export function deserialize(text: string): SessionState {
  const state = JSON.parse(text) as SessionState;
  if ((state as { version?: unknown }).version !== 1) throw new Error('不支持的会话状态版本 (unsupported session state version)');
  return state;
}
