// The committed sample package (recorded by the e2e test, scripts/make-evidence-fixture.ts)
// still verifies: the on-disk format stays readable by the code that reads it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evidenceCommand } from '../../electron/cli/evidence.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';

const SAMPLE = fileURLToPath(new URL('../fixtures/evidence/sample/', import.meta.url));

describe('committed sample package', () => {
  it('verifies, every logged chunk included', async () => {
    const report = await verifyPackage(SAMPLE, { deep: true });
    expect(report.findings).toEqual([]);
    expect(report.status).toBe('complete');
    expect(report.durationMs).toBeGreaterThan(3000);
  });
  it('the CLI says so with exit 0', async () => {
    const out: string[] = [];
    expect(await evidenceCommand(['verify', SAMPLE], { out: (t) => out.push(t), err: (t) => out.push(t) })).toBe(0);
    expect(out.join('\n')).toContain('VALID');
  });
});
