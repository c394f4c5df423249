// Types of the session engine: its state (plain JSON: no Maps, no undefined, no Infinity), the
// inputs it takes and the effects it returns. Times are milliseconds of session time (0 = the
// live starts); money is in fen (分, integer) so sums are exact.
import type { CommentKind, QuestionTopic, LiveRoomScenario } from '../format/schema.ts';
import type { BannedCategoryId, BannedSeverity } from '../compliance/index.ts';
import type { FaultImpact, SessionFaultKind } from './remedies.ts';

// ---------------------------------------------------------------- inputs

export type TextField = 'title' | 'script' | 'notice';
export const HOST_PROMPT_TOPICS = ['data', 'compliance', 'question'] as const;
/** data: live figures (3:6.2.3 提供产品实时数据) · compliance: a warning about what the host said · question: a viewer's question passed on. */
export type HostPromptTopic = (typeof HOST_PROMPT_TOPICS)[number];
export type ObsDrillInputStatus = 'active' | 'detected' | 'recovered' | 'restored' | 'failed';

/** Everything that can happen to a session. Every input carries its session time `t` (ms). */
export type Input =
  /** Time passes. The UI sends one every ~100 ms; any rate gives the same result. */
  | { type: 'tick'; t: number }
  // trainee actions
  /** Voice answer: marks a question answered while the anchor speaks; without commentId, the oldest open one. */
  | { type: 'mark_answered'; t: number; commentId?: string | null }
  | { type: 'reply'; t: number; commentId: string; text: string }
  | { type: 'reply_faq'; t: number; commentId: string; faqId: string }
  | { type: 'add_faq'; t: number; question: string; answer: string; topic: QuestionTopic; productId?: string | null }
  | { type: 'pin_comment'; t: number; commentId: string }
  | { type: 'unpin_comment'; t: number }
  | { type: 'mute_user'; t: number; commentId: string; durationSec: number }
  | { type: 'unmute_user'; t: number; userId: string }
  | { type: 'block_keyword'; t: number; keyword: string }
  | { type: 'unblock_keyword'; t: number; keyword: string }
  | { type: 'pin_product'; t: number; productId: string }
  | { type: 'unpin_product'; t: number }
  | { type: 'push_coupon'; t: number; productId: string }
  | { type: 'start_flash_sale'; t: number; productId: string }
  | { type: 'ack_fault'; t: number; faultId: string; remedy: string; note?: string | null }
  | { type: 'cover_selling_point'; t: number; productId: string; pointId: string }
  | { type: 'set_text'; t: number; field: TextField; text: string }
  /** 删除评论: the administrator removes one comment from the room. */
  | { type: 'delete_comment'; t: number; commentId: string }
  /** 提醒主播: the administrator passes the simulated host live figures, a compliance warning or a viewer's question. */
  | { type: 'prompt_host'; t: number; topic: HostPromptTopic; commentId?: string | null }
  /** Ends the live: by the trainee (the default) or by the sitting's round clock at an exam station. */
  | { type: 'end'; t: number; by?: 'trainee' | 'exam_clock' }
  // devices (renderer/src/media)
  /** Mic voice-activity level 0..1, ~10 samples a second. */
  | { type: 'voice'; t: number; level: number }
  | { type: 'camera'; t: number; available: boolean }
  // OBS bridge: the drill started for a fault (fault_started effect with source 'obs') changed status
  | { type: 'obs_drill'; t: number; faultId: string; status: ObsDrillInputStatus; drillId?: string | null };

export type InputType = Input['type'];

// ---------------------------------------------------------------- records kept in the state

export type ViewerArrivalReason = 'platform' | 'answers' | 'pinned_product' | 'coupon' | 'flash_sale' | 'surge';
export type ViewerLeaveReason = 'natural' | 'dead_air' | 'unanswered' | 'abuse_visible' | 'muted_wrongly' | 'stream_down' | 'no_sound' | 'no_picture';
export type ViewerReason = ViewerArrivalReason | ViewerLeaveReason;

