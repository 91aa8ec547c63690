import type { SqliteDatabase } from '../storage/database-types';
import { foldForSearch } from './normalize';

/**
 * Recomputes the values the indexer keeps denormalized (series.instance_count, studies.modalities,
 * studies.search_text) for the given series and their studies, and drops series, studies and
 * patients left empty (which happens only when an instance moved to another series). Call inside
 * the indexing transaction.
 */
export function refreshSeriesAndStudies(db: SqliteDatabase, seriesIds: Iterable<number>): void {
  const countSeries = db.prepare(/* sql */ `
    UPDATE series SET instance_count = (SELECT count(*) FROM instances i WHERE i.series_ref = series.id)
    WHERE id = ? RETURNING study_ref, instance_count`);
  const deleteSeries = db.prepare('DELETE FROM series WHERE id = ?');

  const studyIds = new Set<number>();
  for (const id of seriesIds) {
    const row = countSeries.get(id) as { study_ref: number; instance_count: number } | undefined;
    if (!row) continue;
    studyIds.add(row.study_ref);
    if (row.instance_count === 0) deleteSeries.run(id);
  }

  const selectStudy = db.prepare(/* sql */ `
    SELECT st.description, st.accession_number, st.patient_ref, p.patient_id, p.name
    FROM studies st JOIN patients p ON p.id = st.patient_ref WHERE st.id = ?`);
  const selectSeries = db.prepare('SELECT modality, description, body_part FROM series WHERE study_ref = ?');
  const updateStudy = db.prepare('UPDATE studies SET modalities = ?, search_text = ? WHERE id = ?');
  const deleteStudy = db.prepare('DELETE FROM studies WHERE id = ?');
  const deletePatientIfEmpty = db.prepare(
    'DELETE FROM patients WHERE id = ? AND NOT EXISTS (SELECT 1 FROM studies WHERE patient_ref = patients.id)',
  );

  for (const studyId of studyIds) {
    const study = selectStudy.get(studyId) as
      | { description: string | null; accession_number: string | null; patient_ref: number; patient_id: string; name: string }
      | undefined;
    if (!study) continue;
    const series = selectSeries.all(studyId) as { modality: string | null; description: string | null; body_part: string | null }[];
    if (series.length === 0) {
      deleteStudy.run(studyId);
      deletePatientIfEmpty.run(study.patient_ref);
      continue;
    }
    const modalities = [...new Set(series.map((x) => x.modality).filter((m): m is string => m !== null))].sort();
    const fields = [
      study.name,
      study.patient_id,
      study.description,
      study.accession_number,
      ...series.flatMap((x) => [x.description, x.body_part]),
    ];
    // One field a line: search words never contain whitespace, so a match cannot span two fields.
    const searchText = [...new Set(fields.filter((f): f is string => !!f).map(foldForSearch))].join('\n');
    updateStudy.run(JSON.stringify(modalities), searchText, studyId);
  }
}
