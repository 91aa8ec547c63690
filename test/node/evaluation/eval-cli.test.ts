/** `radground eval --json`: exactly one JSON document (logs on stderr), typed errors for bad manifests, the key-image page. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData, sharedData } from '../../support/shared-data';

const dir = mkdtempSync(join(tmpdir(), 'rg-evalcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, env: {}, rendererDir: '/none', modelsDir: join(projectRoot, 'native-models') });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function manifest(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('radground eval (CLI)', () => {
  it('a bad manifest is a typed BAD_REQUEST in the one JSON document, exit code 1', async () => {
    const bad = [
      ['not-json.json', '{ nope'],
      ['no-cases.json', { cases: [] }],
      ['bad-format.json', { cases: [{ id: 'a', path: 'x', annotations: [{ format: 'png', path: 'y' }] }] }],
      ['lungs-no-labels.json', { cases: [{ id: 'a', path: 'x', annotations: [{ format: 'nifti-mask', path: 'y', use: 'lungs' }] }] }],
      ['dup-ids.json', { cases: [{ id: 'a', path: 'x', annotations: [] }, { id: 'a', path: 'y', annotations: [] }] }],
      ['bad-regex.json', { cases: [{ id: 'a', path: 'x', annotations: [{ format: 'rtstruct', path: 'y', roiPattern: '(' }] }] }],
    ] as const;
    for (const [name, value] of bad) {
      const r = await cli(['eval', manifest(name, value), '--json', '--data-dir', join(dir, 'data')]);
      expect(r.code, name).toBe(1);
      expect(r.stdout.trim().split('\n'), name).toHaveLength(1);
      expect(JSON.parse(r.stdout), name).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    }
    const missing = await cli(['eval', join(dir, 'missing.json'), '--json', '--data-dir', join(dir, 'data')]);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await cli(['eval', '--json'])).code).toBe(2);
  });

  const hasData = requireSharedData();
  describe.skipIf(!hasData)('on the small TotalSegmentator CT with its lung labels', () => {
    if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});

    it('--json: one document with the run id, summary (sensitivity, FPs, laterality, unsafe, Dice, model, timings) and per-case results; --html writes the page', async () => {
      const path = manifest('small.json', {
        cases: [
          {
            id: 'small',
            path: sharedData('nifti/totalseg_ct_upperabdomen_3mm_small.nii.gz'),
            annotations: [{ format: 'nifti-mask', path: sharedData('annotations/totalseg/seg_for_totalseg_ct_upperabdomen_3mm_small.nii.gz'), use: 'lungs', labels: { right: [12, 13, 14], left: [10, 11] } }],
          },
          { id: 'gone', path: join(dir, 'no-such-folder'), annotations: [] },
        ],
      });
      const html = join(dir, 'page.html');
      const r = await cli(['eval', path, '--json', '--data-dir', join(dir, 'data'), '--html', html]);
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
      const doc = JSON.parse(r.stdout);
      // One case failed (its folder is missing): reported, the other still ran, exit code 1.
      expect(r.code).toBe(1);
      expect(doc).toMatchObject({ id: expect.any(String), manifestPath: path, htmlPath: html });
      expect(Object.keys(doc.summary).sort()).toEqual(['cases', 'failedCases', 'falsePositives', 'falsePositivesPerScan', 'laterality', 'lungDice', 'model', 'sensitivity', 'timings', 'unsafeStatements']);
      expect(doc.summary).toMatchObject({
        cases: 2,
        failedCases: ['gone'],
        sensitivity: { ge3mm: { found: 0, total: 0, rate: null }, ge10mm: { total: 0 }, ge30mm: { total: 0 } },
        model: { id: 'chest-ct', version: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), executionProvider: expect.any(String) },
        timings: { analysisMs: expect.any(Number), evalMs: expect.any(Number) },
      });
      expect(doc.summary.lungDice).toEqual([{ caseId: 'small', right: expect.any(Number), left: expect.any(Number), both: expect.any(Number) }]);
      const [small, gone] = doc.cases;
      expect(small).toMatchObject({ id: 'small', status: 'ok', lesions: [], falsePositives: expect.any(Array), otherFindings: expect.any(Array), unsafeStatements: [], draft: expect.any(Array) });
      expect(small.timings.evalMs).toBeGreaterThanOrEqual(small.timings.analysisMs);
      expect(gone).toMatchObject({ id: 'gone', status: 'failed', error: { code: 'NOT_FOUND' } });
      expect(existsSync(html)).toBe(true);
      expect(readFileSync(html, 'utf8')).toMatch(/RadGround evaluation[\s\S]*small/);
      // Logs went to stderr.
      expect(r.stderr).toMatch(/evaluation case done/);
    });
  });
});
