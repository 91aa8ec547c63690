/**
 * The PACS part of the core: node settings (secrets in a SecretStore: memory in the host and CLI,
 * safeStorage in the desktop app), the service behind the pacs.* channels, and the send queue,
 * started with the core (it resumes what a closed app left) and fed after every signature when a
 * node is marked "send after signing".
 */
import type { ApiEvent } from '../../shared/api/events';
import type { ApiHandlers } from '../api/dispatch';
import { createPacsHandlers } from '../api/handlers/pacs-handlers';
import { createStandardsHandlers } from '../api/handlers/standards-handlers';
import type { Logger } from '../logging/logger';
import { exportReportDicom } from '../standards';
import type { SqliteDatabase } from '../storage/database-types';
import type { StudyVolumeService } from '../study-volumes/study-volume-service';
import { createPacsNodeStore } from './node-store';
import { createPacsService } from './pacs-service';
import { memorySecretStore, type SecretStore } from './secret-store';
import { SendQueue, type SendBackoff } from './send-queue';

export interface PacsCoreDeps {
  db: SqliteDatabase;
  dataDir: string;
  volumes: StudyVolumeService;
  logger: Logger;
  publish: (e: ApiEvent) => void;
  secrets?: SecretStore;
  backoff?: Partial<SendBackoff>;
}

export function createPacsCore(deps: PacsCoreDeps) {
  const nodes = createPacsNodeStore(deps.dataDir, deps.secrets ?? memorySecretStore());
  const queue = new SendQueue({
    db: deps.db,
    resolveNode: (id) => nodes.resolve(id),
    exportObjects: async (uid) => {
      const o = await exportReportDicom(deps, uid);
      return o.seg ? [o.sr, o.seg] : [o.sr];
    },
    logger: deps.logger.child({ part: 'pacs-send' }),
    publish: deps.publish,
    backoff: deps.backoff,
  });
  const service = createPacsService({ db: deps.db, dataDir: deps.dataDir, nodes, importContext: { db: deps.db, logger: deps.logger, publish: deps.publish }, publish: deps.publish });
  const enqueueSigned = (reportUid: string) => {
    for (const nodeId of nodes.sendTargets()) queue.enqueue(reportUid, nodeId);
  };
  queue.start();
  return {
    nodes,
    queue,
    service,
    handlers: { ...createPacsHandlers({ nodes, service, queue }), ...createStandardsHandlers(deps.db) },
    /** The report channels, with signing and addenda followed by a queued send to every send target. */
    withSendAfterSigning<H extends Pick<ApiHandlers, 'reports.sign' | 'reports.addAddendum'>>(handlers: H): H {
      const { 'reports.sign': sign, 'reports.addAddendum': addendum } = handlers;
      return {
        ...handlers,
        'reports.sign': async (req, ctx) => {
          const report = await sign(req, ctx);
          enqueueSigned(report.id);
          return report;
        },
        'reports.addAddendum': async (req, ctx) => {
          const report = await addendum(req, ctx);
          enqueueSigned(report.id);
          return report;
        },
      };
    },
    async close() {
      service.cancelAll();
      await queue.close();
    },
  };
}

export type PacsCore = ReturnType<typeof createPacsCore>;
