import { pickReadingVolume } from '../../shared/geometry/reading-volume';
import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import { volumesOfStudy, type SkippedSeriesLog } from './indexed-volumes';

/**
 * The volume a study is read on (the viewer opens it; reports are drafted, compared and exported on
 * it): the shared rule, electron/shared/geometry/reading-volume.ts, over the study's volumes (a
 * series that makes no volume is skipped and logged). Throws NOT_FOUND for a study without a volume.
 */
export function readingVolumeOfStudy(db: SqliteDatabase, studyInstanceUid: string, log: SkippedSeriesLog): string {
  const best = pickReadingVolume(volumesOfStudy(db, studyInstanceUid, log).volumes.map((v) => v.volume));
  if (!best) throw new RadGroundError('NOT_FOUND', `study ${studyInstanceUid} has no volume to read`);
  return best.volumeId;
}
