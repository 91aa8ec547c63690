import type { RequestOf, ResponseOf } from '../../shared/api/contract';
import type { ImportSummary, VolumeSummary } from '../../shared/api/channels/study-channels';
import { pickReadingVolume } from '../../shared/geometry/reading-volume';
import { RadGroundError } from '../errors/radground-error';
import type { EventBus } from '../events/event-bus';
import { importDemoStudies, type DemoImport } from '../import/import-demo-studies';
import { importPaths } from '../import/import-paths';
import type { Logger } from '../logging/logger';
import type { PacsNode } from '../pacs/pacs-node';
import { retrieveIntoIndex } from '../pacs/retrieve-into-index';
import type { RetrieveOptions, RetrieveTarget } from '../pacs/wado-retrieve';
import type { ReportService } from '../reports';
import type { SqliteDatabase } from '../storage/database-types';
import { findPriorStudies, getSeries, listStudies } from '../study-index';
import type { StudyVolumeService } from '../study-volumes/study-volume-service';
import { volumesOfStudy } from '../study-volumes/indexed-volumes';

export interface StudiesServiceDeps {
  db: SqliteDatabase;
  dataDir: string;
  volumes: StudyVolumeService;
  events: EventBus;
  logger: Logger;
  reports: ReportService;
}

/** The worklist, one study with its volumes and priors, and importing (files, folders, the demo). */
export interface StudiesService {
  list(query: RequestOf<'studies.list'>): ResponseOf<'studies.list'>;
  get(studyInstanceUid: string): ResponseOf<'studies.get'>;
  import(paths: string[]): Promise<ImportSummary>;
  importDemo(): Promise<DemoImport>;
  /** Retrieves a study (or series) from a PACS node over WADO-RS and imports it. */
  retrieveFromPacs(node: PacsNode, target: RetrieveTarget, options?: Omit<RetrieveOptions, 'total'>): Promise<ImportSummary>;
  /** The study a series belongs to (NOT_FOUND for an unknown series). */
  studyOfSeries(seriesInstanceUid: string): string;
  /** Imports a path (idempotent) and returns the volume a reader would start on (the shared rule). */
  importAndPickVolume(path: string): Promise<string>;
  /** Imports a path and returns the study of the volume a reader would start on. */
  importStudy(path: string): Promise<string>;
}

export function createStudiesService(deps: StudiesServiceDeps): StudiesService {
  const importContext = { db: deps.db, logger: deps.logger, publish: deps.events.publish.bind(deps.events) };
  const service: StudiesService = {
    list(query) {
      const page = listStudies(deps.db, query);
      return { ...page, rows: page.rows.map((row) => ({ ...row, reportStatus: deps.reports.listReports(row.studyInstanceUid)[0]?.status ?? null })) };
    },
    get(studyInstanceUid) {
      const {
        study: { series, ...study },
        volumes,
      } = volumesOfStudy(deps.db, studyInstanceUid, deps.logger);
      const summaries: VolumeSummary[] = volumes.map(({ volume: { sopInstanceUids: _uids, imageNumbering: _numbers, ...summary } }) => summary);
      return { study, series, volumes: summaries, priors: findPriorStudies(deps.db, studyInstanceUid) };
    },
    import: (paths) => importPaths(importContext, paths),
    importDemo: () => importDemoStudies(importContext, deps.dataDir),
    retrieveFromPacs: (node, target, options) => retrieveIntoIndex({ ...importContext, dataDir: deps.dataDir }, node, target, options),
    studyOfSeries: (seriesInstanceUid) => getSeries(deps.db, seriesInstanceUid).studyInstanceUid,
    async importAndPickVolume(path) {
      const summary = await service.import([path]);
      const picked = pickReadingVolume(summary.volumes);
      if (!picked) {
        const why = summary.rejected.slice(0, 3).map((r) => `${r.path}: ${r.reason}`).join('; ');
        throw new RadGroundError('UNSUPPORTED_INPUT', `no volume could be built from ${path}${why ? ` (${why})` : ''}`);
      }
      return picked.volumeId;
    },
    async importStudy(path) {
      const { seriesInstanceUid } = deps.volumes.describe(await service.importAndPickVolume(path));
      if (!seriesInstanceUid) throw new RadGroundError('UNSUPPORTED_INPUT', `the volume imported from ${path} belongs to no series`);
      return service.studyOfSeries(seriesInstanceUid);
    },
  };
  return service;
}