export interface Comment {
  id: string;
  t: number;
  kind: CommentKind;
  topic: QuestionTopic | null;
  text: string;
  userId: string;
  user: string;
  productId: string | null;
  scripted: boolean;
  /** A reaction to a fault (没声音了？). */
  reaction: boolean;
  /** Reply deadline (ms) for comments that expect an answer; null otherwise. */
  replyBy: number | null;
}

export type AnswerVia = 'voice' | 'typed' | 'faq';

/** A comment that expects an answer (question, objection, bait, complaint, intent). */
export interface Thread {
  commentId: string;
  t: number;
  kind: CommentKind;
  topic: QuestionTopic | null;
  text: string;
  user: string;
  userId: string;
  productId: string | null;
  scripted: boolean;
  deadline: number;
  answeredAt: number | null;
  via: AnswerVia | null;
  faqId: string | null;
  replyText: string | null;
  /** Answered by the answer to this other comment (same question topic). */
  answeredWith: string | null;
  /** Banned words in the typed reply. */
  bannedHits: number;
  expired: boolean;
}

/** A troll or spam comment and whether moderation dealt with it. */
export interface AbuseRecord {
  commentId: string;
  t: number;
  kind: CommentKind;
  userId: string;
  user: string;
  text: string;
  /** Never shown: the author was muted or a keyword blocked it on arrival. */
  prevented: boolean;
  handledAt: number | null;
  handledBy: 'mute' | 'keyword' | 'delete' | null;
}

export interface MuteRecord {
  t: number;
  userId: string;
  user: string;
  commentId: string;
  kind: CommentKind;
  until: number;
  /** The muted viewer was a legitimate one (muted by mistake). */
  legit: boolean;
}

export interface KeywordRecord {
  t: number;
  keyword: string;
  removedAt: number | null;
  hiddenAbuse: number;
  hiddenLegit: number;
}

export interface Order {
  id: string;
  t: number;
  productId: string;
  qty: number;
  /** Unit price paid before the coupon, fen. */
  unitPrice: number;
  /** Total paid, fen. */
  paid: number;
  coupon: boolean;
  flash: boolean;
  userId: string;
  user: string;
  /** pinned: the 讲解中 product · bag: from the shopping bag · intent: an answered (or not) 怎么拍 · flash: flash sale. */
  via: 'pinned' | 'bag' | 'intent' | 'flash';
}

export interface ProductState {
  id: string;
  stock: number;
  couponStock: number;
  flashStock: number;
  soldOutAt: number | null;
}

export interface RemedyRecord {
  t: number;
  remedy: string;
  correct: boolean;
  note: string | null;
}

export type FaultEndedBy = 'remedy' | 'obs' | 'device' | 'auto' | 'restored' | 'session_end';

export interface FaultRecord {
  id: string;
  /** The UI names it with engine.fault.<kind>.title. */
  kind: SessionFaultKind;
  impact: FaultImpact;
  /** app: simulated in the app · obs: a drill in OBS · device: the real camera was lost. */
  source: 'app' | 'obs' | 'device';
  eventId: string | null;
  startedAt: number;
  detectedAt: number | null;
  recoveredAt: number | null;
  endedBy: FaultEndedBy | null;
  remedies: RemedyRecord[];
  /** A fixing remedy was chosen: the room is back at this time. */
  fixAt: number | null;
  /** Clears by itself at this time (scenario maxSec). */
  maxEndAt: number | null;
  drillId: string | null;
}

export interface BannedHitRecord {
  t: number;
  source: 'reply' | 'faq' | TextField;
  commentId: string | null;
  word: string;
  category: BannedCategoryId;
  categoryName: string;
  severity: BannedSeverity;
  rule: string;
  advice: string;
  /** The text around the hit. */
  excerpt: string;
}

