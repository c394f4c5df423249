// Proves each architecture boundary of DESIGN.md is a lint rule that fires: a violating file is
// written into the guarded folder for the duration of the test, linted with the project's own
// config, and removed.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const probes: string[] = [];

async function lintProbe(relativePath: string, source: string): Promise<string[]> {
  const file = join(root, relativePath);
  writeFileSync(file, source);
  probes.push(file);
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

afterEach(() => {
  for (const file of probes.splice(0)) rmSync(file, { force: true });
});

describe('architecture boundaries are enforced by lint', { timeout: 90_000 }, () => {
  it('scenarios/ may not import node:*', async () => {
    const messages = await lintProbe('scenarios/lint-probe-node.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(messages.join('\n')).toMatch(/Node built-ins are not allowed/);
  });

  it('scenarios/ may not import React, Electron or the other layers', async () => {
    const messages = await lintProbe(
      'scenarios/lint-probe-layers.ts',
      "import React from 'react';\nimport { app } from 'electron';\nimport { methods } from '../electron/contract/index.ts';\nexport const x = [React, app, methods];\n",
    );
    expect(messages).toHaveLength(3);
  });

  it('renderer/ may not import electron or node:*', async () => {
    const messages = await lintProbe(
      'renderer/src/lint-probe.ts',
      "import { ipcRenderer } from 'electron';\nimport { join } from 'node:path';\nexport const x = [ipcRenderer, join];\n",
    );
    expect(messages.join('\n')).toMatch(/Only electron\/main and electron\/preload may import 'electron'/);
    expect(messages.join('\n')).toMatch(/Node built-ins are not allowed/);
  });

  it('renderer/ reaches services only through the bridge', async () => {
    const messages = await lintProbe('renderer/src/lint-probe-services.ts', "import { createServices } from '../../electron/services/host.ts';\nexport const x = createServices;\n");
    expect(messages.join('\n')).toMatch(/only through renderer\/src\/bridge/);
  });

  it('electron/services/ may not import electron', async () => {
    const messages = await lintProbe('electron/services/lint-probe.ts', "import { safeStorage } from 'electron';\nexport const x = safeStorage;\n");
    expect(messages.join('\n')).toMatch(/Only electron\/main and electron\/preload may import 'electron'/);
  });

  it('electron/services/scoring reads evidence only through evidence/packages.ts', async () => {
    const messages = await lintProbe(
      'electron/services/scoring/lint-probe.ts',
      "import { readManifest } from '../evidence/package-dir.ts';\nimport { forEachLine } from '../evidence/close.ts';\nimport { verifyPackage } from '../evidence/verify-package.ts';\nimport { createEvidenceService } from '../evidence/service.ts';\nexport const x = [readManifest, forEachLine, verifyPackage, createEvidenceService];\n",
    );
    expect(messages).toHaveLength(4);
    expect(messages.join('\n')).toMatch(/Scoring reads evidence only through the interface evidence exposes/);
    expect(
      await lintProbe(
        'electron/services/scoring/lint-probe-ok.ts',
        "import type { EvidencePackages } from '../evidence/packages.ts';\nimport { SESSION_ID_PATTERN } from '../../../scenarios/evidence/session-id.ts';\nexport type X = EvidencePackages;\nexport const y = SESSION_ID_PATTERN;\n",
      ),
    ).toEqual([]);
  });

  it('electron/preload imports no renderer, services, web, CLI or node:*', async () => {
    const messages = await lintProbe(
      'electron/preload/lint-probe.ts',
      "import type { LiveDrillIpcApi } from '../../renderer/src/bridge/ipc-api.ts';\nimport { createServices } from '../services/host.ts';\nimport { startWebHost } from '../web/server.ts';\nimport { run } from '../cli/main.ts';\nimport { join } from 'node:path';\nexport const x = [createServices, startWebHost, run, join];\nexport type Y = LiveDrillIpcApi;\n",
    );
    expect(messages).toHaveLength(5);
    expect(messages.join('\n')).toMatch(/never the renderer/);
    expect(messages.join('\n')).toMatch(/holds no services, web host or CLI code/);
    expect(messages.join('\n')).toMatch(/Node built-ins are not allowed/);
    expect(
      await lintProbe(
        'electron/preload/lint-probe-ok.ts',
        "import { contextBridge } from 'electron';\nimport type { LiveDrillIpcApi } from '../contract/ipc-api.ts';\nimport { EVENT_CHANNEL } from '../main/policy/ipc.ts';\nexport const x = [contextBridge, EVENT_CHANNEL];\nexport type Y = LiveDrillIpcApi;\n",
      ),
    ).toEqual([]);
  });

  it('electron/web imports no electron, main, preload, renderer or CLI', async () => {
    const messages = await lintProbe(
      'electron/web/lint-probe.ts',
      "import { app } from 'electron';\nimport { wireContractIpc } from '../main/ipc.ts';\nimport { call } from '../../renderer/src/bridge/index.ts';\nimport { run } from '../cli/main.ts';\nexport const x = [app, wireContractIpc, call, run];\n",
    );
    expect(messages).toHaveLength(4);
    expect(messages.join('\n')).toMatch(/electron\/web runs without Electron/);
    expect(messages.join('\n')).toMatch(/imports nothing from renderer/);
    expect(messages.join('\n')).toMatch(/does not depend on the CLI/);
  });

  it('electron/cli imports no electron, main, preload or renderer code', async () => {
    const messages = await lintProbe(
      'electron/cli/lint-probe.ts',
      "import { app } from 'electron';\nimport { sheetPdfPrinter } from '../main/scoring-desktop.ts';\nimport { call } from '../../renderer/src/bridge/index.ts';\nimport issuesEn from '../../renderer/src/features/centre/issues-en.ts';\nexport const x = [app, sheetPdfPrinter, call, issuesEn];\n",
    );
    expect(messages).toHaveLength(4);
    expect(messages.join('\n')).toMatch(/The CLI runs without Electron/);
    expect(messages.join('\n')).toMatch(/The CLI imports nothing from renderer/);
    expect(
      await lintProbe(
        'electron/cli/lint-probe-ok.ts',
        "import issuesZh from '../../renderer/src/features/centre/issues-zh.ts';\nimport { startWebHost } from '../web/server.ts';\nexport const x = [issuesZh, startWebHost];\n",
      ),
    ).toEqual([]);
  });

  it('allowed imports stay quiet', async () => {
    expect(await lintProbe('electron/services/lint-probe-ok.ts', "import { join } from 'node:path';\nexport const x = join;\n")).toEqual([]);
  });
});
