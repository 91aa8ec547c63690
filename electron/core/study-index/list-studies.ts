import { RadGroundError } from '../errors/radground-error';
import type { SqliteDatabase } from '../storage/database-types';
import { likeContains, searchTokens } from './normalize';
import { STUDY_ORDER_NEWEST_FIRST, STUDY_SUMMARY_SELECT, toStudySummary, type StudySummaryRow } from './rows';
import type { WorklistPage } from './schemas';
import { WorklistQuerySchema, type WorklistQuery, type WorklistQueryInput } from './worklist-query';

/**
 * The worklist: studies matching `query` (see WorklistQuerySchema), newest study date first
 * (undated last), one page of `limit` rows from `offset`, plus the total number of matches.
 * Throws BAD_REQUEST when the query does not parse.
 */
export function listStudies(db: SqliteDatabase, query: WorklistQueryInput = {}): WorklistPage {
  const parsed = WorklistQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!; // a failed parse has at least one issue
    throw new RadGroundError('BAD_REQUEST', `Bad worklist query: ${issue.path.join('.') || 'query'}: ${issue.message}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const q = parsed.data;
  const { where, params } = worklistWhere(q);

  const total = (db.prepare(`SELECT count(*) AS n FROM studies st JOIN patients p ON p.id = st.patient_ref ${where}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`${STUDY_SUMMARY_SELECT} ${where} ${STUDY_ORDER_NEWEST_FIRST} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as StudySummaryRow[];
  return { rows: rows.map(toStudySummary), total };
}

/** The WHERE clause (aliases `st` studies, `p` patients) and its parameters, in order. */
export function worklistWhere(q: WorklistQuery): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];

  for (const token of searchTokens(q.patient)) {
    clauses.push(`(p.name_search LIKE ? ESCAPE '\\' OR p.patient_id LIKE ? ESCAPE '\\')`);
    params.push(likeContains(token), likeContains(token));
  }
  for (const token of searchTokens(q.patientName)) {
    clauses.push(`p.name_search LIKE ? ESCAPE '\\'`);
    params.push(likeContains(token));
  }
  const patientId = q.patientId?.trim();
  if (patientId) {
    clauses.push(`p.patient_id LIKE ? ESCAPE '\\'`);
    params.push(likeContains(patientId));
  }
  if (q.dateFrom !== undefined) {
    clauses.push('st.study_date >= ?');
    params.push(q.dateFrom);
  }
  if (q.dateTo !== undefined) {
    clauses.push('st.study_date <= ?');
    params.push(q.dateTo);
  }
  const modalities = q.modality === undefined ? [] : Array.isArray(q.modality) ? q.modality : [q.modality];
  if (modalities.length > 0) {
    clauses.push(
      `EXISTS (SELECT 1 FROM series se WHERE se.study_ref = st.id AND se.modality IN (${modalities.map(() => '?').join(', ')}))`,
    );
    params.push(...modalities);
  }
  for (const token of searchTokens(q.text)) {
    clauses.push(`st.search_text LIKE ? ESCAPE '\\'`);
    params.push(likeContains(token));
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
