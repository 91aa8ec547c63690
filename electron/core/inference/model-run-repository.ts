import { randomUUID } from 'node:crypto';
import { RadGroundError } from '../errors/radground-error';
import { parseLungAssessment, type LungAssessment } from '../analysis/lung-assessment';
import type { SqliteDatabase } from '../storage/database-types';

export type ModelRunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface ModelRunStart {
  packId: string;
  packVersion: string;
  /** Manifest file path -> sha256 of the file checked at load. */
  fileHashes: Record<string, string>;
  requestedProviders: string[];
  onnxruntimeVersion?: string | null;
  parameters?: Record<string, unknown>;
  volumeId?: string | null;
  seriesInstanceUid?: string | null;
  /** Defaults to a new UUID. */
  id?: string;
  startedAt?: Date;
}

export interface ModelRunFinish {
  status: Exclude<ModelRunStatus, 'running'>;
  executionProvider?: string | null;
  onnxruntimeVersion?: string | null;
  timings?: Record<string, number> | null;
  error?: { code: string; message: string } | null;
  /** What the analysis verified about the lungs (chest analyses); null: nothing. */
  assessment?: LungAssessment | null;
  finishedAt?: Date;
}

export interface ModelRun {
  id: string;
  packId: string;
  packVersion: string;
  fileHashes: Record<string, string>;
  requestedProviders: string[];
  executionProvider: string | null;
  onnxruntimeVersion: string | null;
  startedAt: string;
  finishedAt: string | null;
  timings: Record<string, number> | null;
  parameters: Record<string, unknown>;
  volumeId: string | null;
  seriesInstanceUid: string | null;
  status: ModelRunStatus;
  error: { code: string; message: string } | null;
  assessment: LungAssessment | null;
}

interface ModelRunRow {
  uid: string;
  pack_id: string;
  pack_version: string;
  file_hashes: string;
  requested_providers: string;
  execution_provider: string | null;
  onnxruntime_version: string | null;
  started_at: string;
  finished_at: string | null;
  timings: string | null;
  parameters: string;
  volume_id: string | null;
  series_instance_uid: string | null;
  status: ModelRunStatus;
  error: string | null;
  assessment: string | null;
}

function fromRow(r: ModelRunRow): ModelRun {
  return {
    id: r.uid,
    packId: r.pack_id,
    packVersion: r.pack_version,
    fileHashes: JSON.parse(r.file_hashes) as Record<string, string>,
    requestedProviders: JSON.parse(r.requested_providers) as string[],
    executionProvider: r.execution_provider,
    onnxruntimeVersion: r.onnxruntime_version,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    timings: r.timings === null ? null : (JSON.parse(r.timings) as Record<string, number>),
    parameters: JSON.parse(r.parameters) as Record<string, unknown>,
    volumeId: r.volume_id,
    seriesInstanceUid: r.series_instance_uid,
    status: r.status,
    error: r.error === null ? null : (JSON.parse(r.error) as { code: string; message: string }),
    assessment: parseLungAssessment(r.assessment),
  };
}

/** Records the start of a run (status 'running'); returns its id. */
export function recordModelRun(db: SqliteDatabase, start: ModelRunStart): string {
  const id = start.id ?? randomUUID();
  db.prepare(
    `INSERT INTO model_runs (uid, pack_id, pack_version, file_hashes, requested_providers, onnxruntime_version,
       started_at, parameters, volume_id, series_instance_uid, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')`,
  ).run(
    id,
    start.packId,
    start.packVersion,
    JSON.stringify(start.fileHashes),
    JSON.stringify(start.requestedProviders),
    start.onnxruntimeVersion ?? null,
    (start.startedAt ?? new Date()).toISOString(),
    JSON.stringify(start.parameters ?? {}),
    start.volumeId ?? null,
    start.seriesInstanceUid ?? null,
  );
  return id;
}

/** Marks a running run finished. NOT_FOUND for an unknown id; CONFLICT when it already finished. */
export function finishModelRun(db: SqliteDatabase, id: string, finish: ModelRunFinish): void {
  const row = db.prepare('SELECT status FROM model_runs WHERE uid = ?').get(id) as { status: ModelRunStatus } | undefined;
  if (!row) throw new RadGroundError('NOT_FOUND', `no model run ${id}`);
  if (row.status !== 'running') throw new RadGroundError('CONFLICT', `model run ${id} already finished (${row.status})`);
  db.prepare(
    `UPDATE model_runs SET status = ?, finished_at = ?, execution_provider = COALESCE(?, execution_provider),
       onnxruntime_version = COALESCE(?, onnxruntime_version), timings = ?, error = ?, assessment = ?
     WHERE uid = ?`,
  ).run(
    finish.status,
    (finish.finishedAt ?? new Date()).toISOString(),
    finish.executionProvider ?? null,
    finish.onnxruntimeVersion ?? null,
    finish.timings ? JSON.stringify(finish.timings) : null,
    finish.error ? JSON.stringify(finish.error) : null,
    finish.assessment ? JSON.stringify(finish.assessment) : null,
    id,
  );
}

export function getModelRun(db: SqliteDatabase, id: string): ModelRun {
  const row = db.prepare('SELECT * FROM model_runs WHERE uid = ?').get(id) as ModelRunRow | undefined;
  if (!row) throw new RadGroundError('NOT_FOUND', `no model run ${id}`);
  return fromRow(row);
}

/** Runs on a volume or series, newest first. */
export function listModelRuns(db: SqliteDatabase, query: { volumeId: string } | { seriesInstanceUid: string }): ModelRun[] {
  const rows = (
    'volumeId' in query
      ? db.prepare('SELECT * FROM model_runs WHERE volume_id = ? ORDER BY started_at DESC, id DESC').all(query.volumeId)
      : db.prepare('SELECT * FROM model_runs WHERE series_instance_uid = ? ORDER BY started_at DESC, id DESC').all(query.seriesInstanceUid)
  ) as ModelRunRow[];
  return rows.map(fromRow);
}
