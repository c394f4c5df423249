// Strict, type-aware lint. The three architecture boundaries of DESIGN.md are rules here, so a
// violating import fails `npm run lint` (and test/unit/lint-boundaries.test.ts proves each fires).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not allowed here (see DESIGN.md boundaries).' };
const electronImport = { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." };

const servicesWithoutElectron = { group: ['**/electron/main/**', '**/electron/preload/**'], message: 'electron/services must run without Electron.' };

export const boundaries = {
  scenarios: {
    paths: [electronImport, { name: 'react', message: 'scenarios/ is pure domain logic: no React.' }],
    patterns: [
      nodeBuiltins,
      { group: ['**/electron/**', '**/renderer/**'], message: 'scenarios/ must not import from electron/ or renderer/.' },
      { group: ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net'], message: 'scenarios/ is pure: no Node modules.' },
    ],
  },
  renderer: {
    paths: [electronImport],
    patterns: [
      nodeBuiltins,
      { group: ['**/electron/services/**', '**/electron/main/**', '**/electron/web/**', '**/electron/cli/**'], message: 'The renderer reaches services only through renderer/src/bridge.' },
    ],
  },
  services: {
    paths: [electronImport],
    patterns: [servicesWithoutElectron],
  },
  scoring: {
    paths: [electronImport],
    patterns: [
      servicesWithoutElectron,
      {
        group: ['**/services/evidence/*', '../evidence/*', '!../evidence/packages.ts'],
        message: 'Scoring reads evidence only through the interface evidence exposes (electron/services/evidence/packages.ts: EvidencePackages).',
      },
    ],
  },
  contract: {
    paths: [electronImport],
    patterns: [nodeBuiltins],
  },
  // The sandboxed preload: 'electron', the contract (names and types) and main's IPC policy only.
  preload: {
    patterns: [
      nodeBuiltins,
      { group: ['**/renderer/**'], message: 'The preload imports the contract (electron/contract/ipc-api.ts), never the renderer.' },
      { group: ['**/services/**', '**/web/**', '**/cli/**'], message: 'The sandboxed preload holds no services, web host or CLI code.' },
    ],
  },
  web: {
    paths: [electronImport],
    patterns: [
      { group: ['**/main/**', '**/preload/**'], message: 'electron/web runs without Electron: no electron/main or electron/preload.' },
      { group: ['**/renderer/**'], message: 'electron/web serves the renderer build as files; it imports nothing from renderer/.' },
      { group: ['**/cli/**'], message: 'electron/web does not depend on the CLI (the CLI starts the web host, not the reverse).' },
    ],
  },
  cli: {
    paths: [electronImport],
    patterns: [
      { group: ['**/main/**', '**/preload/**'], message: 'The CLI runs without Electron: no electron/main or electron/preload.' },
      {
        regex: '^(?!.*/renderer/src/features/centre/issues-zh\\.ts$).*(^|/)renderer/',
        message: 'The CLI imports nothing from renderer/ but the exam codes\' Chinese wording (features/centre/issues-zh.ts, plain data).',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/**', 'release/**', 'test/fixtures/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['renderer/src/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  { files: ['scenarios/**'], rules: { 'no-restricted-imports': ['error', boundaries.scenarios] } },
  {
    files: ['renderer/src/**'],
    rules: {
      'no-restricted-imports': ['error', boundaries.renderer],
      'no-restricted-globals': ['error', { name: 'process', message: 'No Node globals in the renderer.' }, { name: 'Buffer', message: 'No Node globals in the renderer.' }],
    },
  },
  { files: ['electron/services/**'], rules: { 'no-restricted-imports': ['error', boundaries.services] } },
  { files: ['electron/services/scoring/**'], rules: { 'no-restricted-imports': ['error', boundaries.scoring] } },
  { files: ['electron/contract/**'], rules: { 'no-restricted-imports': ['error', boundaries.contract] } },
  { files: ['electron/preload/**'], rules: { 'no-restricted-imports': ['error', boundaries.preload] } },
  { files: ['electron/web/**'], rules: { 'no-restricted-imports': ['error', boundaries.web] } },
  { files: ['electron/cli/**'], rules: { 'no-restricted-imports': ['error', boundaries.cli] } },
);
