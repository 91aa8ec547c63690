import type { VolumeGeometry } from '../../shared/api/channels/study-channels';
import type { Logger } from '../logging/logger';
import type { SqliteDatabase } from '../storage/database-types';
import { getStudy, listSeriesInstances, type SeriesSummary, type StudyDetail } from '../study-index';
import { describeSeriesVolumes } from './volume-geometry';

/** Where a series that makes no volume is reported. */
export type SkippedSeriesLog = Pick<Logger, 'warn'>;

/**
 * The volumes of an indexed series, from its headers (describeSeriesVolumes). A series that cannot
 * be described (not indexed, images without a consistent geometry) yields none and the reason is
 * logged: one such series never fails a call about its study.
 */
export function volumesOfIndexedSeries(db: SqliteDatabase, seriesInstanceUid: string, log: SkippedSeriesLog): VolumeGeometry[] {
  try {
    return describeSeriesVolumes(listSeriesInstances(db, seriesInstanceUid));
  } catch (e) {
    log.warn('series has no volume', { series: seriesInstanceUid, error: e instanceof Error ? e.message : String(e) });
    return [];
  }
}

/** One volume of a study, with the series it comes from. */
export interface StudyVolume {
  series: SeriesSummary;
  volume: VolumeGeometry;
}

/**
 * An indexed study (NOT_FOUND when it is not) and the volumes of its series, series by series in
 * the index's order: what the worklist shows, the reading volume is picked from and packs are
 * checked against. Series that make no volume are skipped (volumesOfIndexedSeries).
 */
export function volumesOfStudy(db: SqliteDatabase, studyInstanceUid: string, log: SkippedSeriesLog): { study: StudyDetail; volumes: StudyVolume[] } {
  const study = getStudy(db, studyInstanceUid);
  const volumes = study.series.flatMap((series) => volumesOfIndexedSeries(db, series.seriesInstanceUid, log).map((volume) => ({ series, volume })));
  return { study, volumes };
}
