/** Evaluation runs stored per model version (migration 5). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseResult, FailedCase } from '../../../electron/core/evaluation/evaluate-case';
import { getEvaluation, listEvaluations, saveEvaluation } from '../../../electron/core/evaluation/evaluation-store';
import { summarize } from '../../../electron/core/evaluation/summarize';
import { recordModelRun } from '../../../electron/core/inference';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';

function okCase(id: string, runId: string, found: boolean): CaseResult {
  return {
    id, path: `/cases/${id}`, status: 'ok', dims: [4, 4, 4], spacing: [1, 1, 1], midlineX: 0, analysisRunId: runId,
    model: { id: 'chest-ct', version: '1.0.0', sha256: 'ab'.repeat(32), executionProvider: 'cpu' },
    lesions: [
      { id: 'l1', source: 'lidc-xml', readers: 3, counted: true, side: 'left', sizeMm: 31, slices: { first: 1, last: 2, count: 2 }, centre: [1, 2, 3],
        found, matchedBy: found ? 'centre' : null, iou: found ? 0.4 : null, lateralityCorrect: found ? true : null,
        matchedRegion: found ? { id: 'r1', label: 'mass', laterality: 'left', diameterMm: 30 } : null },
      { id: 'l2', source: 'lidc-xml', readers: 1, counted: false, side: 'right', sizeMm: 5, slices: { first: 1, last: 1, count: 1 }, centre: [0, 0, 0],
        found: false, matchedBy: null, iou: null, lateralityCorrect: null, matchedRegion: null },
    ],
    falsePositives: found ? [] : [{ id: 'fp', label: 'nodule', laterality: 'right', zone: 'lower', diameterMm: 6, confidence: 0.7, centroid: [0, 0, 0] }],
    otherFindings: [], lungDice: found ? { right: 0.95, left: 0.93, both: 0.94 } : null, unsafeStatements: [], draft: [], warnings: [], notes: [],
    timings: { loadMs: 10, analysisMs: 100, evalMs: 105 },
  };
}

describe('evaluation store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rg-evalstore-'));
  const db = openDatabase(join(dir, 'db.sqlite'));
  afterAll(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves a run with its cases, links each case to its model run, lists runs per model version and reads them back', () => {
    const runA = recordModelRun(db, { packId: 'chest-ct', packVersion: '1.0.0', fileHashes: {}, requestedProviders: ['cpu'] });
    const failed: FailedCase = { id: 'broken', path: '/x', status: 'failed', error: { code: 'NOT_FOUND', message: 'gone' }, timings: { evalMs: 1 } };
    const cases = [okCase('A', runA, true), okCase('B', 'no-such-run', false), failed];
    const summary = summarize(cases);
    expect(summary.sensitivity.ge30mm).toEqual({ found: 1, total: 2, rate: 0.5 });
    expect(summary.sensitivity.ge3mm.total).toBe(2); // the one-reader 5 mm lesion is not counted
    expect(summary.falsePositivesPerScan).toBe(0.5);
    expect(summary.failedCases).toEqual(['broken']);
    const model = { id: 'chest-ct', version: '1.0.0', sha256: 'ab'.repeat(32), executionProvider: 'cpu' };
    const id = saveEvaluation(db, { manifestPath: '/m.json', model, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z', summary, cases });
    saveEvaluation(db, { manifestPath: '/m.json', model: { ...model, version: '2.0.0' }, startedAt: '2026-02-01T00:00:00.000Z', finishedAt: '2026-02-01T00:01:00.000Z', summary, cases: [] });

    expect(listEvaluations(db).map((r) => r.model.version)).toEqual(['2.0.0', '1.0.0']);
    expect(listEvaluations(db, { modelId: 'chest-ct', modelVersion: '1.0.0' }).map((r) => r.id)).toEqual([id]);
    const back = getEvaluation(db, id);
    expect(back.summary).toEqual(summary);
    expect(back.cases).toEqual(cases);
    const rows = db.prepare('SELECT case_id, status, model_run_ref IS NOT NULL AS linked, lesions_counted, lesions_found, false_positives, lung_dice FROM evaluation_cases ORDER BY id').all();
    expect(rows).toEqual([
      { case_id: 'A', status: 'ok', linked: 1, lesions_counted: 1, lesions_found: 1, false_positives: 0, lung_dice: 0.94 },
      { case_id: 'B', status: 'ok', linked: 0, lesions_counted: 1, lesions_found: 0, false_positives: 1, lung_dice: null },
      { case_id: 'broken', status: 'failed', linked: 0, lesions_counted: 0, lesions_found: 0, false_positives: 0, lung_dice: null },
    ]);
    expect(() => getEvaluation(db, 'nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('the tables are STRICT and check their JSON', () => {
    expect(() => db.prepare(`INSERT INTO evaluation_runs (uid, manifest_path, model_id, model_version, model_sha256, started_at, finished_at, summary) VALUES ('u', 'm', 'x', '1', 's', 't', 't', 'not json')`).run()).toThrow();
    expect(() => db.prepare(`INSERT INTO evaluation_runs (uid, manifest_path, model_id, model_version, model_sha256, started_at, finished_at, summary) VALUES ('u', 'm', 'x', X'01', 's', 't', 't', '{}')`).run()).toThrow();
  });
});
