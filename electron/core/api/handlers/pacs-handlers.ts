import type { PacsNodeStore } from '../../pacs/node-store';
import type { PacsService } from '../../pacs/pacs-service';
import type { SendQueue } from '../../pacs/send-queue';
import type { ApiHandlers } from '../dispatch';

type PacsChannel = Extract<keyof ApiHandlers, `pacs.${string}`>;

export interface PacsHandlerDeps {
  nodes: PacsNodeStore;
  service: PacsService;
  queue: SendQueue;
}

export function createPacsHandlers({ nodes, service, queue }: PacsHandlerDeps): Pick<ApiHandlers, PacsChannel> {
  return {
    'pacs.nodes.list': async () => ({ nodes: nodes.list() }),
    'pacs.nodes.save': async ({ node, secret }) => ({ nodes: nodes.save(node, secret) }),
    'pacs.nodes.remove': async ({ nodeId }) => ({ nodes: nodes.remove(nodeId) }),
    'pacs.query': async ({ nodeId, ...query }) => ({ studies: await service.query(nodeId, query) }),
    'pacs.retrieve': async ({ nodeId, retrieveId, studyInstanceUid, seriesInstanceUid }) => service.retrieve(nodeId, retrieveId, { studyInstanceUid, seriesInstanceUid }),
    'pacs.fetchPriors': async ({ nodeId, retrieveId, studyInstanceUid }) => service.fetchPriors(nodeId, retrieveId, studyInstanceUid),
    'pacs.cancel': async ({ retrieveId }) => ({ cancelled: service.cancel(retrieveId) }),
    'pacs.sends': async ({ reportId }) => ({ sends: queue.list(reportId) }),
    'pacs.send': async ({ reportId, nodeId }) => {
      nodes.resolve(nodeId); // an unknown node is NOT_FOUND now, not a failing send later
      return queue.enqueue(reportId, nodeId);
    },
    'pacs.retrySend': async ({ id }) => queue.retry(id),
  };
}
