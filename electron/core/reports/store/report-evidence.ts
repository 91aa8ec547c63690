/**
 * What a report's checks read besides its regions: the lung assessment of the model run its regions
 * come from (model_runs.assessment, migration 4), and the regions its sentences are linked to.
 */
import { parseLungAssessment, type LungAssessment } from '../../analysis/lung-assessment';
import type { Region } from '../../regions/region';
import type { SqliteDatabase } from '../../storage/database-types';
import { stmt } from './statements';

/**
 * The assessment of the newest run among the regions' runs that recorded one (a region's run is its
 * runId, else the run it is stored under); null when none did (regions drawn by hand, older runs,
 * packs without an assessment): nothing was verified.
 */
export function assessmentOfRegions(db: SqliteDatabase, regions: readonly Pick<Region, 'id' | 'runId'>[]): LungAssessment | null {
  const runIds = new Set<string>();
  const storedRun = stmt(db, 'SELECT m.uid AS uid FROM regions r JOIN model_runs m ON m.id = r.run_ref WHERE r.uid = ?');
  for (const r of regions) {
    const run = r.runId ?? (storedRun.get(r.id) as { uid: string } | undefined)?.uid;
    if (run) runIds.add(run);
  }
  let best: { assessment: string; finished: string } | null = null;
  const q = stmt(db, 'SELECT assessment, finished_at FROM model_runs WHERE uid = ? AND assessment IS NOT NULL');
  for (const uid of runIds) {
    const row = q.get(uid) as { assessment: string; finished_at: string | null } | undefined;
    if (row && (best === null || (row.finished_at ?? '') > best.finished)) best = { assessment: row.assessment, finished: row.finished_at ?? '' };
  }
  return parseLungAssessment(best?.assessment);
}

/** Uids of the regions some sentence of the report is linked to. */
export function linkedRegionIds(db: SqliteDatabase, reportRef: number): Set<string> {
  const rows = stmt(
    db,
    `SELECT DISTINCT g.uid AS uid FROM sentence_regions l
     JOIN regions g ON g.id = l.region_ref
     JOIN report_sentences t ON t.id = l.sentence_ref
     JOIN report_sections s ON s.id = t.section_ref
     WHERE s.report_ref = ?`,
  ).all(reportRef) as { uid: string }[];
  return new Set(rows.map((r) => r.uid));
}
