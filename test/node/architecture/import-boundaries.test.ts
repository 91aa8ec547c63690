import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/shared-data';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|vue|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every module specifier a file imports, requires or dynamically imports. */
function importedSpecifiers(source: string): string[] {
  const specs: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) specs.push(m[1]!);
  return specs;
}

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || nodeBuiltins.has(spec.split('/')[0]!);

function violations(folder: string, forbidden: (spec: string) => boolean): string[] {
  return sourceFiles(join(projectRoot, folder)).flatMap((file) =>
    importedSpecifiers(readFileSync(file, 'utf8'))
      .filter(forbidden)
      .map((spec) => `${relative(projectRoot, file)} imports ${spec}`),
  );
}

describe('import boundaries', () => {
  it('the detector itself finds each import form', () => {
    const found = importedSpecifiers(`import a from 'electron';\nimport 'node:fs';\nconst x = require("path");\nawait import('electron/main');`);
    expect(found).toEqual(['electron', 'node:fs', 'path', 'electron/main']);
  });

  it('core never imports electron (it runs in plain Node, tests, the CLI and the host)', () => {
    expect(violations('electron/core', (s) => s === 'electron' || s.startsWith('electron/'))).toEqual([]);
  });

  it('the host and the CLI never import electron', () => {
    expect(violations('electron/host', (s) => s === 'electron')).toEqual([]);
    expect(violations('electron/cli', (s) => s === 'electron')).toEqual([]);
  });

  it('renderer code never imports Node built-ins or electron', () => {
    expect(violations('renderer', (s) => isNodeBuiltin(s) || s === 'electron')).toEqual([]);
  });

  it('the shared contract is renderer-safe: no Node built-ins, no electron, no core', () => {
    expect(violations('electron/shared', (s) => isNodeBuiltin(s) || s === 'electron' || s.includes('/core/'))).toEqual([]);
  });

  it('the renderer reaches the core only through the API client (no core imports)', () => {
    expect(violations('renderer', (s) => /electron\/(core|main|host|cli|preload)\b/.test(s))).toEqual([]);
  });
});
