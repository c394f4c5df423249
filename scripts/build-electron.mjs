#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild:
//   electron/main/main.ts       → build/electron/main.cjs     (node22, CJS, external: electron)
//   electron/preload/preload.ts → build/electron/preload.cjs  (sandboxed: ONE CJS file that
//                                                               requires only 'electron')
// The preload imports the contract for its method and event names only; here that import is
// replaced by the bare name lists (read from the real contract at build time), so no zod schema
// ends up in the preload. The build fails if the preload requires anything but 'electron'.
// Usage: node scripts/build-electron.mjs [--outdir DIR]
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  let outdir = join(root, 'build', 'electron');
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--outdir' && argv[i + 1] !== undefined) {
      outdir = resolve(argv[i + 1]);
      i += 1;
    } else {
      throw new Error(`build-electron: unknown argument "${argv[i]}" (usage: build-electron.mjs [--outdir DIR])`);
    }
  }
  return { outdir };
}

/** The contract's method and event names, read by bundling the contract and importing it. */
async function contractNames() {
  const result = await build({
    entryPoints: [join(root, 'electron/contract/index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('build-electron: bundling the contract produced nothing');
  const contract = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return { methodNames: [...contract.methodNames], eventNames: [...contract.eventNames] };
}

/** Preload only: `../contract/index.ts` becomes `export const methodNames = [...]; export const eventNames = [...]`. */
function contractNamesPlugin(names) {
  return {
    name: 'livedrill-contract-names',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /(^|\/)contract\/index(\.ts)?$/ }, (args) => ({ path: args.path, namespace: 'livedrill-contract-names' }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'livedrill-contract-names' }, () => ({
        contents: `export const methodNames = Object.freeze(${JSON.stringify(names.methodNames)});\nexport const eventNames = Object.freeze(${JSON.stringify(names.eventNames)});\n`,
        loader: 'js',
      }));
    },
  };
}

// In a CJS bundle import.meta is empty. Our sources use `new URL('../../x', import.meta.url)` to
// reach files of the app (package.json, …); give each source file its own URL as if it sat at the
// same place under the app root (the repo in development, app.asar when packaged). The bundle is
// build/electron/main.cjs, so the app root is two folders up.
const APP_ROOT_BANNER = 'var __livedrillAppRootUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", "..") + require("node:path").sep).href;';

const importMetaPlugin = {
  name: 'livedrill-import-meta-url',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const rel = relative(root, args.path).split(sep).join('/');
      const contents = source.replaceAll('import.meta.url', `(__livedrillAppRootUrl + ${JSON.stringify(rel)})`);
      if (contents.includes('import.meta')) {
        return { errors: [{ text: `${rel}: only import.meta.url is supported in the main-process bundle` }] };
      }
      return { contents, loader: 'ts' };
    });
  },
};

// ws (under obs-websocket-js) tries these optional native add-ons inside try/catch; without
// them it uses its JavaScript fallbacks, so they stay external and are never shipped.
const OPTIONAL_NATIVE = ['bufferutil', 'utf-8-validate'];

/** Every require("…") of a bundle. */
export function requiredModules(code) {
  return [...code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((match) => match[2]);
}

async function main() {
  const { outdir } = parseArgs(process.argv.slice(2));
  const names = await contractNames();
  const common = { bundle: true, format: 'cjs', external: ['electron'], logLevel: 'warning', sourcemap: false, metafile: true };

  const [mainResult, preloadResult] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'electron/main/main.ts')],
      outfile: join(outdir, 'main.cjs'),
      platform: 'node',
      target: 'node22',
      external: ['electron', ...OPTIONAL_NATIVE],
      banner: { js: APP_ROOT_BANNER },
      plugins: [importMetaPlugin],
    }),
    build({
      ...common,
      entryPoints: [join(root, 'electron/preload/preload.ts')],
      outfile: join(outdir, 'preload.cjs'),
      // A sandboxed preload has no Node: build it for the browser so a node:* import fails here.
      platform: 'browser',
      target: 'chrome130',
      plugins: [contractNamesPlugin(names)],
    }),
  ]);

  const preloadCode = await readFile(join(outdir, 'preload.cjs'), 'utf8');
  const foreign = requiredModules(preloadCode).filter((name) => name !== 'electron');
  const fromNodeModules = Object.keys(preloadResult.metafile.inputs).filter((input) => input.includes('node_modules'));
  if (foreign.length > 0 || fromNodeModules.length > 0) {
    throw new Error(`build-electron: the sandboxed preload must require only "electron"; it requires ${JSON.stringify(foreign)} and bundles ${JSON.stringify(fromNodeModules)}`);
  }
  const mainExternal = requiredModules(await readFile(join(outdir, 'main.cjs'), 'utf8')).filter(
    (name) => name !== 'electron' && !OPTIONAL_NATIVE.includes(name) && !name.startsWith('node:') && !isBuiltin(name),
  );
  if (mainExternal.length > 0) throw new Error(`build-electron: main.cjs requires non-bundled modules ${JSON.stringify(mainExternal)}`);

  const size = (result) => Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  console.log(
    `build-electron: ${relative(process.cwd(), join(outdir, 'main.cjs')) || 'main.cjs'} (${Math.round(size(mainResult) / 1024)} KiB), ` +
      `${relative(process.cwd(), join(outdir, 'preload.cjs'))} (${Math.round(size(preloadResult) / 1024)} KiB; ${names.methodNames.length} methods, ${names.eventNames.length} events)`,
  );
}

const builtins = new Set((await import('node:module')).builtinModules);
function isBuiltin(name) {
  return builtins.has(name);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
