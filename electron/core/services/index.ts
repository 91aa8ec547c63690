import type { AnalysisDeps } from '../analysis/analyze-volume';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { ReportService } from '../reports';
import type { SettingsStore } from '../settings/settings-store';
import { createAnalysisService, type AnalysisService } from './analysis-service';
import { createExportsService, type ExportsService } from './exports-service';
import { createReportsService, type ReportsService } from './reports-service';
import { createStudiesService, type StudiesService } from './studies-service';
import { createVolumesService, type VolumesService } from './volumes-service';

export type { AnalysisService, ExportsService, ReportsService, StudiesService, VolumesService };
export { UNIDENTIFIED_READER, type DraftResult } from './reports-service';

/** The product's workflows, one service per domain; IPC, the browser host and the CLI call these. */
export interface Services {
  studies: StudiesService;
  volumes: VolumesService;
  analysis: AnalysisService;
  reports: ReportsService;
  exports: ExportsService;
}

export interface ServicesDeps extends AnalysisDeps {
  dataDir: string;
  events: EventBus;
  logger: Logger;
  reports: ReportService;
  settings?: SettingsStore;
}

export function createServices(deps: ServicesDeps): Services {
  const publish = deps.events.publish.bind(deps.events);
  return {
    studies: createStudiesService(deps),
    volumes: createVolumesService(deps),
    analysis: createAnalysisService(deps),
    reports: createReportsService({ ...deps, publish }),
    exports: createExportsService(deps),
  };
}
