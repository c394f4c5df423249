// Is an OBS process running on this machine? Only asked when a loopback URL refuses the
// connection, to tell "OBS is not open" from "OBS is open but its WebSocket server is off".
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export function obsProcessRunning(platform: NodeJS.Platform = process.platform): boolean | null {
  try {
    if (platform === 'linux') {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'obs') return true;
        } catch {
          // the process ended while we looked
        }
      }
      return false;
    }
    if (platform === 'win32') {
      const out = spawnSync('tasklist', ['/FI', 'IMAGENAME eq obs64.exe', '/NH'], { encoding: 'utf8', timeout: 2000, windowsHide: true });
      return out.status === 0 ? /obs64\.exe/i.test(out.stdout) : null;
    }
    if (platform === 'darwin') {
      const out = spawnSync('pgrep', ['-x', 'OBS'], { encoding: 'utf8', timeout: 2000 });
      return out.status === 0 ? true : out.status === 1 ? false : null;
    }
  } catch {
    // unknown: the error message then covers both causes
  }
  return null;
}
