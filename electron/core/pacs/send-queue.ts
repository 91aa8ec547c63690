/**
 * The persistent PACS send queue: STOW-RS of signed reports' SR + SEG, one row per report version
 * and node in pacs_sends (migration 9). A failed attempt is retried with exponential backoff
 * (base × 2^(attempts−1), capped); after `maxAttempts` the send is 'failed' and stays listed with
 * its last error until retried by hand. Closing the app mid-send leaves the row queued (the attempt
 * is not counted), and a row a crash left 'sending' is queued again at start: nothing is lost.
 */
import type { PacsSendView } from '../../shared/api/channels/pacs-channels';
import type { ApiEvent } from '../../shared/api/events';
import { RadGroundError } from '../errors/radground-error';
import type { Logger } from '../logging/logger';
import { getReportRow, isSigned } from '../reports/store/report-rows';
import type { SqliteDatabase } from '../storage/database-types';
import type { PacsNode } from './pacs-node';
import { storeInstances } from './stow-store';

export interface SendBackoff {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
  /** One attempt may take at most this long (a PACS that hangs counts as a failure). */
  attemptTimeoutMs: number;
}

export const DEFAULT_BACKOFF: SendBackoff = { baseMs: 5_000, maxMs: 10 * 60_000, maxAttempts: 10, attemptTimeoutMs: 120_000 };

export interface SendQueueDeps {
  db: SqliteDatabase;
  resolveNode(nodeId: string): PacsNode;
  /** The DICOM objects (SR, SEG) of a signed report, exported afresh (identical each time). */
  exportObjects(reportUid: string): Promise<Buffer[]>;
  logger?: Logger;
  publish?: (e: ApiEvent) => void;
  backoff?: Partial<SendBackoff>;
  now?: () => number;
}

interface SendRow {
  id: number;
  report_uid: string;
  node_id: string;
  content_hash: string;
  status: PacsSendView['status'];
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  created_at: string;
  updated_at: string;
  sent_json: string;
}

const toView = (r: SendRow): PacsSendView => ({
  id: r.id,
  reportId: r.report_uid,
  nodeId: r.node_id,
  contentHash: r.content_hash,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  sent: JSON.parse(r.sent_json) as PacsSendView['sent'],
});

export function backoffDelayMs(attempts: number, b: SendBackoff): number {
  return Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempts - 1));
}

export class SendQueue {
  private readonly b: SendBackoff;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closing = new AbortController();
  private closed = false;

  constructor(private readonly deps: SendQueueDeps) {
    this.b = { ...DEFAULT_BACKOFF, ...deps.backoff };
    this.now = deps.now ?? Date.now;
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  private row(id: number): SendRow {
    const r = this.deps.db.prepare('SELECT * FROM pacs_sends WHERE id = ?').get(id) as SendRow | undefined;
    if (!r) throw new RadGroundError('NOT_FOUND', `no send ${id}`);
    return r;
  }

  private changed(r: SendRow): PacsSendView {
    this.deps.publish?.({ type: 'pacs.sends.changed', id: r.id, status: r.status });
    return toView(r);
  }

  /** Queues the report's current signed version for the node (once: queuing it again returns the same send). */
  enqueue(reportUid: string, nodeId: string): PacsSendView {
    const report = getReportRow(this.deps.db, reportUid);
    if (!isSigned(report.status) || !report.content_hash) throw new RadGroundError('CONFLICT', `report ${reportUid} is not signed: only signed reports are sent`);
    // The signed version: the signature's content hash, or the latest addendum's (each addendum is a new SR).
    const addendum = this.deps.db.prepare('SELECT hash FROM report_addenda WHERE report_ref = ? ORDER BY id DESC LIMIT 1').get(report.id) as { hash: string } | undefined;
    const version = addendum?.hash ?? report.content_hash;
    const at = this.iso();
    this.deps.db
      .prepare(`INSERT INTO pacs_sends (report_uid, node_id, content_hash, status, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(reportUid, nodeId, version, at, at, at);
    const r = this.deps.db.prepare('SELECT * FROM pacs_sends WHERE report_uid = ? AND node_id = ? AND content_hash = ?').get(reportUid, nodeId, version) as SendRow;
    this.schedule(0);
    return this.changed(r);
  }

  list(reportUid?: string): PacsSendView[] {
    const rows = (reportUid ? this.deps.db.prepare('SELECT * FROM pacs_sends WHERE report_uid = ? ORDER BY id DESC').all(reportUid) : this.deps.db.prepare('SELECT * FROM pacs_sends ORDER BY id DESC').all()) as SendRow[];
    return rows.map(toView);
  }

  /** A waiting or failed send, due now (its attempts count stays). */
  retry(id: number): PacsSendView {
    const r = this.row(id);
    if (r.status === 'sent' || r.status === 'sending') return toView(r);
    this.deps.db.prepare(`UPDATE pacs_sends SET status = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(this.iso(), this.iso(), id);
    this.schedule(0);
    return this.changed(this.row(id));
  }

  /** At start: sends a closed or crashed app left 'sending' are queued again; due sends go out. */
  start(): void {
    this.deps.db.prepare(`UPDATE pacs_sends SET status = 'queued', updated_at = ? WHERE status = 'sending'`).run(this.iso());
    this.schedule(0);
  }

  /** Sends every send that is due, one at a time; resolves when none is due. */
  runDue(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
      this.scheduleNext();
    });
    return this.running;
  }

