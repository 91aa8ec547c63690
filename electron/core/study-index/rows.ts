import type { SeriesSummary, StudySummary } from './schemas';

/**
 * SQL fragments and row mappers shared by the read queries, so a worklist row, a study detail and a
 * prior study all have the same shape.
 */

/** Selects one StudySummary row per study; alias `st` is studies, `p` patients. Append WHERE/ORDER. */
export const STUDY_SUMMARY_SELECT = /* sql */ `
SELECT
  st.study_instance_uid AS study_instance_uid,
  st.study_date         AS study_date,
  st.study_time         AS study_time,
  st.description        AS description,
  st.accession_number   AS accession_number,
  st.modalities         AS modalities,
  p.patient_id          AS patient_id,
  p.name                AS patient_name,
  p.birth_date          AS birth_date,
  p.sex                 AS sex,
  (SELECT count(*) FROM series se WHERE se.study_ref = st.id)                       AS series_count,
  (SELECT coalesce(sum(se.instance_count), 0) FROM series se WHERE se.study_ref = st.id) AS instance_count
FROM studies st
JOIN patients p ON p.id = st.patient_ref
`;

/** Worklist order: newest study first, undated studies last, ties stable. */
export const STUDY_ORDER_NEWEST_FIRST = /* sql */ `
ORDER BY st.study_date DESC NULLS LAST, st.study_time DESC NULLS LAST, st.id DESC
`;

export interface StudySummaryRow {
  study_instance_uid: string;
  study_date: string | null;
  study_time: string | null;
  description: string | null;
  accession_number: string | null;
  modalities: string;
  patient_id: string;
  patient_name: string;
  birth_date: string | null;
  sex: string | null;
  series_count: number;
  instance_count: number;
}

const emptyToNull = (s: string): string | null => (s === '' ? null : s);

export function toStudySummary(row: StudySummaryRow): StudySummary {
  return {
    studyInstanceUid: row.study_instance_uid,
    patient: {
      patientId: emptyToNull(row.patient_id),
      name: emptyToNull(row.patient_name),
      birthDate: row.birth_date,
      sex: row.sex,
    },
    studyDate: row.study_date,
    studyTime: row.study_time,
    description: row.description,
    accessionNumber: row.accession_number,
    modalities: JSON.parse(row.modalities) as string[],
    seriesCount: row.series_count,
    instanceCount: row.instance_count,
  };
}

/** Selects one SeriesSummary row; alias `se` is series, `st` studies. Append WHERE/ORDER. */
export const SERIES_SUMMARY_SELECT = /* sql */ `
SELECT
  se.series_instance_uid     AS series_instance_uid,
  st.study_instance_uid      AS study_instance_uid,
  se.modality                AS modality,
  se.description             AS description,
  se.series_number           AS series_number,
  se.frame_of_reference_uid  AS frame_of_reference_uid,
  se.body_part               AS body_part,
  se.pixel_rows              AS pixel_rows,
  se.pixel_columns           AS pixel_columns,
  se.instance_count          AS instance_count
FROM series se
JOIN studies st ON st.id = se.study_ref
`;

/** Series order within a study: by series number (unnumbered last), then UID. */
export const SERIES_ORDER = /* sql */ `
ORDER BY se.series_number IS NULL, se.series_number, se.series_instance_uid
`;

export interface SeriesSummaryRow {
  series_instance_uid: string;
  study_instance_uid: string;
  modality: string | null;
  description: string | null;
  series_number: number | null;
  frame_of_reference_uid: string | null;
  body_part: string | null;
  pixel_rows: number | null;
  pixel_columns: number | null;
  instance_count: number;
}

export function toSeriesSummary(row: SeriesSummaryRow): SeriesSummary {
  return {
    seriesInstanceUid: row.series_instance_uid,
    studyInstanceUid: row.study_instance_uid,
    modality: row.modality,
    description: row.description,
    seriesNumber: row.series_number,
    frameOfReferenceUid: row.frame_of_reference_uid,
    bodyPart: row.body_part,
    rows: row.pixel_rows,
    columns: row.pixel_columns,
    instanceCount: row.instance_count,
  };
}
