import type { SeriesDisplay } from '../../shared/api/channels/display-schemas';
import type { SqliteDatabase } from '../storage/database-types';
import type { SkippedSeriesLog } from '../study-volumes/indexed-volumes';
import { readingVolumeOfStudy } from '../study-volumes/reading-volume';
import { seriesDisplay } from '../study-volumes/series-display';
import type { StudyVolumeService } from '../study-volumes/study-volume-service';

/**
 * The volumes of the index: geometry, display, voxels (whole, by chunk, the first slice),
 * thumbnails and color images (through the cached StudyVolumeService), and which volume of a study
 * is read.
 */
export interface VolumesService extends Pick<StudyVolumeService, 'describe' | 'thumbnail' | 'rgbImage' | 'load' | 'loadWithMeta' | 'previewSlice' | 'chunk'> {
  display(volumeId: string): SeriesDisplay;
  /** The volume a study is read, drafted and compared on (electron/shared/geometry/reading-volume.ts). */
  readingVolumeOf(studyInstanceUid: string): string;
}

export function createVolumesService(deps: { db: SqliteDatabase; volumes: StudyVolumeService; logger: SkippedSeriesLog }): VolumesService {
  const { db, volumes, logger } = deps;
  return {
    describe: (volumeId) => volumes.describe(volumeId),
    thumbnail: (volumeId) => volumes.thumbnail(volumeId),
    rgbImage: (volumeId, k) => volumes.rgbImage(volumeId, k),
    load: (volumeId) => volumes.load(volumeId),
    loadWithMeta: (volumeId) => volumes.loadWithMeta(volumeId),
    previewSlice: (volumeId, k) => volumes.previewSlice(volumeId, k),
    chunk: (volumeId, start, count) => volumes.chunk(volumeId, start, count),
    display: (volumeId) => seriesDisplay(db, volumeId),
    readingVolumeOf: (studyInstanceUid) => readingVolumeOfStudy(db, studyInstanceUid, logger),
  };
}
