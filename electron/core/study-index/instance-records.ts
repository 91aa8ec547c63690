import { z } from 'zod';
import type { DicomInstance, Vec3 } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import {
  cleanCode,
  cleanPersonName,
  cleanText,
  foldForSearch,
  normalizeDicomDate,
  normalizeDicomTime,
} from './normalize';

/** The columns one DicomInstance contributes to each table, normalized (see normalize.ts). */
export interface PatientRecord {
  patientId: string; // '' when absent
  name: string; // '' when absent
  nameSearch: string;
  unidentifiedStudyUid: string; // '' unless both PatientID and PatientName are absent
  birthDate: string | null;
  sex: string | null;
}

export interface StudyRecord {
  studyInstanceUid: string;
  studyDate: string | null;
  studyTime: string | null;
  description: string | null;
  accessionNumber: string | null;
}

export interface SeriesRecord {
  seriesInstanceUid: string;
  modality: string | null;
  description: string | null;
  seriesNumber: number | null;
  frameOfReferenceUid: string | null;
  bodyPart: string | null;
  rows: number;
  columns: number;
}

export interface InstanceRecord {
  sopInstanceUid: string;
  sopClassUid: string;
  filePath: string;
  fileSize: number;
  instanceNumber: number | null;
  position: Vec3 | null;
  numberOfFrames: number;
  transferSyntaxUid: string;
  headerJson: string;
}

export interface IndexRecords {
  patient: PatientRecord;
  study: StudyRecord;
  series: SeriesRecord;
  instance: InstanceRecord;
}

const uid = z.string().trim().min(1);
const optionalText = z.string().nullable();
const int = z.number().int();
const position = z.tuple([z.number(), z.number(), z.number()]).nullable();
const frameGeometry = z.object({ imagePositionPatient: position });

/** What indexing needs of a DicomInstance; other fields are kept, unchecked, in header_json. */
const IndexableInstanceSchema = z.object({
  filePath: z.string().min(1),
  fileSize: int.nonnegative(),
  transferSyntaxUid: z.string(),
  sopClassUid: z.string(),
  sopInstanceUid: uid,
  studyInstanceUid: uid,
  seriesInstanceUid: uid,
  frameOfReferenceUid: optionalText,
  patientName: optionalText,
  patientId: optionalText,
  patientBirthDate: optionalText,
  patientSex: optionalText,
  studyDate: optionalText,
  studyTime: optionalText,
  studyDescription: optionalText,
  accessionNumber: optionalText,
  seriesDescription: optionalText,
  seriesNumber: int.nullable(),
  modality: optionalText,
  bodyPartExamined: optionalText,
  instanceNumber: int.nullable(),
  rows: int.nonnegative(),
  columns: int.nonnegative(),
  numberOfFrames: int.nonnegative(),
  geometry: frameGeometry,
  perFrameGeometry: z.array(frameGeometry).nullable(),
});

/**
 * Checks one instance and splits it into table records. Throws BAD_REQUEST (naming the file and
 * the field) when a field the index stores is missing or of the wrong type.
 */
export function toIndexRecords(instance: DicomInstance): IndexRecords {
  const parsed = IndexableInstanceSchema.safeParse(instance);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!; // a failed parse has at least one issue
    const path = typeof instance?.filePath === 'string' ? instance.filePath : '(no filePath)';
    throw new RadGroundError(
      'BAD_REQUEST',
      `Cannot index ${path}: ${issue.path.join('.') || 'instance'}: ${issue.message}`,
      { filePath: path, issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) },
    );
  }
  const d = parsed.data;
  const studyInstanceUid = d.studyInstanceUid.trim();
  const patientId = cleanText(d.patientId) ?? '';
  const name = cleanPersonName(d.patientName) ?? '';

  return {
    patient: {
      patientId,
      name,
      nameSearch: foldForSearch(name),
      unidentifiedStudyUid: patientId === '' && name === '' ? studyInstanceUid : '',
      birthDate: normalizeDicomDate(d.patientBirthDate),
      sex: cleanCode(d.patientSex),
    },
    study: {
      studyInstanceUid,
      studyDate: normalizeDicomDate(d.studyDate),
      studyTime: normalizeDicomTime(d.studyTime),
      description: cleanText(d.studyDescription),
      accessionNumber: cleanText(d.accessionNumber),
    },
    series: {
      seriesInstanceUid: d.seriesInstanceUid.trim(),
      modality: cleanCode(d.modality),
      description: cleanText(d.seriesDescription),
      seriesNumber: d.seriesNumber,
      frameOfReferenceUid: cleanText(d.frameOfReferenceUid),
      bodyPart: cleanCode(d.bodyPartExamined),
      rows: d.rows,
      columns: d.columns,
    },
    instance: {
      sopInstanceUid: d.sopInstanceUid.trim(),
      sopClassUid: d.sopClassUid.trim(),
      filePath: d.filePath,
      fileSize: d.fileSize,
      instanceNumber: d.instanceNumber,
      position: (d.geometry.imagePositionPatient ?? d.perFrameGeometry?.[0]?.imagePositionPatient ?? null),
      numberOfFrames: d.numberOfFrames,
      transferSyntaxUid: d.transferSyntaxUid.trim(),
      headerJson: JSON.stringify(instance),
    },
  };
}
