// electron-builder.yml: the fuses, the three installer targets, and an output folder that does
// not collide with what Vite (build/renderer) and esbuild (build/electron) write.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const root = fileURLToPath(new URL('../../', import.meta.url));

const Target = z.union([z.string(), z.object({ target: z.string(), arch: z.array(z.string()).optional() })]);
const Platform = z.object({ target: z.union([z.string(), z.array(Target)]) }).loose();
const Config = z
  .object({
    appId: z.string().min(3),
    productName: z.string(),
    asar: z.boolean().optional(),
    directories: z.object({ output: z.string(), buildResources: z.string().optional() }),
    files: z.array(z.string()),
    electronFuses: z.record(z.string(), z.boolean()),
    win: Platform,
    mac: Platform.extend({ extendInfo: z.record(z.string(), z.string()).optional() }),
    linux: Platform,
  })
  .loose();

const config = Config.parse(parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')));
const packageJson = z.object({ main: z.string() }).loose().parse(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')));

function targets(platform: z.infer<typeof Platform>): string[] {
  const list = typeof platform.target === 'string' ? [platform.target] : platform.target;
  return list.map((target) => (typeof target === 'string' ? target : target.target));
}

/** True when a and b are the same folder or one contains the other. */
function overlaps(a: string, b: string): boolean {
  const inside = (outer: string, inner: string) => {
    const rel = relative(resolve(root, outer), resolve(root, inner));
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  return inside(a, b) || inside(b, a);
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.productName).toBe('LiveDrill');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('sets the fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar and asar integrity need an asar.
    expect(config.asar ?? true).toBe(true);
  });

  it('builds Windows NSIS, macOS dmg and Linux AppImage', () => {
    expect(targets(config.win)).toEqual(['nsis']);
    expect(targets(config.mac)).toEqual(['dmg']);
    expect(targets(config.linux)).toEqual(['AppImage']);
  });

  it('writes installers where no build step writes', () => {
    const output = config.directories.output;
    for (const folder of ['build/renderer', 'build/electron', 'build', 'node_modules', 'electron', 'renderer', 'scenarios', 'assets']) {
      expect(overlaps(output, folder), `${output} vs ${folder}`).toBe(false);
    }
    expect(resolve(root, output)).not.toBe(resolve(root));
    // electron-builder leaves buildResources out of the app; it defaults to "build", where our bundles are.
    expect(config.directories.buildResources).toBeDefined();
    expect(overlaps(config.directories.buildResources ?? 'build', 'build')).toBe(false);
  });

  it('packs the bundles, the renderer and the package.json main points into them', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json']));
    expect(config.files.some((pattern) => pattern.startsWith('build/electron'))).toBe(true);
    expect(config.files.some((pattern) => pattern.startsWith('build/renderer'))).toBe(true);
    expect(packageJson.main).toBe('build/electron/main.cjs');
    expect(config.files.some((pattern) => pattern.startsWith(`!${config.directories.output}`) || pattern.startsWith(config.directories.output))).toBe(false);
  });

  it('tells macOS why it asks for the camera and the microphone', () => {
    expect(config.mac.extendInfo?.NSCameraUsageDescription).toBeTruthy();
    expect(config.mac.extendInfo?.NSMicrophoneUsageDescription).toBeTruthy();
  });
});
