import type { DicomInstance } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import {
  SERIES_ORDER,
  SERIES_SUMMARY_SELECT,
  STUDY_ORDER_NEWEST_FIRST,
  STUDY_SUMMARY_SELECT,
  toSeriesSummary,
  toStudySummary,
  type SeriesSummaryRow,
  type StudySummaryRow,
} from './rows';
import type { SeriesSummary, StudyDetail, StudySummary } from './schemas';

function notFound(what: 'study' | 'series', uid: string): RadGroundError {
  return new RadGroundError('NOT_FOUND', `No ${what} with UID ${uid} in the index.`, { uid });
}

/** A study and its series (by series number). Throws NOT_FOUND. */
export function getStudy(db: SqliteDatabase, studyUid: string): StudyDetail {
  const row = db.prepare(`${STUDY_SUMMARY_SELECT} WHERE st.study_instance_uid = ?`).get(studyUid) as
    | StudySummaryRow
    | undefined;
  if (!row) throw notFound('study', studyUid);
  const series = db
    .prepare(`${SERIES_SUMMARY_SELECT} WHERE st.study_instance_uid = ? ${SERIES_ORDER}`)
    .all(studyUid) as SeriesSummaryRow[];
  return { ...toStudySummary(row), series: series.map(toSeriesSummary) };
}

/** One series. Throws NOT_FOUND. */
export function getSeries(db: SqliteDatabase, seriesUid: string): SeriesSummary {
  const row = db.prepare(`${SERIES_SUMMARY_SELECT} WHERE se.series_instance_uid = ?`).get(seriesUid) as
    | SeriesSummaryRow
    | undefined;
  if (!row) throw notFound('series', seriesUid);
  return toSeriesSummary(row);
}

/**
 * The stored DicomInstance records of a series, by instance number (unnumbered last, then by
 * SOPInstanceUID). Throws NOT_FOUND for an unknown series.
 */
export function listSeriesInstances(db: SqliteDatabase, seriesUid: string): DicomInstance[] {
  const series = db.prepare('SELECT id FROM series WHERE series_instance_uid = ?').get(seriesUid) as
    | { id: number }
    | undefined;
  if (!series) throw notFound('series', seriesUid);
  const rows = db
    .prepare(
      `SELECT header_json FROM instances WHERE series_ref = ?
       ORDER BY instance_number IS NULL, instance_number, sop_instance_uid`,
    )
    .all(series.id) as { header_json: string }[];
  return rows.map((r) => JSON.parse(r.header_json) as DicomInstance);
}

/**
 * Other studies of the same patient acquired before this one, newest first: an earlier study date,
 * or the same date and an earlier study time. Empty when this study has no date. Throws NOT_FOUND.
 */
export function findPriorStudies(db: SqliteDatabase, studyUid: string): StudySummary[] {
  const current = db
    .prepare('SELECT id, patient_ref, study_date, study_time FROM studies WHERE study_instance_uid = ?')
    .get(studyUid) as { id: number; patient_ref: number; study_date: string | null; study_time: string | null } | undefined;
  if (!current) throw notFound('study', studyUid);
  if (current.study_date === null) return [];
  const rows = db
    .prepare(
      `${STUDY_SUMMARY_SELECT}
       WHERE st.patient_ref = :patient AND st.id <> :id AND st.study_date IS NOT NULL
         AND (st.study_date < :date
              OR (st.study_date = :date AND :time IS NOT NULL AND st.study_time IS NOT NULL AND st.study_time < :time))
       ${STUDY_ORDER_NEWEST_FIRST}`,
    )
    .all({ patient: current.patient_ref, id: current.id, date: current.study_date, time: current.study_time }) as StudySummaryRow[];
  return rows.map(toStudySummary);
}
