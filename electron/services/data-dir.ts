// Where evidence and settings live when the caller does not say: the platform's usual place
// for application data (the same folder Electron's app.getPath('userData') would use).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.LIVEDRILL_DATA_DIR) return env.LIVEDRILL_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'LiveDrill');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'LiveDrill');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'livedrill');
}
