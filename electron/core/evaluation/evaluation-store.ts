/** Evaluation runs in SQLite (migration 0005), per model version. */
import { randomUUID } from 'node:crypto';
import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import type { CaseResult, FailedCase } from './evaluate-case';
import type { EvaluationSummary } from './summarize';

export interface EvaluationRecord {
  id: string;
  manifestPath: string;
  model: { id: string; version: string; sha256: string; executionProvider: string | null };
  startedAt: string;
  finishedAt: string;
  summary: EvaluationSummary;
  cases: (CaseResult | FailedCase)[];
}

export interface EvaluationRunRow {
  id: string;
  manifestPath: string;
  model: EvaluationRecord['model'];
  startedAt: string;
  finishedAt: string;
  summary: EvaluationSummary;
}

export function saveEvaluation(db: SqliteDatabase, record: Omit<EvaluationRecord, 'id'> & { id?: string }): string {
  const uid = record.id ?? randomUUID();
  db.transaction(() => {
    const run = db
      .prepare(
        `INSERT INTO evaluation_runs (uid, manifest_path, model_id, model_version, model_sha256, execution_provider, started_at, finished_at, summary)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(uid, record.manifestPath, record.model.id, record.model.version, record.model.sha256, record.model.executionProvider, record.startedAt, record.finishedAt, JSON.stringify(record.summary));
    const insertCase = db.prepare(
      `INSERT INTO evaluation_cases (run_ref, case_id, status, model_run_ref, lesions_counted, lesions_found, false_positives, unsafe_statements, lung_dice, analysis_ms, eval_ms, result)
       VALUES (?, ?, ?, (SELECT id FROM model_runs WHERE uid = ?), ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of record.cases) {
      const ok = c.status === 'ok';
      const counted = ok ? c.lesions.filter((l) => l.counted) : [];
      insertCase.run(
        run.lastInsertRowid,
        c.id,
        c.status,
        ok ? c.analysisRunId : null,
        counted.length,
        counted.filter((l) => l.found).length,
        ok ? c.falsePositives.length : 0,
        ok ? c.unsafeStatements.length : 0,
        ok ? (c.lungDice?.both ?? null) : null,
        ok ? c.timings.analysisMs : null,
        c.timings.evalMs,
        JSON.stringify(c),
      );
    }
  })();
  return uid;
}

interface RunRow {
  id: number;
  uid: string;
  manifest_path: string;
  model_id: string;
  model_version: string;
  model_sha256: string;
  execution_provider: string | null;
  started_at: string;
  finished_at: string;
  summary: string;
}

function runOf(r: RunRow): EvaluationRunRow {
  return {
    id: r.uid,
    manifestPath: r.manifest_path,
    model: { id: r.model_id, version: r.model_version, sha256: r.model_sha256, executionProvider: r.execution_provider },
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    summary: JSON.parse(r.summary) as EvaluationSummary,
  };
}

/** Runs, newest first; optionally of one model (and version). */
export function listEvaluations(db: SqliteDatabase, filter: { modelId?: string; modelVersion?: string } = {}): EvaluationRunRow[] {
  const rows = db
    .prepare(
      `SELECT * FROM evaluation_runs WHERE (? IS NULL OR model_id = ?) AND (? IS NULL OR model_version = ?) ORDER BY started_at DESC, id DESC`,
    )
    .all(filter.modelId ?? null, filter.modelId ?? null, filter.modelVersion ?? null, filter.modelVersion ?? null) as RunRow[];
  return rows.map(runOf);
}

export function getEvaluation(db: SqliteDatabase, uid: string): EvaluationRecord {
  const row = db.prepare('SELECT * FROM evaluation_runs WHERE uid = ?').get(uid) as RunRow | undefined;
  if (!row) throw new RadGroundError('NOT_FOUND', `no evaluation run ${uid}`);
  const cases = db.prepare('SELECT result FROM evaluation_cases WHERE run_ref = ? ORDER BY id').all(row.id) as { result: string }[];
  return { ...runOf(row), cases: cases.map((c) => JSON.parse(c.result) as CaseResult | FailedCase) };
}
