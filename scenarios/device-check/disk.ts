// Disk maths: how many bytes a task's recording needs, and how long the free space lasts.

/** Bytes a recording of `minutes` at `kbps` (kilobits per second, 1000 bits) needs, times `margin`. */
export function recordingNeedBytes(kbps: number, minutes: number, margin: number): number {
  if (kbps < 0 || minutes < 0 || margin < 1) throw new Error(`recordingNeedBytes: bad figures (kbps ${kbps}, minutes ${minutes}, margin ${margin}; margin must be ≥ 1)`);
  return Math.ceil(((kbps * 1000) / 8) * minutes * 60 * margin);
}

/** Minutes of recording at `kbps` that `freeBytes` hold (no margin). */
export function recordableMinutes(freeBytes: number, kbps: number): number {
  if (kbps <= 0) return Number.POSITIVE_INFINITY;
  return freeBytes / ((kbps * 1000) / 8) / 60;
}

/** Bytes as the screen shows them: GB/MB with one decimal (1 GB = 10^9 bytes, as disks are sold). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} KB`;
}
