// ESLint flat config (`npm run lint`, part of `npm test`).
//
// * TypeScript: typescript-eslint's `recommended`, plus the type-aware rules that catch real bugs
//   (promises nobody awaits or handles, promises passed where a void callback is expected, `await`
//   on a value that is not a promise). Type information comes from the tsconfig projects
//   (projectService), so lint sees the same types as `vue-tsc --build`.
// * Vue single-file components: eslint-plugin-vue's `flat/recommended` with the TypeScript parser
//   for <script lang="ts">.
// * Layer boundaries (what each folder may import), enforced here instead of by regexes in tests:
//   see LAYERS below; test/node/architecture/lint-boundaries.test.ts lints fixtures that cross each one.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltin = {
  regex: `^(node:.*|(${builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/')).join('|')})(/.*)?)$`,
  message: 'runs in the browser too: no Node built-ins here.',
};
const electronModule = { regex: '^electron(/.*)?$', message: 'only electron/main and electron/preload may import electron.' };
/** The modules that open the database or run SQL: transports reach them only through electron/core/services. */
const storageModules = {
  regex: '(^|/)(storage|study-index|reports/store)(/|$)|(^|/)[\\w-]+-repository$|(^|/)(latest-regions|evaluation-store|verify-all)$|^better-sqlite3$',
  message: 'transports (the CLI, the API handlers) run no SQL: call the service in electron/core/services that owns the workflow.',
};

const rendererPatterns = [
  nodeBuiltin,
  electronModule,
  {
    regex: '(^|/)electron/(core|main|host|cli|preload)(/|$)',
    message: 'the renderer reaches the core only through the API client (renderer/src/api) and electron/shared.',
  },
];

/** Folder globs, and the imports each may not make (no-restricted-imports `patterns`, matched on the specifier). */
const LAYERS = [
  {
    name: 'core',
    files: ['electron/core/**'],
    ignores: ['electron/core/api/handlers/**'],
    patterns: [{ ...electronModule, message: 'the core runs in plain Node (tests, the CLI, the browser host): never import electron.' }],
  },
  {
    name: 'api-handlers',
    files: ['electron/core/api/handlers/**'],
    patterns: [{ ...electronModule, message: 'the core runs in plain Node (tests, the CLI, the browser host): never import electron.' }, storageModules],
  },
  {
    name: 'host',
    files: ['electron/host/**'],
    patterns: [{ ...electronModule, message: 'the browser host runs in plain Node: never import electron.' }],
  },
  {
    name: 'utility',
    files: ['electron/utility/**'],
    patterns: [{ ...electronModule, message: 'the core\'s utility process reaches Electron only through process.parentPort: never import electron.' }],
  },
  {
    name: 'cli',
    files: ['electron/cli/**'],
    patterns: [
      { ...electronModule, message: 'the CLI runs in plain Node: never import electron.' },
      { regex: '(^|/)core/api/handlers(/|$)', message: 'the CLI is a transport: import the core module that owns the logic, never an API handler.' },
      storageModules,
    ],
  },
  {
    name: 'shared',
    files: ['electron/shared/**'],
    patterns: [
      nodeBuiltin,
      electronModule,
      { regex: '(^|/)(core|main|host|cli|preload)/', message: 'electron/shared is runtime-neutral: it never imports the core, main, host, CLI or preload.' },
    ],
  },
  {
    name: 'renderer',
    files: ['renderer/**'],
    patterns: rendererPatterns,
  },
  {
    // A later layer replaces the earlier one's patterns for its files, so it repeats the renderer's.
    name: 'renderer-stores',
    files: ['renderer/src/**/stores/**'],
    patterns: [
      ...rendererPatterns,
      { regex: '(^|/)stores/', message: "a store never reaches into another feature's store: the component that uses both composes them." },
    ],
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', '.radground-dev/**', 'native-models/**', '**/*.d.ts', '**/*.d.mts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `let { a, b } = ...` where only `a` is reassigned stays one declaration.
      'prefer-const': ['error', { destructuring: 'all' }],
      // `_name` marks a value left unused on purpose (destructuring it away, a required parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.vue'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        extraFileExtensions: ['.vue'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // With noUncheckedIndexedAccess on, a `!` or cast the checker does not need is noise that hides the ones it does.
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  {
    // Layout of templates is left to the author (no formatter runs on this tree); eslint-plugin-vue's
    // correctness rules stay on.
    files: ['**/*.vue'],
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
  {
    // Tests read untyped DICOM/JSON dumps (any) and define throw-away components inline.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'vue/one-component-per-file': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The CLI reaches the database only through the services (electron/core/services), never by the core's handle.
    name: 'layers/cli-no-database',
    files: ['electron/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'core', property: 'db', message: 'the CLI is a transport: call core.services, never the database.' },
        { object: 'appCore', property: 'db', message: 'the CLI is a transport: call core.services, never the database.' },
      ],
    },
  },
  ...LAYERS.map((layer) => ({
    name: `layers/${layer.name}`,
    files: layer.files,
    ...(layer.ignores ? { ignores: layer.ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns: layer.patterns }] },
  })),
);
