/**
 * The layer boundaries live in eslint.config.js (no-restricted-imports per folder). This lints
 * fixtures placed (virtually) in each folder with the real config and checks that every crossing is
 * reported and that the allowed imports are not. Type-aware rules are switched off here: the fixture
 * files do not exist on disk, so no tsconfig project holds them.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/shared-data';

const eslint = new ESLint({ cwd: projectRoot, overrideConfig: [tseslint.configs.disableTypeChecked] });

/** The specifiers of `imports` that the config refuses in a file at `path` (relative to the root). */
async function refused(path: string, imports: string[]): Promise<string[]> {
  const vue = path.endsWith('.vue');
  const body = imports.map((spec, n) => `import * as m${n} from '${spec}';\nexport const e${n} = m${n};`).join('\n');
  const code = vue ? `<script lang="ts">\n${body.replace(/export const/g, 'const')}\nexport default { name: 'FixturePanel', data: () => ({ ${imports.map((_, n) => `e${n}`).join(', ')} }) };\n</script>\n<template><div /></template>\n` : `${body}\n`;
  const [result] = await eslint.lintText(code, { filePath: join(projectRoot, path) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => imports[Math.floor(((vue ? m.line - 1 : m.line) - 1) / 2)]!);
}

describe('layer boundaries (eslint.config.js)', () => {
  it('renderer never imports the core, main, host, CLI, preload, Node built-ins or electron', async () => {
    const banned = ['../../../electron/core/app-core', '../../electron/main/main', '@/../../electron/host/browser-host', 'node:fs', 'path', 'fs/promises', 'electron'];
    const allowed = ['../../../electron/shared/api/contract', 'vue', './local-module'];
    expect(await refused('renderer/src/viewer/fixture.ts', [...banned, ...allowed])).toEqual(banned);
    expect(await refused('renderer/src/viewer/FixturePanel.vue', ['../../../electron/core/app-core', '../../../electron/shared/api/contract'])).toEqual(['../../../electron/core/app-core']);
  });

  it("a renderer store never imports another feature's store (the component composes them), and keeps the renderer's bans", async () => {
    const banned = ['../../compare/stores/compare-store', '../../viewer/stores/reading-session-store', '../../../../electron/core/app-core', 'node:fs'];
    const allowed = ['./viewer-context', '../../api/api-client', '../../../../electron/shared/api/contract', 'pinia'];
    expect(await refused('renderer/src/report/stores/fixture.ts', [...banned, ...allowed])).toEqual(banned);
    // Components may compose stores.
    expect(await refused('renderer/src/report/FixturePanel.vue', ['../compare/stores/compare-store', './stores/report-store'])).toEqual([]);
  });

  it('electron/shared never imports Node built-ins, electron or the core', async () => {
    const banned = ['node:crypto', 'crypto', 'fs/promises', 'electron', '../../core/geometry/mat3', '../main/main'];
    const allowed = ['zod', '../format/fixture', './sibling'];
    expect(await refused('electron/shared/imaging/fixture.ts', [...banned, ...allowed])).toEqual(banned);
  });

  it('the CLI never imports API handlers or electron', async () => {
    const banned = ['../../core/api/handlers/report-handlers', '../core/api/handlers', 'electron'];
    const allowed = ['../../core/regions/region', '../../core/api/dispatch', 'node:fs'];
    expect(await refused('electron/cli/commands/fixture.ts', [...banned, ...allowed])).toEqual(banned);
  });

  it('the CLI and the API handlers run no SQL: storage, the study index and repositories are refused, services allowed', async () => {
    const banned = ['../../core/storage/open-database', '../../core/study-index', '../../core/study-index/study-queries', '../../core/regions/region-repository', '../../core/analysis/latest-regions', '../../core/reports/store/statements', '../../core/reports/lifecycle/verify-all', 'better-sqlite3'];
    const allowed = ['../../core/services', '../../core/services/reports-service', '../../core/regions/region', '../../core/analysis/analyze-volume'];
    expect(await refused('electron/cli/commands/fixture.ts', [...banned, ...allowed])).toEqual(banned);
    const inHandlers = banned.map((b) => b.replace('../../core/', '../../'));
    const allowedInHandlers = ['../../services', '../../regions/region', '../dispatch'];
    expect(await refused('electron/core/api/handlers/fixture.ts', [...inHandlers, 'electron', ...allowedInHandlers])).toEqual([...inHandlers, 'electron']);
    // The rest of the core, the services included, owns its storage.
    expect(await refused('electron/core/services/fixture.ts', ['../storage/open-database', '../study-index', '../analysis/latest-regions'])).toEqual([]);
  });

  it("the CLI never uses the core's database handle", async () => {
    const lint = async (path: string, code: string) => (await eslint.lintText(code, { filePath: join(projectRoot, path) }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-properties').length;
    const code = 'export const f = (core: { db: unknown; services: unknown }) => [core.db, core.services];\n';
    expect(await lint('electron/cli/commands/fixture.ts', code)).toBe(1);
    expect(await lint('electron/core/services/fixture.ts', code)).toBe(0);
  });

  it('the core, the browser host and the CLI never import electron', async () => {
    expect(await refused('electron/core/fixture.ts', ['electron', 'electron/main', 'node:fs'])).toEqual(['electron', 'electron/main']);
    expect(await refused('electron/host/fixture.ts', ['electron', 'node:http'])).toEqual(['electron']);
  });

  it('electron/main may import electron', async () => {
    expect(await refused('electron/main/fixture.ts', ['electron', 'node:path', '../core/app-core'])).toEqual([]);
  });
});
