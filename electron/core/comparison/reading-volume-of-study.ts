import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import { getStudy, listSeriesInstances } from '../study-index';
import { pickReadingVolume } from '../study-volumes/reading-volume';
import { describeSeriesVolumes } from '../study-volumes/volume-geometry';

/** The volume a study is read (and compared) on: CT first, then most slices. Throws NOT_FOUND. */
export function readingVolumeOfStudy(db: SqliteDatabase, studyInstanceUid: string): string {
  const { series } = getStudy(db, studyInstanceUid);
  const best = pickReadingVolume(series.flatMap((s) => describeSeriesVolumes(listSeriesInstances(db, s.seriesInstanceUid))));
  if (!best) throw new RadGroundError('NOT_FOUND', `study ${studyInstanceUid} has no volume to compare`);
  return best.volumeId;
}
