import type { DicomInstance } from '../dicom/dicom-instance';
import type { SqliteDatabase } from '../storage/database-types';
import { toIndexRecords, type IndexRecords } from './instance-records';
import { refreshSeriesAndStudies } from './refresh-summaries';
import type { IndexResult } from './schemas';
import { registerPatientPhi } from '../logging/phi-registry';

export interface IndexInstancesOptions {
  /** Timestamp written to indexed_at (default: now). */
  now?: Date;
}

/**
 * Adds DICOM instances to the index, in one transaction for the whole batch.
 *
 * Idempotent: rows are keyed by their DICOM UIDs (patients by PatientID + PatientName), so indexing
 * the same files again adds nothing. An instance already indexed is updated in place when its
 * header record changed (a moved file, a re-parse) and skipped otherwise. Studies and series keep
 * the values they were first indexed with; later instances only fill values still missing. An
 * instance whose series (or study) is already indexed under another study (or patient) is filed
 * where that series (study) already is.
 *
 * All instances are checked first (BAD_REQUEST, nothing written, when one lacks a UID or has a
 * field of the wrong type). A path that is indexed is removed from rejected_files.
 */
export function indexInstances(
  db: SqliteDatabase,
  instances: readonly DicomInstance[],
  options: IndexInstancesOptions = {},
): IndexResult {
  const records = instances.map(toIndexRecords);
  for (const r of records) registerPatientPhi({ name: r.patient.name, patientId: r.patient.patientId, birthDate: r.patient.birthDate }); // logs never show them
  const indexedAt = (options.now ?? new Date()).toISOString();
  const s = prepareStatements(db);

  return db
    .transaction((): IndexResult => {
      const result: IndexResult = {
        added: { patients: 0, studies: 0, series: 0, instances: 0 },
        updated: 0,
        skipped: 0,
      };
      const seen = new Set<string>();
      const touchedSeries = new Set<number>();

      for (const r of records) {
        const uid = r.instance.sopInstanceUid;
        if (seen.has(uid)) {
          result.skipped++;
          continue;
        }
        seen.add(uid);

        const existing = s.selectInstance.get(uid) as { id: number; series_ref: number; header_json: string } | undefined;
        if (existing && existing.header_json === r.instance.headerJson) {
          result.skipped++;
          continue;
        }

        const seriesId = resolveSeries(s, r, indexedAt, result);
        const i = r.instance;
        const values = {
          sop_instance_uid: uid,
          series_ref: seriesId,
          sop_class_uid: i.sopClassUid,
          file_path: i.filePath,
          file_size: i.fileSize,
          instance_number: i.instanceNumber,
          position_x: i.position?.[0] ?? null,
          position_y: i.position?.[1] ?? null,
          position_z: i.position?.[2] ?? null,
          number_of_frames: i.numberOfFrames,
          transfer_syntax_uid: i.transferSyntaxUid,
          header_json: i.headerJson,
          indexed_at: indexedAt,
        };
        if (existing) {
          s.updateInstance.run({ ...values, id: existing.id });
          touchedSeries.add(existing.series_ref);
          result.updated++;
        } else {
          s.insertInstance.run(values);
          result.added.instances++;
        }
        touchedSeries.add(seriesId);
        s.deleteRejected.run(i.filePath);
      }

      refreshSeriesAndStudies(db, touchedSeries);
      return result;
    })
    .immediate();
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: SqliteDatabase) {
  return {
    selectInstance: db.prepare('SELECT id, series_ref, header_json FROM instances WHERE sop_instance_uid = ?'),
    insertInstance: db.prepare(/* sql */ `
      INSERT INTO instances (sop_instance_uid, series_ref, sop_class_uid, file_path, file_size, instance_number,
        position_x, position_y, position_z, number_of_frames, transfer_syntax_uid, header_json, indexed_at)
      VALUES (:sop_instance_uid, :series_ref, :sop_class_uid, :file_path, :file_size, :instance_number,
        :position_x, :position_y, :position_z, :number_of_frames, :transfer_syntax_uid, :header_json, :indexed_at)`),
    updateInstance: db.prepare(/* sql */ `
      UPDATE instances SET series_ref = :series_ref, sop_class_uid = :sop_class_uid, file_path = :file_path,
        file_size = :file_size, instance_number = :instance_number, position_x = :position_x,
        position_y = :position_y, position_z = :position_z, number_of_frames = :number_of_frames,
        transfer_syntax_uid = :transfer_syntax_uid, header_json = :header_json, indexed_at = :indexed_at
      WHERE id = :id AND sop_instance_uid = :sop_instance_uid`),
    deleteRejected: db.prepare('DELETE FROM rejected_files WHERE path = ?'),

    selectSeries: db.prepare(/* sql */ `
      SELECT se.id, se.study_ref, st.patient_ref
      FROM series se JOIN studies st ON st.id = se.study_ref
      WHERE se.series_instance_uid = ?`),
    insertSeries: db.prepare(/* sql */ `
      INSERT INTO series (series_instance_uid, study_ref, modality, description, series_number,
        frame_of_reference_uid, body_part, pixel_rows, pixel_columns)
      VALUES (:uid, :study_ref, :modality, :description, :series_number, :frame_of_reference_uid, :body_part,
        :pixel_rows, :pixel_columns)
      RETURNING id`),
    fillSeries: db.prepare(/* sql */ `
      UPDATE series SET
        modality = coalesce(modality, :modality),
        description = coalesce(description, :description),
        series_number = coalesce(series_number, :series_number),
        frame_of_reference_uid = coalesce(frame_of_reference_uid, :frame_of_reference_uid),
        body_part = coalesce(body_part, :body_part),
        pixel_rows = coalesce(pixel_rows, :pixel_rows),
        pixel_columns = coalesce(pixel_columns, :pixel_columns)
      WHERE id = :id AND (modality IS NULL OR description IS NULL OR series_number IS NULL
        OR frame_of_reference_uid IS NULL OR body_part IS NULL OR pixel_rows IS NULL OR pixel_columns IS NULL)`),

    selectStudy: db.prepare('SELECT id, patient_ref FROM studies WHERE study_instance_uid = ?'),
    insertStudy: db.prepare(/* sql */ `
      INSERT INTO studies (study_instance_uid, patient_ref, study_date, study_time, description, accession_number, indexed_at)
      VALUES (:uid, :patient_ref, :study_date, :study_time, :description, :accession_number, :indexed_at)
      RETURNING id`),
    fillStudy: db.prepare(/* sql */ `
      UPDATE studies SET
        study_date = coalesce(study_date, :study_date),
        study_time = coalesce(study_time, :study_time),
        description = coalesce(description, :description),
        accession_number = coalesce(accession_number, :accession_number)
      WHERE id = :id AND (study_date IS NULL OR study_time IS NULL OR description IS NULL OR accession_number IS NULL)`),

    selectPatient: db.prepare(
      'SELECT id FROM patients WHERE patient_id = ? AND name = ? AND unidentified_study_uid = ?',
    ),
    insertPatient: db.prepare(/* sql */ `
      INSERT INTO patients (patient_id, name, name_search, unidentified_study_uid, birth_date, sex)
      VALUES (:patient_id, :name, :name_search, :unidentified_study_uid, :birth_date, :sex)
      RETURNING id`),
    fillPatient: db.prepare(/* sql */ `
      UPDATE patients SET birth_date = coalesce(birth_date, :birth_date), sex = coalesce(sex, :sex)
      WHERE id = :id AND patient_id = :patient_id AND name = :name AND (birth_date IS NULL OR sex IS NULL)`),
  };
}