export interface UserFaq {
  id: string;
  t: number;
  productId: string | null;
  topic: QuestionTopic;
  q: string;
  a: string;
}

export interface CueRecord {
  id: string;
  t: number;
  productId: string;
  withinSec: number;
  reactedAt: number | null;
}

export interface Stretch {
  start: number;
  end: number;
}

export interface MinuteStat {
  minute: number;
  viewersEnd: number;
  viewersPeak: number;
  arrivals: number;
  departures: number;
  comments: number;
  hidden: number;
  questions: number;
  answered: number;
  orders: number;
  units: number;
  /** fen */
  gmv: number;
}

export type MarkerKind =
  | 'cue'
  | 'fault_start'
  | 'fault_end'
  | 'coupon'
  | 'flash_sale_start'
  | 'flash_sale_end'
  | 'surge'
  | 'dead_air'
  | 'banned_word'
  | 'muted_wrongly'
  | 'sold_out'
  | 'end';

/**
 * Values a message's text is filled with. The engine says what happened as a code and params; the
 * text is the UI's (renderer/src/i18n, key engine.<…>.<code>), as the device check's findings do.
 */
export type MessageParams = Readonly<Record<string, string | number>>;

/** What a marker says: a finer code than its kind (a fault end recovered or not, a cue with a note). */
export type MarkerCode =
  | 'cue'
  | 'note'
  | 'fault_start'
  | 'fault_recovered'
  | 'fault_ended'
  | 'coupon'
  | 'flash_sale_start'
  | 'flash_sold_out'
  | 'flash_ended'
  | 'surge'
  | 'dead_air'
  | 'banned_word'
  | 'muted_wrongly'
  | 'sold_out'
  | 'time_up'
  | 'trainee_ended'
  | 'exam_clock_ended';
export type MarkerKey = `engine.marker.${MarkerCode}`;

export interface Marker {
  t: number;
  kind: MarkerKind;
  code: MarkerCode;
  /** i18n key of the text (engine.marker.<code>), interpolated with params. */
  key: MarkerKey;
  params: MessageParams;
}

/** Why an input could not be applied. */
export type RejectCode =
  | 'bad_time'
  | 'ended'
  | 'already_answered'
  | 'no_question'
  | 'unknown_comment'
  | 'comment_not_found'
  | 'not_recent'
  | 'bad_text'
  | 'bad_faq'
  | 'text_too_long'
  | 'unknown_faq'
  | 'bad_topic'
  | 'unknown_product'
  | 'bad_duration'
  | 'already_muted'
  | 'not_muted'
  | 'bad_keyword'
  | 'already_blocked'
  | 'not_blocked'
  | 'nothing_pinned'
  | 'no_product_pinned'
  | 'already_pinned'
  | 'no_coupon'
  | 'coupon_sold_out'
  | 'coupon_active'
  | 'no_flash_sale'
  | 'flash_sold_out'
  | 'flash_active'
  | 'fault_not_active'
  | 'unknown_remedy'
  | 'unknown_point'
  | 'already_covered'
  | 'bad_field'
  | 'unknown_fault'
  | 'already_deleted'
  | 'no_simulated_host'
  | 'bad_prompt';
export type RejectKey = `engine.reject.${RejectCode}`;

/** What an applied input did, for the action list (复盘, CSV). */
export type ActionCode =
  | 'answered_voice'
  | 'answered_faq'
  | 'answered_typed'
  | 'answered_voice_together'
  | 'answered_faq_together'
  | 'answered_typed_together'
  | 'faq_added'
  | 'muted'
  | 'unmuted'
  | 'keyword_blocked'
  | 'keyword_unblocked'
  | 'comment_pinned'
  | 'comment_unpinned'
  | 'product_pinned'
  | 'product_unpinned'
  | 'coupon_pushed'
  | 'flash_sale_started'
  | 'remedy_right'
  | 'remedy_wrong'
  | 'point_covered'
  | 'text_set'
  | 'camera_lost'
  | 'camera_back'
  | 'obs_drill'
  | 'comment_deleted'
  | 'comment_deleted_legit'
  | 'host_prompted_data'
  | 'host_prompted_compliance'
  | 'host_prompted_compliance_risky'
  | 'host_prompted_question'
  | 'ended';
