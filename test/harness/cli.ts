// Runs the real CLI entry (electron/cli/main.ts) in-process and captures what it prints.
import { run } from '../../electron/cli/main.ts';
import type { CliIO } from '../../electron/cli/usage.ts';

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const code = await run(argv, io);
  return { code, out, err };
}
