import type { SqliteDatabase } from '../../../../electron/core/storage/database-types';
import { indexInstances } from '../../../../electron/core/study-index';
import { makeSeries } from '../../../support/dicom-instance-factory';

/**
 * A small worklist:
 *
 *   A  DEMO^PHANTOM  RG-0001  20240315 101500  CT CHEST W/O CONTRAST  CT (2 series, 3 + 2 images)
 *   B  DEMO^PHANTOM  RG-0001  20230110 083000  CT/MR FOLLOW-UP         CT + MR (1 + 1)
 *   C  DEMO^PHANTOM  RG-0001  20220505         MR BRAIN                MR (2), accession ACC-77
 *   D  Müller^Anna   XY-42    20240101 120000  PET/CT WHOLE BODY       PT + CT (1 + 1)
 *   E  (no name, no ID)       (no date)        US ABDOMEN              US (1)
 */
export const UIDS = {
  A: '1.2.826.0.1.3680043.10.1.1',
  B: '1.2.826.0.1.3680043.10.1.2',
  C: '1.2.826.0.1.3680043.10.1.3',
  D: '1.2.826.0.1.3680043.10.1.4',
  E: '1.2.826.0.1.3680043.10.1.5',
} as const;

const demo = { patientName: 'DEMO^PHANTOM', patientId: 'RG-0001', patientBirthDate: '19700101', patientSex: 'O' };

export function seedWorklist(db: SqliteDatabase): void {
  const instances = [
    ...makeSeries({
      count: 3,
      studyInstanceUid: UIDS.A,
      seriesInstanceUid: `${UIDS.A}.1`,
      common: { ...demo, studyDate: '20240315', studyTime: '101500', studyDescription: 'CT CHEST W/O CONTRAST', accessionNumber: 'ACC-10', modality: 'CT', seriesNumber: 2, seriesDescription: 'Axial 2.5mm', bodyPartExamined: 'CHEST' },
    }),
    ...makeSeries({
      count: 2,
      studyInstanceUid: UIDS.A,
      seriesInstanceUid: `${UIDS.A}.2`,
      common: { ...demo, studyDate: '20240315', studyTime: '101500', studyDescription: 'CT CHEST W/O CONTRAST', accessionNumber: 'ACC-10', modality: 'CT', seriesNumber: 1, seriesDescription: 'Scout', bodyPartExamined: 'CHEST' },
    }),
    ...makeSeries({
      count: 1,
      studyInstanceUid: UIDS.B,
      seriesInstanceUid: `${UIDS.B}.1`,
      common: { ...demo, studyDate: '20230110', studyTime: '083000', studyDescription: 'CT/MR FOLLOW-UP', accessionNumber: 'ACC-20', modality: 'CT', seriesNumber: 1, seriesDescription: 'Lung kernel', bodyPartExamined: 'CHEST' },
    }),
    ...makeSeries({
      count: 1,
      studyInstanceUid: UIDS.B,
      seriesInstanceUid: `${UIDS.B}.2`,
      common: { ...demo, studyDate: '20230110', studyTime: '083000', studyDescription: 'CT/MR FOLLOW-UP', accessionNumber: 'ACC-20', modality: 'MR', seriesNumber: 2, seriesDescription: 'T1 post', bodyPartExamined: 'LIVER' },
    }),
    ...makeSeries({
      count: 2,
      studyInstanceUid: UIDS.C,
      seriesInstanceUid: `${UIDS.C}.1`,
      common: { ...demo, studyDate: '20220505', studyTime: null, studyDescription: 'MR BRAIN', accessionNumber: 'ACC-77', modality: 'MR', seriesNumber: 1, seriesDescription: 'FLAIR', bodyPartExamined: 'HEAD' },
    }),
    ...makeSeries({
      count: 1,
      studyInstanceUid: UIDS.D,
      seriesInstanceUid: `${UIDS.D}.1`,
      common: { patientName: 'Müller^Anna', patientId: 'XY-42', patientBirthDate: '19850612', patientSex: 'F', studyDate: '20240101', studyTime: '120000', studyDescription: 'PET/CT WHOLE BODY', accessionNumber: 'ACC-30', modality: 'PT', seriesNumber: 1, seriesDescription: 'PET AC', bodyPartExamined: 'WHOLEBODY' },
    }),
    ...makeSeries({
      count: 1,
      studyInstanceUid: UIDS.D,
      seriesInstanceUid: `${UIDS.D}.2`,
      common: { patientName: 'Müller^Anna', patientId: 'XY-42', patientBirthDate: '19850612', patientSex: 'F', studyDate: '20240101', studyTime: '120000', studyDescription: 'PET/CT WHOLE BODY', accessionNumber: 'ACC-30', modality: 'CT', seriesNumber: 2, seriesDescription: 'CT AC', bodyPartExamined: 'WHOLEBODY' },
    }),
    ...makeSeries({
      count: 1,
      studyInstanceUid: UIDS.E,
      seriesInstanceUid: `${UIDS.E}.1`,
      common: { patientName: null, patientId: null, patientBirthDate: null, patientSex: null, studyDate: null, studyTime: null, studyDescription: 'US ABDOMEN', accessionNumber: null, modality: 'US', seriesNumber: 1, seriesDescription: null, bodyPartExamined: 'ABDOMEN' },
    }),
  ];
  indexInstances(db, instances);
}
