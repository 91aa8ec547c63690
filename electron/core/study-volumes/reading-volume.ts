import { pickReadingVolume } from '../../shared/geometry/reading-volume';
import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import { getStudy, listSeriesInstances } from '../study-index';
import { describeSeriesVolumes } from './volume-geometry';

/**
 * The volume a study is read on (the viewer opens it; reports are drafted, compared and exported on
 * it): the shared rule, electron/shared/geometry/reading-volume.ts. Throws NOT_FOUND for a study
 * without a volume.
 */
export function readingVolumeOfStudy(db: SqliteDatabase, studyInstanceUid: string): string {
  const { series } = getStudy(db, studyInstanceUid);
  const best = pickReadingVolume(series.flatMap((s) => describeSeriesVolumes(listSeriesInstances(db, s.seriesInstanceUid))));
  if (!best) throw new RadGroundError('NOT_FOUND', `study ${studyInstanceUid} has no volume to read`);
  return best.volumeId;
}
