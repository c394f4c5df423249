// What the centre knows about its stations while they work: each station's last tile (status)
// and the marks assessors put on stations. Tiles live in memory (a restarted centre hears from
// every station within seconds); marks are kept in <data>/centre/marks.jsonl, one JSON line each,
// until the station has taken them into its own log, so a restart loses none.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AssessorMark, type StationStatus } from '../../../scenarios/centre/media.ts';

export interface StationTile {
  station: { deviceId: string; name: string };
  status: StationStatus;
  seenAt: string;
}

export interface LiveBoard {
  report(station: { deviceId: string; name: string }, status: StationStatus): void;
  tiles(sitting: string): StationTile[];
  tileOf(station: string): StationTile | null;
  mark(mark: Omit<AssessorMark, 'at' | 'seq'>): Promise<AssessorMark>;
  /** A station's marks after the last one it has (by seq). */
  marksFor(station: string, after: number): AssessorMark[];
}

const marksFile = (dataDir: string) => join(dataDir, 'centre', 'marks.jsonl');

export async function openLiveBoard(dataDir: string, now: () => Date = () => new Date()): Promise<LiveBoard> {
  const tiles = new Map<string, StationTile>();
  const marks: AssessorMark[] = [];
  const text = await readFile(marksFile(dataDir), 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    // A torn last line (a crash mid-append) is skipped; every whole line before it is kept.
    try {
      marks.push(AssessorMark.parse(JSON.parse(line)));
    } catch {
      // Not a whole mark: skipped.
    }
  }
  let seq = marks.reduce((top, m) => Math.max(top, m.seq), 0);
  await mkdir(join(dataDir, 'centre'), { recursive: true });
  // After a torn line the next mark starts on a line of its own.
  let lead = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  let writes = Promise.resolve();
  return {
    report(station, status) {
      tiles.set(station.deviceId, { station, status, seenAt: now().toISOString() });
    },
    tiles: (sitting) => [...tiles.values()].filter((t) => t.status.sitting === sitting).sort((a, b) => a.station.name.localeCompare(b.station.name, 'zh-CN')),
    tileOf: (station) => tiles.get(station) ?? null,
    async mark(input) {
      seq += 1;
      const mark = AssessorMark.parse({ ...input, seq, at: now().toISOString() });
      const line = `${lead}${JSON.stringify(mark)}\n`;
      lead = '';
      // Appends in order; each line is whole or (after a crash) skipped on the next start.
      writes = writes.catch(() => undefined).then(() => appendFile(marksFile(dataDir), line, { mode: 0o600 }));
      await writes;
      marks.push(mark);
      return mark;
    },
    marksFor: (station, after) => marks.filter((m) => m.station === station && m.seq > after),
  };
}
