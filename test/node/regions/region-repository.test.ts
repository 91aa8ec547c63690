import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { finishModelRun, getModelRun, listModelRuns, recordModelRun } from '../../../electron/core/inference/model-run-repository';
import { deleteRegionsOfRun, getRegion, listRegions, saveRegions } from '../../../electron/core/regions/region-repository';
import { maskFromSortedIndices } from '../../../electron/core/regions/region-mask';
import type { Region } from '../../../electron/core/regions/region';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';

function region(id: string, over: Partial<Region> = {}): Region {
  const dims: Vec3 = [64, 64, 16];
  const idx: number[] = [];
  for (let k = 3; k < 6; k++) for (let j = 10; j < 14; j++) for (let i = 20; i < 23 + k; i++) idx.push(i + 64 * (j + 64 * k));
  return {
    id,
    label: 'nodule',
    kind: 'finding',
    code: { scheme: 'SCT', value: '27925004', meaning: 'Nodule' },
    laterality: 'left',
    zone: 'upper',
    volumeId: 'vol-1',
    seriesInstanceUid: '1.2.3',
    frameOfReferenceUid: '1.2.3.9',
    voxelBox: { min: [20, 10, 3], max: [27, 13, 5] },
    worldBox: { min: [12.25, -40.5, 100.125], max: [18.75, -37.5, 115.5] },
    centroid: [15.5, -39, 107.75],
    volumeMl: 0.123456789,
    diameterMm: 7.0710678118654755,
    meanHu: -512.25,
    confidence: 0.875,
    mask: maskFromSortedIndices(idx, dims),
    runId: null,
    ...over,
  };
}

describe('model runs and regions in SQLite (migration 0002)', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => closeDatabase(db));

  it('creates STRICT tables with indexes by volume and series', () => {
    const sql = (name: string) => (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(name) as { sql: string }).sql;
    expect(sql('model_runs')).toMatch(/\) STRICT$/);
    expect(sql('regions')).toMatch(/\) STRICT$/);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('regions', 'model_runs')").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['regions_by_volume', 'regions_by_series', 'regions_by_run', 'model_runs_by_series', 'model_runs_by_volume']));
  });

  it('records a run, finishes it, lists it', () => {
    const id = recordModelRun(db, {
      packId: 'p',
      packVersion: '1.0.0',
      fileHashes: { 'model.onnx': 'ab'.repeat(32) },
      requestedProviders: ['cuda', 'cpu'],
      parameters: { overlap: 0.5 },
      volumeId: 'vol-1',
      seriesInstanceUid: '1.2.3',
    });
    expect(getModelRun(db, id)).toMatchObject({ status: 'running', finishedAt: null, executionProvider: null });
    finishModelRun(db, id, { status: 'succeeded', executionProvider: 'cpu', onnxruntimeVersion: '1.30.0', timings: { inferenceMs: 12.5 } });
    const run = getModelRun(db, id);
    expect(run).toMatchObject({
      id,
      packId: 'p',
      status: 'succeeded',
      executionProvider: 'cpu',
      onnxruntimeVersion: '1.30.0',
      requestedProviders: ['cuda', 'cpu'],
      fileHashes: { 'model.onnx': 'ab'.repeat(32) },
      timings: { inferenceMs: 12.5 },
      parameters: { overlap: 0.5 },
      error: null,
    });
    expect(run.finishedAt).not.toBeNull();
    expect(() => finishModelRun(db, id, { status: 'failed' })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => finishModelRun(db, 'nope', { status: 'failed' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const failed = recordModelRun(db, { packId: 'p', packVersion: '1', fileHashes: {}, requestedProviders: ['cpu'], volumeId: 'vol-1' });
    finishModelRun(db, failed, { status: 'cancelled', error: { code: 'CANCELLED', message: 'stop' } });
    expect(getModelRun(db, failed).error).toEqual({ code: 'CANCELLED', message: 'stop' });
    expect(listModelRuns(db, { volumeId: 'vol-1' }).map((r) => r.id).sort()).toEqual([id, failed].sort());
    expect(listModelRuns(db, { seriesInstanceUid: '1.2.3' }).map((r) => r.id)).toEqual([id]);
  });

  it('round-trips regions exactly (mask RLE included), by volume, series, run and id', () => {
    const runId = recordModelRun(db, { packId: 'p', packVersion: '1', fileHashes: {}, requestedProviders: ['cpu'] });
    const a = region('a');
    const b = region('b', { laterality: null, code: null, zone: null, diameterMm: null, meanHu: null, mask: null, seriesInstanceUid: '9.9', volumeId: 'vol-2' });
    saveRegions(db, runId, [a, b]);
    const drawn = region('c', { kind: 'measurement' });
    saveRegions(db, null, [drawn]);

    expect(getRegion(db, 'a')).toEqual({ ...a, runId });
    expect(listRegions(db, { runId }, { includeMasks: true })).toEqual([
      { ...a, runId },
      { ...b, runId },
    ]);
    expect(listRegions(db, { volumeId: 'vol-1' }).map((r) => [r.id, r.mask, r.runId])).toEqual([
      ['a', null, runId],
      ['c', null, null],
    ]);
    expect(listRegions(db, { seriesInstanceUid: '9.9' }).map((r) => r.id)).toEqual(['b']);
    expect(() => getRegion(db, 'zzz')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('refuses duplicates and unknown runs without storing anything; deletes a run\'s regions', () => {
    const runId = recordModelRun(db, { packId: 'p', packVersion: '1', fileHashes: {}, requestedProviders: ['cpu'] });
    saveRegions(db, runId, [region('a')]);
    expect(() => saveRegions(db, runId, [region('x'), region('a')])).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(listRegions(db, { runId }).map((r) => r.id)).toEqual(['a']); // 'x' rolled back
    expect(() => saveRegions(db, 'no-run', [region('y')])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => saveRegions(db, null, [region('z', { confidence: 1.5 })])).toThrow(/CHECK constraint/);
    expect(deleteRegionsOfRun(db, runId)).toBe(1);
    expect(listRegions(db, { runId })).toEqual([]);
  });

  it('deleting a run deletes its regions (ON DELETE CASCADE)', () => {
    const runId = recordModelRun(db, { packId: 'p', packVersion: '1', fileHashes: {}, requestedProviders: ['cpu'] });
    saveRegions(db, runId, [region('a'), region('b')]);
    db.prepare('DELETE FROM model_runs WHERE uid = ?').run(runId);
    expect(listRegions(db, { volumeId: 'vol-1' })).toEqual([]);
  });
});
