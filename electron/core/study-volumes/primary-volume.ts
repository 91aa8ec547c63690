import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import { getStudy, listSeriesInstances } from '../study-index';
import { pickReadingVolume } from './reading-volume';
import { describeSeriesVolumes } from './volume-geometry';

/** The volume a report is drafted on: the study's CT (or other) stack with the most slices. */
export function primaryVolumeOfStudy(deps: { db: SqliteDatabase }, studyInstanceUid: string): string {
  const { series } = getStudy(deps.db, studyInstanceUid);
  const best = pickReadingVolume(series.flatMap((s) => describeSeriesVolumes(listSeriesInstances(deps.db, s.seriesInstanceUid))));
  if (!best) throw new RadGroundError('NOT_FOUND', `study ${studyInstanceUid} has no volume to report on`);
  return best.volumeId;
}
