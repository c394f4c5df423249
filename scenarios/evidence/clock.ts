// One clock for the session: session time 0 is the recorder's start, on the renderer's clock.
// The Node side measures the offset between its clock and the renderer's the way NTP does
// (four timestamps of one request/response) at the start and every minute, and maps its own
// times onto the media timeline with the sample nearest in time.

export interface ClockSample {
  /** Renderer clock when the request left. */
  rendererSentAt: number;
  /** Node clock when it arrived. */
  nodeReceivedAt: number;
  /** Node clock when the answer left. */
  nodeSentAt: number;
  /** Renderer clock when the answer arrived. */
  rendererReceivedAt: number;
}

export interface ClockOffset {
  /** node = renderer + offsetMs. */
  offsetMs: number;
  /** Round trip without the Node side's own processing time. */
  rttMs: number;
}

/** NTP's offset θ = ((t1 − t0) + (t2 − t3)) / 2 and delay δ = (t3 − t0) − (t2 − t1). */
export function clockOffset(s: ClockSample): ClockOffset {
  const offsetMs = (s.nodeReceivedAt - s.rendererSentAt + (s.nodeSentAt - s.rendererReceivedAt)) / 2;
  const rttMs = s.rendererReceivedAt - s.rendererSentAt - (s.nodeSentAt - s.nodeReceivedAt);
  return { offsetMs, rttMs };
}

/** The error bound of one sample: the true offset lies within ± rtt/2 of the estimate. */
export function offsetUncertaintyMs(o: ClockOffset): number {
  return Math.max(0, o.rttMs) / 2;
}

export interface TimedOffset extends ClockOffset {
  /** Node clock of the sample (its midpoint). */
  at: number;
}

/** The sample to use for a Node time: the nearest in time (offsets drift slowly; the nearest
 *  one minute away is within the drift of a crystal, well under a frame). */
export function offsetAt(offsets: readonly TimedOffset[], nodeTime: number): TimedOffset | undefined {
  let best: TimedOffset | undefined;
  for (const o of offsets) if (!best || Math.abs(o.at - nodeTime) < Math.abs(best.at - nodeTime)) best = o;
  return best;
}

/** A Node-clock time on the media timeline (ms since the recorder's start). */
export function nodeToSessionTime(nodeTime: number, mediaStartedAt: number, offsets: readonly TimedOffset[]): number {
  const offset = offsetAt(offsets, nodeTime)?.offsetMs ?? 0;
  return nodeTime - offset - mediaStartedAt;
}

/** A renderer-clock time on the media timeline. */
export function rendererToSessionTime(rendererTime: number, mediaStartedAt: number): number {
  return rendererTime - mediaStartedAt;
}