export type ActionKey = `engine.action.${ActionCode}`;

export interface ActionRecord {
  t: number;
  type: InputType;
  /** Comment, product, fault or keyword the action was about. */
  target: string | null;
  /** engine.action.<code> when applied, engine.reject.<code> when not; interpolated with params. */
  key: ActionKey | RejectKey;
  params: MessageParams;
  ok: boolean;
}

export interface BankEntry {
  text: string;
  topic: QuestionTopic | null;
}

/** Why a live ended: its own duration, the trainee, or the exam room's round clock. */
export type EndReason = 'time_up' | 'trainee' | 'exam_clock';

/** The whole session. Plain JSON: `JSON.parse(JSON.stringify(state))` continues identically. */
export interface SessionState {
  version: 1;
  scenario: LiveRoomScenario;
  seed: number;
  /** OBS drills are injected into a connected OBS; otherwise OBS faults are simulated in the app. */
  obs: boolean;
  phase: 'live' | 'ended';
  endedAt: number | null;
  endReason: EndReason | null;
  /** Time of the latest input. */
  t: number;
  /** The simulation has run up to here (a multiple of MODEL.stepMs). */
  simT: number;
  rng: { content: number; flow: number; orders: number };
  counters: { comment: number; order: number; fault: number; faq: number };
  /** Scripted events in time order: index into scenario.events and the event's id. */
  schedule: { index: number; id: string }[];
  /** Position in `schedule` of the next scripted event. */
  nextEvent: number;

  viewers: number;
  peakViewers: number;
  /** Everyone who ever entered (startViewers + arrivals). */
  totalViewers: number;
  /** Σ viewers × ms, for the average. */
  viewerMs: number;
  arrivals: Record<ViewerArrivalReason, number>;
  departures: Record<ViewerLeaveReason, number>;
  wobble: number;
  buzz: number;
  surge: { perStep: number; stepsLeft: number } | null;
  recentExpired: number[];
  mutedWronglyUntil: number;

  banks: Record<CommentKind, BankEntry[]>;
  commentsShown: number;
  commentsHidden: number;
  byKind: Record<CommentKind, number>;
  recent: Comment[];
  threads: Thread[];
  /** Indices into threads of those not answered and not yet expired. */
  open: number[];
  abuse: AbuseRecord[];
  mutes: MuteRecord[];
  keywords: KeywordRecord[];
  /** Comments the administrator deleted; `legit`: an ordinary viewer's comment (deleted by mistake). */
  deleted: { t: number; commentId: string; userId: string; user: string; kind: CommentKind; legit: boolean }[];
  /** What the administrator passed to the simulated host; `risky`: a warning that followed a rule-breaking line. */
  hostPrompts: { t: number; topic: HostPromptTopic; commentId: string | null; risky: boolean; viewers: number; orders: number; gmv: number }[];
  pinnedComment: string | null;

  pinnedProduct: string | null;
  pinHistory: { t: number; productId: string | null }[];
  products: ProductState[];
  coupon: { productId: string; until: number } | null;
  couponPushes: { t: number; productId: string }[];
  flashSale: { productId: string; until: number } | null;
  flashSales: { t: number; productId: string; endedAt: number | null }[];
  cues: CueRecord[];
  covered: { t: number; productId: string; pointId: string }[];
  faqs: UserFaq[];
  faqUses: { t: number; faqId: string; commentId: string }[];
  texts: Record<TextField, string>;
  banned: BannedHitRecord[];

  faults: FaultRecord[];
  camera: boolean;

