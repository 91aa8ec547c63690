import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher, type ApiHandlers, type Dispatch } from './api/dispatch';
import { createAnalysisHandlers } from './api/handlers/analysis-handlers';
import { createAppHandlers } from './api/handlers/app-handlers';
import { createCompareHandlers } from './api/handlers/compare-handlers';
import { createImageHandlers } from './api/handlers/image-handlers';
import { createLabelMapHandlers } from './api/handlers/label-map-handlers';
import { createReportHandlers } from './api/handlers/report-handlers';
import { createSettingsHandlers } from './api/handlers/settings-handlers';
import { createStudyHandlers } from './api/handlers/study-handlers';
import { EventBus } from './events/event-bus';
import { InferenceWorker, type ModelPackRoots } from './inference';
import { createLogger, type Logger } from './logging/logger';
import { createPacsCore, type PacsCore } from './pacs/pacs-core';
import type { SecretStore } from './pacs/secret-store';
import { useInstallLogSecret } from './logging/log-secret';
import { registerIndexedPatients } from './logging/phi-registry';
import { createReportService, type ReportService } from './reports';
import { createServices, type Services } from './services';
import type { SqliteDatabase } from './storage/database-types';
import { closeDatabase, openDatabase } from './storage/open-database';
import { createSettingsStore } from './settings/settings-store';
import { StudyVolumeService } from './study-volumes/study-volume-service';
import { adoptLegacySignatures } from './reports/lifecycle/adopt-legacy-signatures';

export interface AppCoreOptions {
  dataDir: string;
  logger?: Logger;
  /** The app's bundled model packs (`native-models/`); user packs live in <dataDir>/models. */
  modelsDir?: string | null;
  /** Where PACS node secrets live (default: memory only; the desktop app passes safeStorage). */
  pacsSecrets?: SecretStore;
}

/**
 * Everything the product does, without Electron: the desktop shell, the browser host, the CLI
 * and the tests all create one of these and talk to it through `dispatch`.
 */
export interface AppCore {
  readonly dataDir: string;
  readonly db: SqliteDatabase;
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly volumes: StudyVolumeService;
  readonly inference: InferenceWorker;
  readonly reports: ReportService;
  readonly modelRoots: ModelPackRoots;
  readonly pacs: PacsCore;
  /** The workflows, one service per domain: every transport (IPC, browser host, CLI) calls these. */
  readonly services: Services;
  /** Names a study the renderer opens first (the demo study when started with --demo). */
  setStartupStudy(studyInstanceUid: string | null): void;
  close(): Promise<void>;
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'radground.sqlite');
}

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const logger = options.logger ?? createLogger();
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(databasePath(options.dataDir));
  useInstallLogSecret(options.dataDir);
  registerIndexedPatients(db); // their names, IDs and birth dates never reach a log line
  adoptLegacySignatures(db); // reports signed before signatures were kept join the ledger once
  const events = new EventBus();
  const volumes = new StudyVolumeService({ db });
  let startupStudy: string | null = null;
  const inference = new InferenceWorker();
  const modelRoots: ModelPackRoots = { appModelsDir: options.modelsDir ?? null, dataDir: options.dataDir };
  const reports = createReportService(db, { loadVolume: (id) => volumes.load(id) });
  const analysisDeps = { db, worker: inference, volumes, modelRoots };
  const settings = createSettingsStore(options.dataDir);
  const services = createServices({ ...analysisDeps, dataDir: options.dataDir, events, logger, reports, settings });
  const pacs = createPacsCore({ db, dataDir: options.dataDir, volumes, logger, publish: (e) => events.publish(e), secrets: options.pacsSecrets });
  const handlers: ApiHandlers = pacs.withSendAfterSigning({
    ...createAppHandlers({ dataDir: options.dataDir, startupStudyInstanceUid: () => startupStudy }),
    ...createStudyHandlers(services),
    ...createAnalysisHandlers(services.analysis, (e) => events.publish(e)),
    ...createLabelMapHandlers(services.analysis),
    ...createReportHandlers(services),
    ...createSettingsHandlers(settings),
    ...createCompareHandlers(services.analysis),
    ...createImageHandlers(services),
    ...pacs.handlers,
  });
  const dispatch = createDispatcher(handlers, logger);
  let closed = false;
  return {
    dataDir: options.dataDir,
    db,
    dispatch,
    events,
    logger,
    volumes,
    inference,
    reports,
    modelRoots,
    pacs,
    services,
    setStartupStudy: (uid) => {
      startupStudy = uid;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      // The worker may still be writing results: stop it before the database closes.
      await inference.close();
      await pacs.close();
      closeDatabase(db);
    },
  };
}
