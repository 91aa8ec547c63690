import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const rendererSrc = join(root, 'renderer', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|vue)$/.test(name) ? [path] : [];
  });
}

describe('viewer architecture rules', () => {
  const files = sourceFiles(rendererSrc).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

  it('imports the vtk.js rendering profiles in exactly one module', () => {
    const importers = files.filter((f) => /import\s+['"]@kitware\/vtk\.js\/Rendering\/Profiles\//.test(f.text)).map((f) => f.path);
    expect(importers).toEqual(['renderer/src/viewer/vtk/rendering-profiles.ts']);
  });

  it('creates vtk.js objects only in composables (which own and delete them), or in factories only composables import', () => {
    const inComposables = (p: string) => p.startsWith('renderer/src/viewer/composables/');
    const importersOf = (path: string) => {
      const stem = path.replace(/\.ts$/, '').split('/').pop() ?? '';
      const pattern = new RegExp(`from\\s+['"][^'"]*/${stem}['"]`);
      return files.filter((f) => f.path !== path && pattern.test(f.text)).map((f) => f.path);
    };
    const creators = files
      .filter((f) => /@kitware\/vtk\.js/.test(f.text) && /\.newInstance\(/.test(f.text))
      .map((f) => f.path)
      .filter((p) => !inComposables(p));
    // A factory hands its objects to the composable that called it, which deletes them; any other
    // importer could create vtk.js objects that no composable owns.
    const unowned = creators.filter((p) => {
      const importers = importersOf(p);
      return importers.length === 0 || !importers.every(inComposables);
    });
    expect(unowned).toEqual([]);
  });

  it('composables delete at least as many vtk.js objects as they create', () => {
    for (const f of files.filter((x) => x.path.startsWith('renderer/src/viewer/composables/'))) {
      const created = (f.text.match(/\.newInstance\(/g) ?? []).length;
      const deleted = (f.text.match(/\.delete\(\)/g) ?? []).length;
      expect(deleted, `${f.path}: ${created} created, ${deleted} deleted`).toBeGreaterThanOrEqual(created);
    }
  });
});