/** The series row for this instance, created (with its study and patient, if new) when missing. */
function resolveSeries(s: Statements, r: IndexRecords, indexedAt: string, result: IndexResult): number {
  const se = r.series;
  const seriesValues = {
    modality: se.modality,
    description: se.description,
    series_number: se.seriesNumber,
    frame_of_reference_uid: se.frameOfReferenceUid,
    body_part: se.bodyPart,
    pixel_rows: se.rows,
    pixel_columns: se.columns,
  };
  const found = s.selectSeries.get(se.seriesInstanceUid) as
    | { id: number; study_ref: number; patient_ref: number }
    | undefined;
  if (found) {
    s.fillSeries.run({ ...seriesValues, id: found.id });
    fillStudy(s, r, found.study_ref);
    fillPatient(s, r, found.patient_ref);
    return found.id;
  }
  const studyId = resolveStudy(s, r, indexedAt, result);
  const inserted = s.insertSeries.get({ ...seriesValues, uid: se.seriesInstanceUid, study_ref: studyId }) as { id: number };
  result.added.series++;
  return inserted.id;
}

function resolveStudy(s: Statements, r: IndexRecords, indexedAt: string, result: IndexResult): number {
  const st = r.study;
  const found = s.selectStudy.get(st.studyInstanceUid) as { id: number; patient_ref: number } | undefined;
  if (found) {
    fillStudy(s, r, found.id);
    fillPatient(s, r, found.patient_ref);
    return found.id;
  }
  const patientId = resolvePatient(s, r, result);
  const inserted = s.insertStudy.get({
    ...studyValues(r),
    uid: st.studyInstanceUid,
    patient_ref: patientId,
    indexed_at: indexedAt,
  }) as { id: number };
  result.added.studies++;
  return inserted.id;
}

function studyValues(r: IndexRecords) {
  return {
    study_date: r.study.studyDate,
    study_time: r.study.studyTime,
    description: r.study.description,
    accession_number: r.study.accessionNumber,
  };
}

/** Values still missing on an existing row are taken from this instance; present ones are kept. */
function fillStudy(s: Statements, r: IndexRecords, studyId: number): void {
  s.fillStudy.run({ ...studyValues(r), id: studyId });
}

function fillPatient(s: Statements, r: IndexRecords, patientId: number): void {
  // Only from an instance naming the same patient (a mis-filed instance must not mix patients).
  const p = r.patient;
  s.fillPatient.run({ birth_date: p.birthDate, sex: p.sex, id: patientId, patient_id: p.patientId, name: p.name });
}

function resolvePatient(s: Statements, r: IndexRecords, result: IndexResult): number {
  const p = r.patient;
  const found = s.selectPatient.get(p.patientId, p.name, p.unidentifiedStudyUid) as { id: number } | undefined;
  if (found) {
    fillPatient(s, r, found.id);
    return found.id;
  }
  const inserted = s.insertPatient.get({
    patient_id: p.patientId,
    name: p.name,
    name_search: p.nameSearch,
    unidentified_study_uid: p.unidentifiedStudyUid,
    birth_date: p.birthDate,
    sex: p.sex,
  }) as { id: number };
  result.added.patients++;
  return inserted.id;
}
