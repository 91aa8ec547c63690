import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, env: {}, rendererDir: '/none' });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe.skipIf(!hasData)('radground import | studies | series (real A0001 CT)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rg-cli-study-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('import --json prints one document: studies, volumes with dims/spacing/warnings, rejected files', async () => {
    const r = await cli(['import', sharedData('ct', 'chest_lung_pet_ct_dx_A0001'), sharedData('ct', 'head_gantry_tilt'), '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.studies).toHaveLength(2);
    const dims = summary.volumes.map((v: { dims: number[] }) => v.dims.join('x')).sort();
    expect(dims).toEqual(['512x512x135', '512x512x64']);
    const tilted = summary.volumes.find((v: { dims: number[] }) => v.dims[2] === 135);
    expect(tilted.warnings.join(' ')).toMatch(/[Gg]antry tilt/);
    expect(tilted.warnings.join(' ')).toMatch(/[Uu]neven slice spacing/);
    expect(summary.rejected.map((x: { path: string }) => x.path.split('/').pop())).toContain('TCIA_LICENSE.txt');
    // Logs went to stderr, never into the JSON on stdout.
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('studies --json lists both; series --json gives the full LPS geometry with one SOP UID per slice', async () => {
    const studies = JSON.parse((await cli(['studies', '--json', '--data-dir', dataDir])).stdout);
    expect(studies.total).toBe(2);
    const chest = studies.rows.find((s: { description: string }) => s.description === 'Chest');
    const imported = JSON.parse((await cli(['import', sharedData('ct', 'chest_lung_pet_ct_dx_A0001'), '--json', '--data-dir', dataDir])).stdout);
    expect(imported.added.instances).toBe(0);
    const seriesUid = imported.volumes[0].seriesInstanceUid;
    const r = await cli(['series', seriesUid, '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(chest).toBeDefined();
    expect(g.dims).toEqual([512, 512, 64]);
    expect(g.sopInstanceUids).toHaveLength(64);
    expect(g.direction).toHaveLength(9);
    expect(g.frameOfReferenceUid).toMatch(/^[0-9.]+$/);
  });

  it('an unknown series is a typed error in the JSON document and exit code 1', async () => {
    const r = await cli(['series', '1.2.3.4.5', '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