  /** Stops: an attempt in flight is abandoned and its send stays queued. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.closing.abort();
    await this.running?.catch(() => {});
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runDue(), Math.max(0, delayMs));
    this.timer.unref();
  }

  private scheduleNext(): void {
    const next = this.deps.db.prepare(`SELECT min(next_attempt_at) AS at FROM pacs_sends WHERE status = 'queued'`).get() as { at: string | null };
    if (next.at) this.schedule(Date.parse(next.at) - this.now());
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const due = this.deps.db.prepare(`SELECT * FROM pacs_sends WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`).get(this.iso()) as SendRow | undefined;
      if (!due) return;
      await this.attempt(due);
    }
  }

  private async attempt(r: SendRow): Promise<void> {
    const { db } = this.deps;
    db.prepare(`UPDATE pacs_sends SET status = 'sending', updated_at = ? WHERE id = ?`).run(this.iso(), r.id);
    this.changed(this.row(r.id));
    try {
      const node = this.deps.resolveNode(r.node_id);
      const objects = await this.deps.exportObjects(r.report_uid);
      const signal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.b.attemptTimeoutMs)]);
      const result = await storeInstances(node, objects, signal);
      if (result.failed.length || result.stored.length < objects.length) throw new Error(`the PACS stored ${result.stored.length} of ${objects.length} objects (failure reasons ${result.failed.map((f) => f.reason).join(', ') || 'none given'})`);
      db.prepare(`UPDATE pacs_sends SET status = 'sent', attempts = attempts + 1, last_error = NULL, sent_json = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(result.stored), this.iso(), r.id);
      this.deps.logger?.info('pacs send stored', { send: r.id, objects: result.stored.length });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (this.closing.signal.aborted) {
        // Closed mid-send: not an attempt; the next start sends it.
        db.prepare(`UPDATE pacs_sends SET status = 'queued', updated_at = ? WHERE id = ?`).run(this.iso(), r.id);
      } else {
        const attempts = r.attempts + 1;
        const failed = attempts >= this.b.maxAttempts;
        const now = this.now();
        db.prepare(`UPDATE pacs_sends SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(
          failed ? 'failed' : 'queued',
          attempts,
          message.slice(0, 2000),
          this.iso(now + backoffDelayMs(attempts, this.b)),
          this.iso(now),
          r.id,
        );
        this.deps.logger?.warn('pacs send failed', { send: r.id, attempts, error: message });
      }
    }
    this.changed(this.row(r.id));
  }
}
