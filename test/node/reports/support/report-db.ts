/** A database with the demo regions stored, and a report service with a deterministic clock and ids. */
import type { DicomInstance } from '../../../../electron/core/dicom/dicom-instance';
import { demoExamSpec } from '../../../../electron/core/demo/exam-spec';
import type { Region } from '../../../../electron/core/regions/region';
import type { PriorExam } from '../../../../electron/core/reports/schemas';
import { saveRegions } from '../../../../electron/core/regions/region-repository';
import { createReportService, type ReportEnv, type ReportService, type SeriesHeader } from '../../../../electron/core/reports';
import type { SqliteDatabase } from '../../../../electron/core/storage/database-types';
import { openDatabase } from '../../../../electron/core/storage/open-database';
import type { LungAssessment } from '../../../../electron/core/analysis/lung-assessment';
import { storeRun, verifiedAssessment } from './assessments';
import { demoFixture, type DemoFixture } from './demo-regions';

/** Clock starting 2024-03-15T12:00:00Z, one second per call; ids id-0001, id-0002... */
export function testEnv(prefix = 'id'): ReportEnv {
  let t = Date.UTC(2024, 2, 15, 12, 0, 0);
  let n = 0;
  return {
    now: () => new Date((t += 1000)).toISOString(),
    newId: () => `${prefix}-${String(++n).padStart(4, '0')}`,
  };
}

/** Headers of the demo exam's series (full DicomInstance records, as the study index gives them). */
export function demoHeaders(fx: DemoFixture, over: Partial<SeriesHeader> = {}): SeriesHeader[] {
  return demoInstances(fx.exam.role).map((h) => ({ ...h, ...over }));
}

export interface ReportDb {
  db: SqliteDatabase;
  svc: ReportService;
  fx: DemoFixture;
  /** The run the regions are stored under (its assessment is what the report's checks read). */
  runId: string;
  close(): void;
}

/**
 * The demo regions stored under one analysis run; by default the run verified the lungs (every
 * assessment check passed), so drafts state only the findings.
 */
export function openReportDb(path = ':memory:', regions?: (fx: DemoFixture) => Region[], assessment: LungAssessment | null = verifiedAssessment()): ReportDb {
  const fx = demoFixture();
  const db = openDatabase(path);
  const runId = storeRun(db, assessment);
  saveRegions(db, runId, regions ? regions(fx) : fx.all);
  const svc = createReportService(db, { env: testEnv() });
  return { db, svc, fx, runId, close: () => db.close() };
}

/** Drafts the demo report (no prior unless given). */
export function draftDemo(r: ReportDb, opts: { prior?: PriorExam | null; regions?: Region[] } = {}) {
  return r.svc.createDraft(r.fx.exam.studyInstanceUid, {
    author: 'dr.resident',
    regions: opts.regions ?? r.fx.all,
    seriesHeaders: demoHeaders(r.fx),
    prior: opts.prior ?? null,
  });
}

/** Full DicomInstance headers of a demo exam (as the importer would store them), for the study index. */
export function demoInstances(role: 'current' | 'prior'): DicomInstance[] {
  const exam = demoExamSpec(role);
  return Array.from({ length: exam.dims[2] }, (_, k) => ({
    filePath: `/demo/${role}/CT${String(exam.dims[2] - k).padStart(4, '0')}.dcm`,
    fileSize: 530_000,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUid: `${exam.seriesInstanceUid}.${k + 1}`,
    studyInstanceUid: exam.studyInstanceUid,
    seriesInstanceUid: exam.seriesInstanceUid,
    frameOfReferenceUid: exam.frameOfReferenceUid,
    patientName: 'DEMO^PHANTOM',
    patientId: 'RG-DEMO-0001',
    patientBirthDate: '19610704',
    patientSex: 'M',
    studyDate: exam.studyDate,
    studyTime: exam.studyTime,
    studyDescription: exam.studyDescription,
    accessionNumber: exam.accessionNumber,
    seriesDescription: exam.seriesDescription,
    seriesNumber: exam.seriesNumber,
    modality: 'CT',
    bodyPartExamined: 'CHEST',
    instanceNumber: exam.dims[2] - k,
    rows: exam.dims[1],
    columns: exam.dims[0],
    numberOfFrames: 1,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    bitsAllocated: 16,
    bitsStored: 16,
    pixelRepresentation: 1,
    planarConfiguration: null,
    rescaleSlope: 1,
    rescaleIntercept: -1024,
    windowCenter: -600,
    windowWidth: 1500,
    sliceThickness: exam.sliceThicknessMm,
    gantryDetectorTilt: 0,
    contrastBolusAgent: role === 'prior' ? 'NONE' : null,
    kvp: 120,
    manufacturer: 'RadGround',
    geometry: {
      imagePositionPatient: [exam.origin[0], exam.origin[1], exam.origin[2] + k * exam.spacing[2]],
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [exam.spacing[1], exam.spacing[0]],
    },
    perFrameGeometry: null,
  }));
}
