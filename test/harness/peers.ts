// A suite whose real peer (Chromium, OBS, nginx…) is missing is skipped with a visible line;
// with LIVEDRILL_REQUIRE_ALL=1 (as in .ci/run) the missing peer fails the run instead.
export function requirePeer(peer: string, missingReason: string | null): boolean {
  if (missingReason === null) return true;
  const line = `SKIP ${peer}: ${missingReason}`;
  if (process.env.LIVEDRILL_REQUIRE_ALL === '1') {
    throw new Error(`${line} (LIVEDRILL_REQUIRE_ALL=1: a missing peer fails the run)`);
  }
  process.stderr.write(`\n*** ${line} ***\n`);
  return false;
}
