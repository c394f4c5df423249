// Where the desktop app keeps its data: LIVEDRILL_DATA_DIR if set, else <userData>/data.
import { join } from 'node:path';

export function electronDataDir(userData: string, env: Readonly<Record<string, string | undefined>>): string {
  const override = env.LIVEDRILL_DATA_DIR;
  return override !== undefined && override !== '' ? override : join(userData, 'data');
}
