/** The report panel's send lines: each state of the durable send queue in the reader's words. */
import { describe, expect, it } from 'vitest';
import type { PacsNodeView } from '../../../electron/shared/api/channels/pacs-channels';
import { sendStatusRow, sendStatusRows } from '../../../renderer/src/report/send-status';
import { pacsSend as send } from './support/pacs-send';

const node = (id: string, name: string, sendAfterSigning = true): PacsNodeView => ({ id, name, url: `https://${id}.example/dicom-web`, auth: { kind: 'none' }, sendAfterSigning, hasSecret: false });
const at = (iso: string) => `<${iso}>`;
const nodes = [node('a', 'Main PACS'), node('b', 'Research', false)];

describe('send status mapping', () => {
  it('queued, sending, sent at <local time>, failed with reason and retry time, gave up', () => {
    expect(sendStatusRow(send({}), nodes, at)).toMatchObject({ nodeName: 'Main PACS', state: 'queued', text: 'queued', action: null });
    expect(sendStatusRow(send({ status: 'sending' }), nodes, at)).toMatchObject({ state: 'sending', text: 'sending…', action: null });
    expect(sendStatusRow(send({ status: 'sent', attempts: 1, updatedAt: '2026-12-07T10:01:02.000Z' }), nodes, at)).toMatchObject({ state: 'sent', text: 'sent at <2026-12-07T10:01:02.000Z>', action: null });
    expect(sendStatusRow(send({ attempts: 2, lastError: 'connect ECONNREFUSED', nextAttemptAt: '2026-12-07T10:05:00.000Z' }), nodes, at)).toMatchObject({
      state: 'retrying',
      text: 'failed: connect ECONNREFUSED, retrying at <2026-12-07T10:05:00.000Z>',
      action: 'retry',
    });
    expect(sendStatusRow(send({ status: 'failed', attempts: 10, lastError: 'HTTP 500' }), nodes, at)).toMatchObject({ state: 'failed', text: 'failed: HTTP 500; gave up after 10 attempts', action: 'retry' });
    expect(sendStatusRow(send({ status: 'failed', attempts: 1, lastError: '  ' }), nodes, at).text).toBe('failed: no reason given; gave up after 1 attempt');
    expect(sendStatusRow(send({ nodeId: 'gone' }), nodes, at).nodeName).toBe('gone (removed)');
  });

  it('newest send per node; an older version that has not gone through stays listed; send-after-signing nodes without a send offer "Send"', () => {
    const rows = sendStatusRows(
      [
        send({ id: 1, status: 'sent', contentHash: 'v1' }),
        send({ id: 2, status: 'failed', contentHash: 'v2', attempts: 10, lastError: 'HTTP 500' }),
        send({ id: 3, status: 'sent', contentHash: 'v3' }),
      ],
      [...nodes, node('c', 'Backup')],
      at,
    );
    expect(rows.map((r) => [r.sendId, r.nodeId, r.state])).toEqual([
      [3, 'a', 'sent'],
      [2, 'a', 'failed'],
      [null, 'c', 'not-sent'],
    ]);
    expect(rows[2]).toMatchObject({ text: 'not sent', action: 'send' });
    expect(sendStatusRows([], [node('b', 'Research', false)], at)).toEqual([]);
  });
});