  voice: {
    samples: number;
    lastSampleAt: number | null;
    lastSpeaking: boolean;
    lastVoiceAt: number;
    talkMs: number;
    /** Silence before this does not count (the stream was down). */
    quietFloor: number;
    deadAirStart: number | null;
    deadAirs: Stretch[];
  };

  orders: Order[];
  buyers: Record<string, true>;
  gmv: number;
  units: number;

  minutes: MinuteStat[];
  minute: MinuteStat;
  markers: Marker[];
  actions: ActionRecord[];
}

// ---------------------------------------------------------------- effects

export interface ViewerChange {
  reason: ViewerReason;
  /** Positive for arrivals, negative for departures. */
  delta: number;
}

/** What the UI should show or do as a result of an input. Every effect carries its time `t`. */
export type Effect =
  | { type: 'comment'; t: number; comment: Comment }
  /** Not shown to viewers: the author is muted or a blocked keyword matched. */
  | { type: 'comment_hidden'; t: number; comment: Comment; reason: 'muted' | 'keyword'; keyword: string | null }
  | { type: 'question_expired'; t: number; commentId: string }
  /** `with`: answered together with that comment (one answer covers open questions of the same topic). */
  | { type: 'answered'; t: number; commentId: string; via: AnswerVia; latencyMs: number; onTime: boolean; with: string | null }
  | { type: 'viewers'; t: number; viewers: number; changes: ViewerChange[] }
  | { type: 'order'; t: number; order: Order }
  | { type: 'sold_out'; t: number; productId: string; what: 'stock' | 'coupon' | 'flash' }
  | { type: 'product_pinned'; t: number; productId: string | null }
  | { type: 'comment_pinned'; t: number; commentId: string | null }
  | { type: 'comment_deleted'; t: number; commentId: string; legit: boolean }
  | { type: 'host_prompted'; t: number; topic: HostPromptTopic; risky: boolean; viewers: number; orders: number; gmv: number; comment: string | null }
  /** `mistaken` is for the review, not for display during the live. */
  | { type: 'user_muted'; t: number; userId: string; user: string; until: number; mistaken: boolean }
  | { type: 'user_unmuted'; t: number; userId: string }
  | { type: 'keyword_blocked'; t: number; keyword: string }
  | { type: 'keyword_unblocked'; t: number; keyword: string }
  | { type: 'faq_added'; t: number; faq: UserFaq }
  | { type: 'coupon_started'; t: number; productId: string; until: number }
  | { type: 'coupon_ended'; t: number; productId: string }
  | { type: 'flash_sale_started'; t: number; productId: string; until: number; price: number; stock: number }
  | { type: 'flash_sale_ended'; t: number; productId: string; reason: 'time' | 'sold_out' }
  | { type: 'cue'; t: number; cue: CueRecord; note: string | null }
  | { type: 'surge'; t: number; viewers: number; note: string | null }
  | { type: 'fault_started'; t: number; fault: FaultRecord; note: string | null }
  /** An OBS drill could not be injected: the fault is now simulated in the app. */
  | { type: 'fault_simulated'; t: number; faultId: string }
  | { type: 'fault_remedy'; t: number; faultId: string; remedy: string; correct: boolean; fixAt: number | null }
  | { type: 'fault_ended'; t: number; fault: FaultRecord }
  | { type: 'selling_point_covered'; t: number; productId: string; pointId: string }
  | { type: 'text_set'; t: number; field: TextField }
  | { type: 'banned_words'; t: number; source: BannedHitRecord['source']; hits: BannedHitRecord[] }
  | { type: 'dead_air'; t: number; phase: 'start' | 'end'; since: number }
  | { type: 'minute'; t: number; stat: MinuteStat }
  | { type: 'session_ended'; t: number; reason: EndReason }
  /** The input could not be applied; the state did not change apart from time. */
  | { type: 'rejected'; t: number; input: InputType; code: RejectCode; key: RejectKey; params: MessageParams };

export type EffectType = Effect['type'];

export interface StepResult {
  state: SessionState;
  effects: Effect[];
}
