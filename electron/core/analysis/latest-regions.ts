import { parseLungAssessment, type LungAssessment } from './lung-assessment';
import type { Region } from '../regions/region';
import { listRegions } from '../regions/region-repository';
import type { SqliteDatabase } from '../storage/database-types';

/**
 * The regions a reader works with on a volume: those of the newest successful analysis, plus the
 * regions drawn by hand (no run). Older runs stay stored for provenance.
 */
export function latestRegionsOfVolume(db: SqliteDatabase, volumeId: string, opts: { includeMasks?: boolean } = {}): Region[] {
  const latest = db
    .prepare(`SELECT uid FROM model_runs WHERE volume_id = ? AND status = 'succeeded' ORDER BY finished_at DESC, id DESC LIMIT 1`)
    .get(volumeId) as { uid: string } | undefined;
  const all = listRegions(db, { volumeId }, opts);
  return all.filter((r) => r.runId === null || r.runId === latest?.uid);
}

/** What the newest successful analysis of a volume verified about the lungs; null: nothing verified. */
export function latestAssessmentOfVolume(db: SqliteDatabase, volumeId: string): LungAssessment | null {
  const latest = db
    .prepare(`SELECT assessment FROM model_runs WHERE volume_id = ? AND status = 'succeeded' ORDER BY finished_at DESC, id DESC LIMIT 1`)
    .get(volumeId) as { assessment: string | null } | undefined;
  return parseLungAssessment(latest?.assessment);
}
