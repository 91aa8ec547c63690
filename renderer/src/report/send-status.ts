import type { PacsNodeView, PacsSendView } from '../../../electron/shared/api/channels/pacs-channels';
import { formatLocalTime } from './local-time';

/**
 * What the report panel shows of a signed report's sends to the PACS (the durable send queue):
 * one line per node, in the reader's words. A send that failed stays listed, with its reason and
 * when it is retried (or that it gave up), until it goes through.
 */
export type SendState = 'not-sent' | 'queued' | 'sending' | 'sent' | 'retrying' | 'failed';

export interface SendStatusRow {
  /** The send's id (null for a send-after-signing node with no send for this report). */
  sendId: number | null;
  nodeId: string;
  nodeName: string;
  state: SendState;
  text: string;
  /** "Retry now" (a failed or waiting send) or "Send" (a node without a send). */
  action: 'retry' | 'send' | null;
}

export function sendStatusRow(send: PacsSendView, nodes: readonly PacsNodeView[], formatTime: (iso: string) => string = formatLocalTime): SendStatusRow {
  const base = { sendId: send.id, nodeId: send.nodeId, nodeName: nodeName(send.nodeId, nodes) };
  const reason = send.lastError?.trim() || 'no reason given';
  switch (send.status) {
    case 'sent':
      return { ...base, state: 'sent', text: `sent at ${formatTime(send.updatedAt)}`, action: null };
    case 'sending':
      return { ...base, state: 'sending', text: 'sending…', action: null };
    case 'failed':
      return { ...base, state: 'failed', text: `failed: ${reason}; gave up after ${send.attempts} attempt${send.attempts === 1 ? '' : 's'}`, action: 'retry' };
    case 'queued':
      return send.lastError === null
        ? { ...base, state: 'queued', text: 'queued', action: null }
        : { ...base, state: 'retrying', text: `failed: ${reason}, retrying at ${formatTime(send.nextAttemptAt)}`, action: 'retry' };
  }
}

/**
 * The rows of one report: for each node its newest send, and any older send (an earlier signed
 * version) that has not gone through; then every send-after-signing node that has no send for it.
 */
export function sendStatusRows(sends: readonly PacsSendView[], nodes: readonly PacsNodeView[], formatTime: (iso: string) => string = formatLocalTime): SendStatusRow[] {
  // Nodes in their configured order (removed ones last), each node's sends newest first.
  const order = (nodeId: string) => {
    const i = nodes.findIndex((n) => n.id === nodeId);
    return i < 0 ? nodes.length : i;
  };
  const newestFirst = [...sends].sort((a, b) => order(a.nodeId) - order(b.nodeId) || a.nodeId.localeCompare(b.nodeId) || b.id - a.id);
  const seen = new Set<string>();
  const rows: SendStatusRow[] = [];
  for (const send of newestFirst) {
    if (seen.has(send.nodeId) && send.status === 'sent') continue;
    seen.add(send.nodeId);
    rows.push(sendStatusRow(send, nodes, formatTime));
  }
  for (const node of nodes) {
    if (node.sendAfterSigning && !seen.has(node.id)) rows.push({ sendId: null, nodeId: node.id, nodeName: node.name, state: 'not-sent', text: 'not sent', action: 'send' });
  }
  return rows;
}

function nodeName(nodeId: string, nodes: readonly PacsNodeView[]): string {
  return nodes.find((n) => n.id === nodeId)?.name ?? `${nodeId} (removed)`;
}
