import type { PacsSendView } from '../../../../electron/shared/api/channels/pacs-channels';

/** A pacs.sends row as the core lists it: report r1 queued for node 'a', nothing tried yet; `over` changes any field. */
export function pacsSend(over: Partial<PacsSendView> = {}): PacsSendView {
  return {
    id: 1,
    reportId: 'r1',
    nodeId: 'a',
    contentHash: 'h1',
    status: 'queued',
    attempts: 0,
    lastError: null,
    nextAttemptAt: '2026-12-07T10:00:00.000Z',
    createdAt: '2026-12-07T10:00:00.000Z',
    updatedAt: '2026-12-07T10:00:00.000Z',
    sent: [],
    ...over,
  };
}
