import type { VolumeSummary } from '../../../shared/api/channels/study-channels';
import type { EventBus } from '../../events/event-bus';
import { importPaths } from '../../import/import-paths';
import type { Logger } from '../../logging/logger';
import type { SqliteDatabase } from '../../storage/database-types';
import { findPriorStudies, getStudy, listSeriesInstances, listStudies } from '../../study-index';
import type { StudyVolumeService } from '../../study-volumes/study-volume-service';
import { seriesDisplay } from '../../study-volumes/series-display';
import { describeSeriesVolumes } from '../../study-volumes/volume-geometry';
import type { ReportService } from '../../reports';
import type { ApiHandlers } from '../dispatch';

export interface StudyHandlerDeps {
  db: SqliteDatabase;
  volumes: StudyVolumeService;
  events: EventBus;
  logger: Logger;
  reports: ReportService;
}

type StudyChannel =
  | 'studies.list'
  | 'studies.get'
  | 'studies.import'
  | 'volumes.getGeometry'
  | 'volumes.get'
  | 'volumes.getSlice'
  | 'volumes.getChunk'
  | 'volumes.thumbnail'
  | 'volumes.display';

export function createStudyHandlers(deps: StudyHandlerDeps): Pick<ApiHandlers, StudyChannel> {
  return {
    'studies.list': async (query) => {
      const page = listStudies(deps.db, query);
      return { ...page, rows: page.rows.map((row) => ({ ...row, reportStatus: deps.reports.listReports(row.studyInstanceUid)[0]?.status ?? null })) };
    },
    'studies.get': async ({ studyInstanceUid }) => {
      const { series, ...study } = getStudy(deps.db, studyInstanceUid);
      const volumes: VolumeSummary[] = [];
      for (const s of series) {
        try {
          for (const { sopInstanceUids: _uids, imageNumbering: _numbers, ...g } of describeSeriesVolumes(listSeriesInstances(deps.db, s.seriesInstanceUid))) volumes.push(g);
        } catch (e) {
          deps.logger.warn('series has no volume', { series: s.seriesInstanceUid, error: (e as Error).message });
        }
      }
      return { study, series, volumes, priors: findPriorStudies(deps.db, studyInstanceUid) };
    },
    'studies.import': async ({ paths }) =>
      importPaths({ db: deps.db, logger: deps.logger, publish: (e) => deps.events.publish(e) }, paths),
    'volumes.getGeometry': async ({ volumeId }) => deps.volumes.describe(volumeId),
    'volumes.display': async ({ volumeId }) => seriesDisplay(deps.db, volumeId),
    'volumes.thumbnail': async ({ volumeId }) => {
      const { png, width, height } = await deps.volumes.thumbnail(volumeId);
      return { meta: { width, height, mimeType: 'image/png' as const }, data: png };
    },
    'volumes.get': async ({ volumeId }) => {
      const { volume, meta } = await deps.volumes.loadWithMeta(volumeId);
      const s = volume.scalars;
      return { meta, data: bytesOf(s) };
    },
    'volumes.getSlice': async ({ volumeId, k }) => {
      const { slice, geometry } = await deps.volumes.previewSlice(volumeId, k);
      const dataType = slice.pixels instanceof Int16Array ? ('int16' as const) : ('float32' as const);
      return { meta: { ...geometry, k: slice.k, dataType, sliceWindow: slice.window }, data: bytesOf(slice.pixels) };
    },
    'volumes.getChunk': async ({ volumeId, start, count }, context) => {
      const { scalars, ...meta } = await deps.volumes.chunk(volumeId, start, count);
      // HTTP writes just these bytes; a structured clone (IPC) would carry the whole volume's
      // buffer behind a view, so IPC gets a copy of the chunk alone.
      const bytes = bytesOf(scalars);
      return { meta, data: context.transport === 'ipc' ? bytes.slice() : bytes };
    },
  };
}

/** The bytes of typed voxels, viewed without copying. */
function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
