// The station draw (抽签): candidates to stations (考位) by lot, seeded so the draw can be shown
// and repeated. More candidates than stations fill rounds (批次): round 1 takes stations 1..n,
// then round 2, and so on. The order of the input does not matter: candidates are sorted by id
// first, so the same seed and the same people always give the same plan.
import { below, type Rng } from '../engine/rng.ts';
import { issue, type ExamIssue } from './issue.ts';

export interface Seat {
  candidateId: string;
  station: number;
  round: number;
}

export interface DrawResult {
  seed: string;
  seats: Seat[];
  rounds: number;
}

/** FNV-1a of the seed text, the starting state of the draw's stream. */
export function seedState(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function drawIssues(candidates: number, stations: number, maxRounds: number): ExamIssue[] {
  if (candidates === 0) return [issue('draw.noCandidates')];
  if (stations < 1) return [issue('draw.noStations')];
  const rounds = Math.ceil(candidates / stations);
  return rounds > maxRounds ? [issue('draw.tooManyRounds', { candidates, stations, rounds, maxRounds })] : [];
}

/** Fisher–Yates over the sorted ids with mulberry32 seeded from the seed text. */
export function drawStations(candidateIds: readonly string[], stations: number, seed: string): DrawResult {
  if (!Number.isInteger(stations) || stations < 1) throw new RangeError(`stations must be a positive integer, got ${stations}`);
  const ids = [...new Set(candidateIds)].sort();
  const rng: Rng = { s: seedState(seed) };
  for (let i = ids.length - 1; i > 0; i--) {
    const j = below(rng, i + 1);
    const t = ids[i] as string;
    ids[i] = ids[j] as string;
    ids[j] = t;
  }
  const seats = ids.map((candidateId, i) => ({ candidateId, station: (i % stations) + 1, round: Math.floor(i / stations) + 1 }));
  seats.sort((a, b) => a.round - b.round || a.station - b.station);
  return { seed, seats, rounds: Math.ceil(ids.length / stations) };
}
