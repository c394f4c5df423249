// The audience and conversion model's coefficients, in one place. MODEL.md explains each formula;
// keep the two in step. Rates are per second; "× base leave" means a multiple of 1 / meanStaySec,
// "× base arrival" a multiple of baseViewers / meanStaySec. Only + − × ÷ and floor are used on
// them, so results are bit-identical on every JavaScript engine.
export const MODEL = {
  /** The simulation advances in fixed steps whatever the tick rate, so 100 ms and 1 s ticks agree. */
  stepMs: 200,
  /** Share of baseViewers online at the start when the scenario does not say. */
  startShare: 0.3,

  // ---- voice
  /** A mic sample at or above this level (0..1) counts as speech. */
  voiceThreshold: 0.05,
  /** Talk time between two samples is capped, so a lost stream of samples does not count as talk. */
  talkGapCapMs: 1000,
  /** Silence this long is dead air. */
  deadAirAfterMs: 5000,
  /** Dead-air leaving ramps up to full strength over this much more silence. */
  deadAirRampMs: 10000,

  // ---- leaving (× base leave rate)
  deadAirLeave: 3,
  /** Per question that expired unanswered in the last window (at most unansweredCap of them). */
  unansweredLeave: 0.1,
  unansweredCap: 4,
  unansweredWindowMs: 60000,
  /** The asker of an expired question leaves with this probability. */
  askerLeaves: 0.5,
  /** Per troll/spam comment on screen and not handled in the last window (at most abuseCap). */
  abuseLeave: 0.15,
  abuseCap: 6,
  abuseWindowMs: 30000,
  /** For a while after muting a legitimate viewer (their friends see it). */
  mutedWronglyLeave: 0.5,
  mutedWronglyMs: 30000,
  streamDownLeave: 4,
  noSoundLeave: 3,
  noPictureLeave: 2.5,
  /** mic_volume_low is half as bad as a muted mic. */
  micLowFactor: 0.5,

  // ---- arriving (× base arrival rate)
  /** Platform traffic wobbles between these multipliers, re-drawn every wobbleEveryMs. */
  wobbleMin: 0.8,
  wobbleMax: 1.2,
  wobbleEveryMs: 30000,
  /** Buzz: +1 per question answered in time, decays 1 % a step (about 5 % a second), at most buzzCap. */
  buzzPerAnswer: 1,
  buzzDecayPerStep: 0.99,
  buzzCap: 5,
  answersArrive: 0.06,
  pinnedArrive: 0.1,
  couponArrive: 0.3,
  flashArrive: 0.6,
  /** A scripted surge arrives over this long. */
  surgeMs: 10000,

  // ---- comments
  /** Extra comments while a coupon or flash sale is on. */
  commentOfferBoost: 0.5,
  commentBuzzBoost: 0.04,
  commentStreamDown: 0.5,
  /** While viewers cannot hear or see the anchor, this share of comments are reactions (没声音了？). */
  reactionShare: 0.4,
  /** Intent comments are 1.5× as likely with a pinned product and 0.5× without. */
  intentPinned: 1.5,
  intentUnpinned: 0.5,
  intentOffer: 1.5,
  /** Legitimate commenters are drawn from a pool of max(50, 3 × baseViewers). */
  legitPoolFactor: 3,
  /** The room keeps this many recent comments for pin / mute look-ups. */
  recentComments: 100,
  /** A troll or spam comment counts as handled when its author is muted or a keyword blocks it within this long. */
  handleWindowMs: 60000,

  // ---- orders (multipliers on buyPerViewerMin)
  unpinnedFactor: 0.3,
  pointBonus: 0.1,
  pointBonusCap: 0.5,
  couponBonus: 0.4,
  flashFactor: 3,
  trustPerBuzz: 0.06,
  unansweredPenalty: 0.08,
  deadAirFactor: 0.6,
  degradedFactor: 0.5,
  /** An intent comment answered in time turns into an order with this probability; unanswered, with the other. */
  intentAnsweredBuy: 0.5,
  intentExpiredBuy: 0.15,
  twoUnitsShare: 0.2,
  maxOrdersPerStep: 20,
  maxCommentsPerStep: 60,
} as const;
