import { describe, expect, it } from 'vitest';
import { cli } from '../harness/cli.ts';

describe('livedrill obs', () => {
  it('is listed in --help', async () => {
    expect((await cli('--help')).out).toMatch(/obs check \[--url ws:\/\/127\.0\.0\.1:4455\] \[--password-file F\] \[--json\]/);
  });

  it('bad arguments exit 2 and name the problem', async () => {
    expect(await cli('obs')).toMatchObject({ code: 2 });
    expect((await cli('obs', 'fix')).err).toMatch(/unknown subcommand "fix"/);
    expect((await cli('obs', 'check', '--url', 'http://x')).err).toMatch(/ws:\/\//);
    expect((await cli('obs', 'check', '--password-file', '/nonexistent/pw')).err).toMatch(/读不到 \/nonexistent\/pw \(ENOENT\)/);
    expect((await cli('obs', 'check', '--bogus')).code).toBe(2);
  });
});
