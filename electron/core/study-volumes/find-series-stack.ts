import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import { listSeriesInstances } from '../study-index';
import { groupSeriesStacks, type SeriesStack } from '../volume-assembly';

/**
 * The stack of indexed instances a volume id names: the series UID, or `<series UID>.<n>` for the
 * n-th stack when one series holds several (mixed orientations or image sizes). NOT_FOUND otherwise.
 */
export function findSeriesStack(db: SqliteDatabase, volumeId: string): SeriesStack {
  const lastDot = volumeId.lastIndexOf('.');
  const candidates = lastDot > 0 ? [volumeId, volumeId.slice(0, lastDot)] : [volumeId];
  for (const seriesUid of candidates) {
    let instances;
    try {
      instances = listSeriesInstances(db, seriesUid);
    } catch (e) {
      if (e instanceof RadGroundError && e.code === 'NOT_FOUND') continue;
      throw e;
    }
    const stack = groupSeriesStacks(instances).find((s) => s.id === volumeId);
    if (stack) return stack;
  }
  throw new RadGroundError('NOT_FOUND', `no volume ${volumeId} in the index`);
}
