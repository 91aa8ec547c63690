import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { projectRoot, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

/** The radiologist's path on the real A0001 chest CT, through the CLI (one more client of the API). */
async function cli(args: string[], dataDir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dataDir], {
    io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) },
    env: {},
    rendererDir: '/none',
    modelsDir: join(projectRoot, 'native-models'),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe.skipIf(!hasData)('analyze -> draft -> ground -> sign -> export on the real A0001 CT', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rg-workflow-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  let massId = '';
  let reportId = '';

  it('analyze --json prints the documented document: series geometry, model provenance, regions', async () => {
    const r = await cli(['analyze', sharedData('ct', 'chest_lung_pet_ct_dx_A0001'), '--json'], dataDir);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.series.dims).toEqual([512, 512, 64]);
    expect(out.series.sopInstanceUids).toHaveLength(64);
    expect(out.series.direction).toHaveLength(9);
    expect(out.model).toMatchObject({ id: 'chest-ct', executionProvider: 'cpu' });
    expect(out.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.timings.totalMs).toBeGreaterThan(0);
    const findings = out.regions.filter((x: { kind: string; label: string }) => x.kind === 'finding' && x.label === 'mass');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ laterality: 'left', zone: 'upper' });
    for (const key of ['id', 'label', 'voxelBox', 'worldBox', 'centroid', 'volumeMl', 'diameterMm', 'meanHu', 'confidence']) expect(findings[0]).toHaveProperty(key);
    massId = findings[0].id;
    const lungs = out.regions.filter((x: { label: string }) => /^(right|left) lung$/.test(x.label));
    expect(lungs).toHaveLength(2);
  });

  it('draft --json: a finding sentence saying left and upper, linked to the mass; never "clear"', async () => {
    const r = await cli(['draft', sharedData('ct', 'chest_lung_pet_ct_dx_A0001'), '--json'], dataDir);
    expect(r.code, r.stderr).toBe(0);
    const { report, regions, series } = JSON.parse(r.stdout);
    reportId = report.id;
    expect(series.dims).toEqual([512, 512, 64]);
    expect(regions.some((x: { id: string }) => x.id === massId)).toBe(true);
    const findings = report.sections.find((s: { name: string }) => s.name === 'findings').sentences;
    const mass = findings.find((s: { regionIds: string[] }) => s.regionIds.includes(massId));
    expect(mass.text).toMatch(/left/i);
    expect(mass.text).toMatch(/upper/i);
    const all = report.sections.flatMap((s: { sentences: { text: string }[] }) => s.sentences.map((x) => x.text)).join(' ');
    expect(all).not.toMatch(/clear|no pulmonary nodule/i);
    // The perihilar-mass case of issue 9: the left lung is much smaller, and the draft says so
    // (as a volume-loss finding or in the review prompt).
    expect(all).toMatch(/reduced left lung volume|left lung aerated volume \d+% below/i);
  });

  it('ground: the wrong side is not linked (a "no region found" warning), a change claim without prior a warning, a negation nothing', async () => {
    const ground = async (text: string) => JSON.parse((await cli(['ground', reportId, '--text', text, '--json'], dataDir)).stdout);
    const wrongSide = await ground('A solid mass in the right upper lung zone.');
    expect(wrongSide.links).toEqual([]);
    const kinds = wrongSide.checks.map((c: { kind: string; severity: string }) => `${c.severity}:${c.kind}`);
    expect(kinds).toContain('warning:no_region_on_side');
    expect(kinds).not.toContain('error:laterality_mismatch');
    expect(wrongSide.checks.find((c: { kind: string }) => c.kind === 'no_region_on_side').regionIds).toEqual([massId]);
    const unchanged = await ground('The mass is unchanged since the prior.');
    expect(unchanged.checks.some((c: { kind: string }) => c.kind === 'change_without_prior')).toBe(true);
    const negated = await ground('No pleural effusion.');
    expect(negated).toEqual({ links: [], checks: [] });
  });

  it('sign freezes the report; export writes HTML with key images and grounded JSON', async () => {
    const signed = await cli(['sign', reportId, '--as', 'Dr A. Reader', '--json'], dataDir);
    expect(signed.code, signed.stderr).toBe(0);
    expect(JSON.parse(signed.stdout).report).toMatchObject({ status: 'final', signedBy: 'Dr A. Reader' });
    const again = await cli(['sign', reportId, '--as', 'Someone Else', '--json'], dataDir);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error.code).toBe('CONFLICT');

    const html = join(dataDir, 'report.html');
    const json = join(dataDir, 'report.json');
    expect((await cli(['export', reportId, '--html', html, '--json-file', json], dataDir)).code).toBe(0);
    expect(existsSync(html)).toBe(true);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('data:image/png;base64,');
    expect(page).not.toMatch(/<script|https?:\/\//);
    const grounded = JSON.parse(readFileSync(json, 'utf8'));
    const withBoxes = grounded.sentences.filter((s: { boxes: unknown }) => s.boxes !== null);
    expect(withBoxes.length).toBeGreaterThan(0);
  });
});
