import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';
import { indexInstances } from '../../../electron/core/study-index';
import { volumesOfStudy, type SkippedSeriesLog } from '../../../electron/core/study-volumes/indexed-volumes';
import { readingVolumeOfStudy } from '../../../electron/core/study-volumes/reading-volume';
import { makeInstance, nextUid } from '../../support/dicom-instance-factory';

/** Three axial CT slices, 2.5 mm apart: a series that makes one volume. */
function ctSeries(studyInstanceUid: string) {
  const seriesInstanceUid = nextUid();
  return [1, 2, 3].map((n) => makeInstance({ studyInstanceUid, seriesInstanceUid, instanceNumber: n }));
}

/** An image whose header gives it no rows: no volume can be planned, so the series cannot be described. */
function rowlessSeries(studyInstanceUid: string) {
  return [makeInstance({ studyInstanceUid, seriesInstanceUid: nextUid(), rows: 0 })];
}

/** The volumes of a study: one series that cannot be described is skipped with its reason logged, never fails the study. */
describe('volumesOfStudy / readingVolumeOfStudy', () => {
  let db: SqliteDatabase;
  let warnings: { msg: string; fields: Record<string, unknown> | undefined }[];
  let log: SkippedSeriesLog;
  beforeEach(() => {
    db = openDatabase(':memory:');
    warnings = [];
    log = { warn: (msg, fields) => void warnings.push({ msg, fields }) };
  });
  afterEach(() => closeDatabase(db));

  it('skips a series that cannot be described, logs why, and reads the study on the series that can', () => {
    const studyInstanceUid = nextUid();
    const bad = rowlessSeries(studyInstanceUid);
    const good = ctSeries(studyInstanceUid);
    indexInstances(db, [...bad, ...good]);
    const goodSeries = good[0]!.seriesInstanceUid;

    const { study, volumes } = volumesOfStudy(db, studyInstanceUid, log);
    expect(study.series).toHaveLength(2);
    expect(volumes.map((v) => [v.series.seriesInstanceUid, v.volume.volumeId, v.volume.dims])).toEqual([[goodSeries, goodSeries, [512, 512, 3]]]);
    expect(warnings).toEqual([{ msg: 'series has no volume', fields: { series: bad[0]!.seriesInstanceUid, error: expect.stringMatching(/has no valid rows\/columns/) } }]);

    expect(readingVolumeOfStudy(db, studyInstanceUid, log)).toBe(goodSeries);
  });

  it('a study whose only series cannot be described has no volume to read: NOT_FOUND, not a crash', () => {
    const studyInstanceUid = nextUid();
    indexInstances(db, rowlessSeries(studyInstanceUid));
    expect(volumesOfStudy(db, studyInstanceUid, log).volumes).toEqual([]);
    expect(() => readingVolumeOfStudy(db, studyInstanceUid, log)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringMatching(/has no volume to read/) }));
    expect(() => volumesOfStudy(db, nextUid(), log)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
