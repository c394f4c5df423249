// Reads scenario files from disk for the CLI and the services: the shipped library under
// scenarios/library/, or any files and folders a user names. Also the one place that knows
// whether an `assets/…` path exists (the format's image check is injected from here).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { YAML_LIMITS, type ScenarioIssue } from '../../../scenarios/format/index.ts';
import { LIBRARY_FILES, loadLibrary, type Library } from '../../../scenarios/library/index.ts';

/** The app's root folder (the repository in development, app.asar when packaged). */
export const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const LIBRARY_DIR = join(APP_ROOT, 'scenarios', 'library');
export const ASSETS_DIR = join(APP_ROOT, 'assets');

/** Resolves `assets/…` under the app root; null when it would leave assets/. */
export function assetFile(path: string, root = APP_ROOT): string | null {
  const full = resolve(root, path);
  return full.startsWith(join(root, 'assets') + sep) ? full : null;
}

export function assetExists(path: string, root = APP_ROOT): boolean {
  const file = assetFile(path, root);
  if (file === null) return false;
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export class ScenarioPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioPathError';
  }
}

/** The YAML files named by `paths` (a folder gives its *.yaml / *.yml files, sorted). */
export function scenarioFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new ScenarioPathError(`找不到 ${p} (no such file or directory)`);
    }
    if (stat.isDirectory()) {
      const files = readdirSync(p)
        .filter((f) => ['.yaml', '.yml'].includes(extname(f)))
        .sort();
      if (files.length === 0) throw new ScenarioPathError(`${p} 中没有 .yaml 场景文件 (no scenario files in the folder)`);
      out.push(...files.map((f) => join(p, f)));
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Loads and checks the named files (images checked against the app's assets/). A file too large
 *  to be a task is reported (located at its first line) without being read, and the run goes on. */
export function loadFiles(paths: readonly string[]): Library {
  const names = scenarioFiles(paths);
  const oversize = new Map<string, ScenarioIssue>();
  const files: { file: string; text: string }[] = [];
  for (const file of names) {
    try {
      const size = statSync(file).size;
      if (size > YAML_LIMITS.maxChars) {
        oversize.set(file, { file, line: 1, column: 1, path: '(yaml)', message: `文件过大：${Math.ceil(size / 1024)} KB，上限 ${YAML_LIMITS.maxChars / 1024} KB (file too large)` });
        continue;
      }
      files.push({ file, text: readFileSync(file, 'utf8') });
    } catch (error) {
      throw new ScenarioPathError(`无法读取 ${file} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const lib = loadLibrary(files, { assetExists: (p) => assetExists(p) });
  if (oversize.size === 0) return lib;
  const order = new Map(names.map((f, i) => [f, i]));
  const errors = [...lib.errors, ...oversize.values()].sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  return { scenarios: lib.scenarios, errors };
}

/** The library shipped with the app, by its manifest; file names are relative to the library folder. */
export function loadShippedLibrary(dir = LIBRARY_DIR): Library {
  const files = LIBRARY_FILES.map((name) => ({ file: name, text: readFileSync(join(dir, basename(name)), 'utf8') }));
  return loadLibrary(files, { assetExists: (p) => assetExists(p) });
}
