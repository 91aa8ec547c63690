import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';
import {
  findPriorStudies,
  getSeries,
  getStudy,
  indexInstances,
  listRejectedFiles,
  listSeriesInstances,
  recordRejectedFiles,
  SeriesSummarySchema,
  StudyDetailSchema,
} from '../../../electron/core/study-index';
import { makeInstance, makeSeries, nextUid } from '../../support/dicom-instance-factory';
import { seedWorklist, UIDS } from './support/seed-worklist';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof RadGroundError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('study queries', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = openDatabase(':memory:');
    seedWorklist(db);
  });
  afterEach(() => closeDatabase(db));

  it('getStudy returns the study with its series by series number', () => {
    const study = getStudy(db, UIDS.A);
    expect(StudyDetailSchema.parse(study)).toEqual(study);
    expect(study.studyInstanceUid).toBe(UIDS.A);
    expect(study.seriesCount).toBe(2);
    expect(study.series.map((s) => [s.seriesNumber, s.description, s.instanceCount])).toEqual([
      [1, 'Scout', 2],
      [2, 'Axial 2.5mm', 3],
    ]);
    expect(codeOf(() => getStudy(db, '9.9.9'))).toBe('NOT_FOUND');
  });

  it('getSeries returns one series', () => {
    const series = getSeries(db, `${UIDS.B}.2`);
    expect(SeriesSummarySchema.parse(series)).toEqual(series);
    expect(series).toEqual({
      seriesInstanceUid: `${UIDS.B}.2`,
      studyInstanceUid: UIDS.B,
      modality: 'MR',
      description: 'T1 post',
      seriesNumber: 2,
      frameOfReferenceUid: '1.2.3.for.default',
      bodyPart: 'LIVER',
      rows: 512,
      columns: 512,
      instanceCount: 1,
    });
    expect(codeOf(() => getSeries(db, '9.9.9'))).toBe('NOT_FOUND');
  });

  it('listSeriesInstances returns the stored headers by instance number, unnumbered last', () => {
    const seriesInstanceUid = nextUid();
    const studyInstanceUid = nextUid();
    const make = (instanceNumber: number | null) => makeInstance({ seriesInstanceUid, studyInstanceUid, instanceNumber });
    const [n3, n1, none, n2, n10] = [make(3), make(1), make(null), make(2), make(10)];
    indexInstances(db, [n3, n1, none, n2, n10]);
    expect(listSeriesInstances(db, seriesInstanceUid)).toEqual([n1, n2, n3, n10, none]);
    expect(codeOf(() => listSeriesInstances(db, '9.9.9'))).toBe('NOT_FOUND');
  });

  it('findPriorStudies returns earlier studies of the same patient, newest first', () => {
    expect(findPriorStudies(db, UIDS.A).map((s) => s.studyInstanceUid)).toEqual([UIDS.B, UIDS.C]);
    expect(findPriorStudies(db, UIDS.B).map((s) => s.studyInstanceUid)).toEqual([UIDS.C]);
    expect(findPriorStudies(db, UIDS.C)).toEqual([]);
    expect(findPriorStudies(db, UIDS.D)).toEqual([]); // another patient's studies are not priors
    expect(findPriorStudies(db, UIDS.E)).toEqual([]); // undated
    expect(codeOf(() => findPriorStudies(db, '9.9.9'))).toBe('NOT_FOUND');
  });

  it('counts a same-day study with an earlier time as a prior, not a later one', () => {
    const demo = { patientName: 'DEMO^PHANTOM', patientId: 'RG-0001', studyDate: '20240315' };
    const morning = nextUid();
    const evening = nextUid();
    indexInstances(db, [
      ...makeSeries({ count: 1, studyInstanceUid: morning, common: { ...demo, studyTime: '080000' } }),
      ...makeSeries({ count: 1, studyInstanceUid: evening, common: { ...demo, studyTime: '200000' } }),
    ]);
    // A is 20240315 101500
    expect(findPriorStudies(db, UIDS.A).map((s) => s.studyInstanceUid)).toEqual([morning, UIDS.B, UIDS.C]);
    expect(findPriorStudies(db, evening).map((s) => s.studyInstanceUid)).toEqual([UIDS.A, morning, UIDS.B, UIDS.C]);
  });
});

describe('rejected files', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => closeDatabase(db));

  it('records files with their reason, one row per path, most recent first', () => {
    expect(
      recordRejectedFiles(
        db,
        [
          { path: '/in/a.txt', reason: 'not DICOM' },
          { path: '/in/b.dcm', reason: 'truncated' },
        ],
        { now: new Date('2024-05-01T10:00:00Z') },
      ),
    ).toEqual({ recorded: 2 });
    recordRejectedFiles(db, [{ path: '/in/b.dcm', reason: 'unsupported transfer syntax' }], {
      now: new Date('2024-05-02T10:00:00Z'),
    });
    expect(listRejectedFiles(db)).toEqual([
      { path: '/in/b.dcm', reason: 'unsupported transfer syntax', seenAt: '2024-05-02T10:00:00.000Z' },
      { path: '/in/a.txt', reason: 'not DICOM', seenAt: '2024-05-01T10:00:00.000Z' },
    ]);
    expect(listRejectedFiles(db, { limit: 1, offset: 1 }).map((r) => r.path)).toEqual(['/in/a.txt']);
  });

  it('rejects an entry without a path, writing nothing', () => {
    expect(codeOf(() => recordRejectedFiles(db, [{ path: '/ok', reason: 'x' }, { path: '', reason: 'x' }]))).toBe(
      'BAD_REQUEST',
    );
    expect(listRejectedFiles(db)).toEqual([]);
    expect(codeOf(() => listRejectedFiles(db, { limit: 0 }))).toBe('BAD_REQUEST');
  });
});
