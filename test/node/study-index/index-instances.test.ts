import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';
import {
  getSeries,
  getStudy,
  indexInstances,
  listRejectedFiles,
  listSeriesInstances,
  listStudies,
  recordRejectedFiles,
} from '../../../electron/core/study-index';
import { makeInstance, makeSeries, nextUid } from '../../support/dicom-instance-factory';

function counts(db: SqliteDatabase) {
  const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { patients: n('patients'), studies: n('studies'), series: n('series'), instances: n('instances') };
}

function badRequest(fn: () => unknown): RadGroundError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RadGroundError);
    expect((e as RadGroundError).code).toBe('BAD_REQUEST');
    return e as RadGroundError;
  }
  throw new Error('expected BAD_REQUEST, nothing was thrown');
}

describe('indexInstances', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => closeDatabase(db));

  it('adds patients, studies, series and instances', () => {
    const instances = [...makeSeries({ count: 3 }), ...makeSeries({ count: 2 })];
    const result = indexInstances(db, instances);
    expect(result).toEqual({ added: { patients: 1, studies: 2, series: 2, instances: 5 }, updated: 0, skipped: 0 });
    expect(counts(db)).toEqual({ patients: 1, studies: 2, series: 2, instances: 5 });
    expect(getSeries(db, instances[0]!.seriesInstanceUid).instanceCount).toBe(3);
  });

  it('is idempotent: the same files twice add nothing', () => {
    const instances = makeSeries({ count: 4 });
    indexInstances(db, instances);
    const before = counts(db);
    const detailBefore = getStudy(db, instances[0]!.studyInstanceUid);

    const again = indexInstances(db, instances.map((i) => structuredClone(i)));
    expect(again).toEqual({ added: { patients: 0, studies: 0, series: 0, instances: 0 }, updated: 0, skipped: 4 });
    expect(counts(db)).toEqual(before);
    expect(getStudy(db, instances[0]!.studyInstanceUid)).toEqual(detailBefore);
  });

  it('skips a SOP instance repeated within one batch (first one wins)', () => {
    const first = makeInstance();
    const copy = { ...first, filePath: '/elsewhere/copy.dcm' };
    const result = indexInstances(db, [first, copy]);
    expect(result.added.instances).toBe(1);
    expect(result.skipped).toBe(1);
    expect(listSeriesInstances(db, first.seriesInstanceUid).map((i) => i.filePath)).toEqual([first.filePath]);
  });

  it('updates an instance whose file moved, without adding rows', () => {
    const inst = makeSeries({ count: 1 })[0]!;
    indexInstances(db, [inst]);
    const moved = { ...inst, filePath: '/new/place/image.dcm', fileSize: 1234 };
    const result = indexInstances(db, [moved]);
    expect(result).toEqual({ added: { patients: 0, studies: 0, series: 0, instances: 0 }, updated: 1, skipped: 0 });
    expect(listSeriesInstances(db, inst.seriesInstanceUid)).toEqual([moved]);
    const row = db.prepare('SELECT file_path, file_size FROM instances').get();
    expect(row).toEqual({ file_path: '/new/place/image.dcm', file_size: 1234 });
  });

  it('moves an instance to the series its new header names, dropping what is left empty', () => {
    const inst = makeInstance({ studyInstanceUid: nextUid(), seriesInstanceUid: nextUid() });
    const other = makeInstance({ studyInstanceUid: nextUid(), seriesInstanceUid: nextUid(), patientId: 'OTHER', patientName: 'OTHER^ONE' });
    indexInstances(db, [inst, other]);
    const result = indexInstances(db, [{ ...inst, seriesInstanceUid: other.seriesInstanceUid, studyInstanceUid: other.studyInstanceUid }]);
    expect(result.updated).toBe(1);
    expect(getSeries(db, other.seriesInstanceUid).instanceCount).toBe(2);
    expect(() => getSeries(db, inst.seriesInstanceUid)).toThrow(RadGroundError);
    expect(() => getStudy(db, inst.studyInstanceUid)).toThrow(RadGroundError);
    expect(counts(db)).toEqual({ patients: 1, studies: 1, series: 1, instances: 2 });
  });

  it('fills series and study values the first instance lacked, but never overwrites', () => {
    const studyInstanceUid = nextUid();
    const seriesInstanceUid = nextUid();
    const patient = { patientId: 'FILL-1', patientName: 'FILL^ME' };
    const first = makeInstance({ ...patient, studyInstanceUid, seriesInstanceUid, seriesDescription: null, studyDescription: 'FIRST', accessionNumber: null, patientBirthDate: null, instanceNumber: 1 });
    const second = makeInstance({ ...patient, studyInstanceUid, seriesInstanceUid, seriesDescription: 'Axial', studyDescription: 'SECOND', accessionNumber: 'ACC-9', patientBirthDate: '19600202', instanceNumber: 2 });
    // A mis-filed instance of another patient in the same series must not lend its birth date.
    const stranger = makeInstance({ studyInstanceUid, seriesInstanceUid, patientId: 'OTHER', patientName: 'OTHER^ONE', patientBirthDate: '19990909', seriesDescription: null, accessionNumber: null, instanceNumber: 3 });
    indexInstances(db, [first]);
    indexInstances(db, [stranger]);
    expect(getStudy(db, studyInstanceUid).patient.birthDate).toBeNull();
    indexInstances(db, [second]);
    expect(getStudy(db, studyInstanceUid).patient.birthDate).toBe('19600202');
    expect(getSeries(db, seriesInstanceUid).description).toBe('Axial');
    const study = getStudy(db, studyInstanceUid);
    expect(study.description).toBe('FIRST');
    expect(study.accessionNumber).toBe('ACC-9');
    // the free-text index follows the filled-in values
    expect(listStudies(db, { text: 'axial acc-9' }).rows.map((r) => r.studyInstanceUid)).toEqual([studyInstanceUid]);
  });

  it('keys patients by PatientID + PatientName; anonymous studies get a patient each', () => {
    indexInstances(db, [
      makeInstance({ studyInstanceUid: nextUid(), seriesInstanceUid: nextUid(), patientId: 'P1', patientName: 'DOE^JANE' }),
      makeInstance({ studyInstanceUid: nextUid(), seriesInstanceUid: nextUid(), patientId: 'P1', patientName: 'DOE^JANE^^' }),
      makeInstance({ studyInstanceUid: nextUid(), seriesInstanceUid: nextUid(), patientId: 'P2', patientName: 'DOE^JANE' }),
      makeInstance({ studyInstanceUid: nextUid(), seriesInstanceUid: nextUid(), patientId: '', patientName: 'NO^ID' }),
      makeInstance({ studyInstanceUid: nextUid(), seriesInstanceUid: nextUid(), patientId: null, patientName: 'NO^ID' }),
      makeInstance({ studyInstanceUid: nextUid(), seriesInstanceUid: nextUid(), patientId: null, patientName: null }),
      makeInstance({ studyInstanceUid: nextUid(), seriesInstanceUid: nextUid(), patientId: ' ', patientName: '' }),
    ]);
    // P1/DOE^JANE (trailing ^ ignored), P2/DOE^JANE, ''/NO^ID, and one per anonymous study
    expect(counts(db).patients).toBe(5);
  });

  it('stores the full header, normalized dates and the image position', () => {
    const inst = makeInstance({
      studyInstanceUid: nextUid(),
      seriesInstanceUid: nextUid(),
      studyDate: '2021.02.03',
      studyTime: '0930',
      modality: ' mr ',
      geometry: { imagePositionPatient: [1.5, -2.25, 30], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.5, 0.5] },
    });
    indexInstances(db, [inst]);
    const study = getStudy(db, inst.studyInstanceUid);
    expect(study.studyDate).toBe('20210203');
    expect(study.studyTime).toBe('093000');
    expect(study.modalities).toEqual(['MR']);
    const row = db.prepare('SELECT position_x, position_y, position_z, header_json FROM instances').get() as Record<string, unknown>;
    expect([row.position_x, row.position_y, row.position_z]).toEqual([1.5, -2.25, 30]);
    expect(JSON.parse(row.header_json as string)).toEqual(inst);
  });

  it('takes the first frame position of an enhanced multi-frame instance', () => {
    const frame = (z: number) => ({ imagePositionPatient: [0, 0, z] as [number, number, number], imageOrientationPatient: null, pixelSpacing: null });
    const inst = makeInstance({
      numberOfFrames: 3,
      geometry: { imagePositionPatient: null, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [1, 1] },
      perFrameGeometry: [frame(-10), frame(-5), frame(0)],
    });
    indexInstances(db, [inst]);
    expect(db.prepare('SELECT position_z, number_of_frames FROM instances').get()).toEqual({ position_z: -10, number_of_frames: 3 });
  });

  it('rejects a batch containing an unusable instance, writing nothing', () => {
    const good = makeSeries({ count: 2 });
    const err = badRequest(() => indexInstances(db, [...good, makeInstance({ sopInstanceUid: '  ', filePath: '/bad/one.dcm' })]));
    expect(err.message).toContain('/bad/one.dcm');
    badRequest(() => indexInstances(db, [makeInstance({ instanceNumber: 1.5 })]));
    badRequest(() => indexInstances(db, [makeInstance({ fileSize: -1 })]));
    badRequest(() => indexInstances(db, [makeInstance({ studyInstanceUid: undefined as unknown as string })]));
    expect(counts(db)).toEqual({ patients: 0, studies: 0, series: 0, instances: 0 });
  });

  it('rolls back the whole batch when the database fails mid-way', () => {
    const instances = makeSeries({ count: 5 });
    db.exec(`CREATE TEMP TRIGGER fail_on_fourth BEFORE INSERT ON instances
             WHEN NEW.sop_instance_uid = '${instances[3]!.sopInstanceUid}'
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    expect(() => indexInstances(db, instances)).toThrow('disk on fire');
    expect(counts(db)).toEqual({ patients: 0, studies: 0, series: 0, instances: 0 });
    expect(db.inTransaction).toBe(false);
  });

  it('removes a file from the rejected list once it is indexed', () => {
    const inst = makeInstance({ filePath: '/data/retry.dcm' });
    recordRejectedFiles(db, [
      { path: '/data/retry.dcm', reason: 'unsupported transfer syntax' },
      { path: '/data/notes.txt', reason: 'not DICOM' },
    ]);
    indexInstances(db, [inst]);
    expect(listRejectedFiles(db).map((r) => r.path)).toEqual(['/data/notes.txt']);
  });

  it('indexes ~2,000 instances in one batch', () => {
    const big = [
      ...makeSeries({ count: 1500 }),
      ...makeSeries({ count: 400 }),
      ...makeSeries({ count: 100 }),
    ];
    const result = indexInstances(db, big);
    expect(result.added).toEqual({ patients: 1, studies: 3, series: 3, instances: 2000 });
    expect(getSeries(db, big[0]!.seriesInstanceUid).instanceCount).toBe(1500);
    const listed = listSeriesInstances(db, big[0]!.seriesInstanceUid);
    expect(listed).toHaveLength(1500);
    expect(listed.map((i) => i.instanceNumber)).toEqual(Array.from({ length: 1500 }, (_, i) => i + 1));
    expect(indexInstances(db, big).skipped).toBe(2000);
  });
});
