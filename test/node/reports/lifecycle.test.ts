import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addendumHash,
  AuditEntrySchema,
  canonicalJson,
  contentHash,
  ReportViewSchema,
  SentenceUpdateResultSchema,
  verifyReportChain,
  type ReportView,
} from '../../../electron/core/reports';
import { loadContent, getReportRow, toHashedContent } from '../../../electron/core/reports/store/report-rows';
import { MIGRATIONS } from '../../../electron/core/storage/migrations';
import { openDatabase } from '../../../electron/core/storage/open-database';
import { indexInstances } from '../../../electron/core/study-index';
import { demoInstances, draftDemo, openReportDb, type ReportDb } from './support/report-db';

const sentencesOf = (v: ReportView, section: string) => v.sections.find((s) => s.name === section)!.sentences;
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? 'SQLITE';
  }
  return undefined;
};
const sqlError = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

let r: ReportDb;
beforeEach(() => {
  r = openReportDb();
});
afterEach(() => r.close());

describe('migration 0003', () => {
  it('is registered as version 3 after 0002 and creates STRICT tables with the immutability triggers', () => {
    expect(MIGRATIONS.slice(0, 3).map((m) => [m.version, m.name])).toEqual([
      [1, 'study-index'],
      [2, 'model-runs-and-regions'],
      [3, 'reports'],
    ]);
    const db = openDatabase(':memory:', { migrations: MIGRATIONS.slice(0, 3) });
    const sql = (name: string) => (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql;
    for (const t of ['reports', 'report_sections', 'report_sentences', 'sentence_regions', 'report_regions', 'report_addenda', 'report_audit_log']) {
      expect(sql(t), t).toMatch(/\) STRICT(, WITHOUT ROWID)?$/);
    }
    const triggers = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]).map((t) => t.name);
    expect(triggers).toEqual(expect.arrayContaining(['report_audit_log_no_update', 'report_audit_log_no_delete', 'report_sentences_signed_update', 'reports_signed_update']));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

describe('drafts: autosave edits, grounding, audit', () => {
  it('creates a draft whose view matches the API schema and whose first audit row is its creation', () => {
    const v = draftDemo(r);
    expect(ReportViewSchema.parse(v)).toEqual(v);
    expect(v).toMatchObject({ status: 'draft', version: 1, contentHash: null, author: 'dr.resident', checkSummary: { error: 0, warning: 0 } });
    const audit = r.svc.audit(v.id);
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0]!.hashAfter).toBe(contentHash(toHashedContent(loadContent(r.db, getReportRow(r.db, v.id)))));
    expect(audit.every((a) => AuditEntrySchema.safeParse(a).success)).toBe(true);
  });

  it('re-grounds an edited sentence (origin becomes human) and returns its links and checks', () => {
    const v = draftDemo(r);
    const s = sentencesOf(v, 'findings')[0]!;
    const res = r.svc.updateSentence(s.id, '16 mm nodule in the right lower lobe.');
    expect(SentenceUpdateResultSchema.parse(res)).toEqual(res);
    expect(res.links.map((l) => l.regionId)).toEqual([r.fx.findings.N3!.id]);
    expect(res.checks.map((c) => c.kind)).toEqual(['size_mismatch']);
    expect(res.sentence).toMatchObject({ origin: 'human', grounding: 'auto', text: '16 mm nodule in the right lower lobe.' });
    expect(r.svc.getReport(v.id).checkSummary.warning).toBe(1);
    const last = r.svc.audit(v.id).at(-1)!;
    expect(last).toMatchObject({ action: 'sentence.update', actor: 'dr.resident', detail: { before: s.text, after: '16 mm nodule in the right lower lobe.' } });
  });

  it('keeps manual links through edits; re-grounding goes back to automatic', () => {
    const v = draftDemo(r);
    const s = sentencesOf(v, 'findings')[0]!;
    const { N1, N3 } = r.fx.findings;
    r.svc.unlinkRegion(s.id, N1!.id);
    const linked = r.svc.linkRegion(s.id, N3!.id, 'dr.attending');
    expect(linked.sentence.grounding).toBe('manual');
    expect(linked.links).toEqual([{ regionId: N3!.id, score: expect.any(Number), origin: 'manual' }]);
    const edited = r.svc.updateSentence(s.id, 'A 6 mm nodule in the right upper lobe.');
    expect(edited.links.map((l) => l.regionId)).toEqual([N3!.id]); // not re-grounded
    expect(edited.checks.map((c) => c.kind)).toEqual([]); // same side; 8 vs 6 mm within 3 mm
    const back = r.svc.regroundSentence(s.id);
    expect(back.sentence.grounding).toBe('auto');
    expect(back.links.map((l) => l.regionId)).toEqual([N1!.id]);
    expect(code(() => r.svc.unlinkRegion(s.id, N3!.id))).toBe('NOT_FOUND');
    expect(code(() => r.svc.linkRegion(s.id, 'no-such-region'))).toBe('NOT_FOUND');
    expect(r.svc.audit(v.id).map((a) => a.action)).toEqual(['create', 'link.remove', 'link.add', 'sentence.update', 'sentence.update']);
    expect(r.svc.audit(v.id)[2]!.actor).toBe('dr.attending');
  });

  it('adds sentences at a position, deletes them, previews grounding without saving', () => {
    const v = draftDemo(r);
    const first = r.svc.addSentence(v.id, 'findings', 'No pleural effusion.', -1);
    const mid = r.svc.addSentence(v.id, 'findings', 'Small left pleural effusion.', 2);
    const order = sentencesOf(r.svc.getReport(v.id), 'findings');
    expect(order.map((s) => s.ordinal)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(order[0]!.id).toBe(first.sentence.id);
    expect(order[3]!.id).toBe(mid.sentence.id);
    expect(mid.checks.map((c) => c.kind)).toEqual(['unlinked_finding']);
    r.svc.deleteSentence(mid.sentence.id);
    expect(sentencesOf(r.svc.getReport(v.id), 'findings').map((s) => s.id)).not.toContain(mid.sentence.id);

    const auditBefore = r.svc.audit(v.id).length;
    const preview = r.svc.groundPreview(v.id, 'The 8 mm RLL nodule is unchanged.');
    expect(preview.links.map((l) => l.regionId)).toEqual([r.fx.findings.N3!.id]);
    expect(preview.checks.map((c) => c.kind)).toEqual(['change_without_prior']);
    expect(r.svc.audit(v.id)).toHaveLength(auditBefore);
    expect(code(() => r.svc.updateSentence(order[1]!.id, '   '))).toBe('BAD_REQUEST');
    expect(code(() => r.svc.addSentence(v.id, 'nonsense' as never, 'x'))).toBe('BAD_REQUEST');
    expect(code(() => r.svc.updateSentence('nope', 'x'))).toBe('NOT_FOUND');
  });

  it('drafts from the study index: headers, image numbers and the prior come from the indexed exams', () => {
    indexInstances(r.db, [...demoInstances('current'), ...demoInstances('prior')]);
    const v = r.svc.createDraft(r.fx.exam.studyInstanceUid, { author: 'dr.resident', regions: r.fx.all });
    expect(sentencesOf(v, 'technique').map((s) => s.text)).toEqual(['CT of the chest.', 'Slice thickness 2.5 mm; 120 kVp.']);
    expect(sentencesOf(v, 'comparison').map((s) => s.text)).toEqual(['CT CHEST (DEMO) of 2023-03-15.']);
    expect(v.prior).toEqual({ studyDate: '20230315', description: 'CT CHEST (DEMO)' });
    const n3 = sentencesOf(v, 'findings').find((s) => s.regionIds[0] === r.fx.findings.N3!.id)!;
    expect(n3.text).toBe(`An 8 mm solid nodule in the right lower lung zone (series 2, image ${r.fx.locate(r.fx.findings.N3!.centroid)!.instanceNumber}).`);
    // The prior is known but was never compared (registered, lesions tracked): a change claim is an error.
    expect(r.svc.updateSentence(n3.id, 'The 8 mm right lower lobe nodule is unchanged.').checks.map((c) => `${c.severity}:${c.kind}`)).toEqual(['error:change_without_prior']);
    expect(r.svc.listReports(r.fx.exam.studyInstanceUid).map((x) => x.id)).toEqual([v.id]);
    expect(code(() => r.svc.createDraft('1.2.3.unknown', { author: 'x', regions: [] }))).toBe('NOT_FOUND');
  });

  it('refuses to draft against regions that are not stored, writing nothing', () => {
    const ghost = { ...r.fx.findings.N1!, id: 'not-saved' };
    expect(code(() => r.svc.createDraft(r.fx.exam.studyInstanceUid, { author: 'x', regions: [...r.fx.all, ghost], seriesHeaders: [], prior: null }))).toBe('NOT_FOUND');
    expect(r.db.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: 0 });
  });

  it('a report with a compared prior takes change claims that match the tracked lesion, and refuses the others', () => {
    const n3 = r.fx.findings.N3!;
    const stable = { status: 'stable' as const, currentRegionId: n3.id, priorRegionId: null, currentDiameterMm: 8, priorDiameterMm: 7.2, diameterChangePct: 11 };
    const v = draftDemo(r, { prior: { studyDate: '20230315', description: 'CT CHEST (DEMO)', changes: [stable] } });
    expect(sentencesOf(v, 'comparison')[0]!.text).toBe('CT CHEST (DEMO) of 2023-03-15.');
    const row = sentencesOf(v, 'findings').find((s) => s.regionIds[0] === n3.id)!;
    expect(r.svc.updateSentence(row.id, 'The 8 mm right lower lobe nodule is unchanged since the prior.').checks).toEqual([]);
    expect(r.svc.updateSentence(row.id, 'The 8 mm right lower lobe nodule has increased.').checks.map((c) => c.kind)).toEqual(['change_mismatch']);
  });
});

describe('signing', () => {
  it('refuses to sign with unresolved errors unless overridden, and records the override', () => {
    const v = draftDemo(r);
    const bad = r.svc.addSentence(v.id, 'findings', '8 mm nodule in the left upper lobe.');
    // Nothing on the left fits: a warning (and an unlinked finding); linked to the right-sided nodule, the side is wrong.
    expect(bad.checks.map((c) => c.kind)).toEqual(['no_region_on_side', 'unlinked_finding']);
    expect(r.svc.linkRegion(bad.sentence.id, r.fx.findings.N1!.id).checks.map((c) => c.kind)).toEqual(['laterality_mismatch']);
    const auditBefore = r.svc.audit(v.id).length;
    let err: unknown;
    try {
      r.svc.sign(v.id, 'dr.attending');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect((err as Error).message).toMatch(/laterality_mismatch/);
    expect((err as { details: { errors: { kind: string; sentenceId: string }[] } }).details.errors.map((e) => e.kind).sort()).toEqual(['laterality_mismatch']);
    expect(r.svc.getReport(v.id).status).toBe('draft');
    expect(r.svc.audit(v.id)).toHaveLength(auditBefore);
    expect(code(() => r.svc.sign(v.id, 'dr.attending', { reason: '   ' }))).toBe('CONFLICT');

    const signed = r.svc.sign(v.id, 'dr.attending', { reason: 'Checked on the images: the mass abuts the fissure.' });
    expect(signed).toMatchObject({ status: 'final', signedBy: 'dr.attending', version: 1 });
    const audit = r.svc.audit(v.id);
    expect(audit.slice(-2).map((a) => a.action)).toEqual(['override', 'sign']);
    expect(audit.at(-2)!.detail).toMatchObject({ reason: 'Checked on the images: the mass abuts the fissure.', errors: expect.arrayContaining([expect.objectContaining({ kind: 'laterality_mismatch' })]) });
  });

  it('freezes the report: every later write is refused by the repository and by SQLite triggers', () => {
    const v = draftDemo(r);
    r.svc.setStatus(v.id, 'preliminary');
    const signed = r.svc.sign(v.id, 'dr.attending');
    expect(signed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(signed.contentHash).toBe(contentHash(toHashedContent(loadContent(r.db, getReportRow(r.db, v.id)))));
    const s = sentencesOf(signed, 'findings')[0]!;
    const N3 = r.fx.findings.N3!.id;

    for (const [what, fn] of [
      ['update', () => r.svc.updateSentence(s.id, 'Edited.')],
      ['add', () => r.svc.addSentence(v.id, 'findings', 'Added.')],
      ['delete', () => r.svc.deleteSentence(s.id)],
      ['link', () => r.svc.linkRegion(s.id, N3)],
      ['unlink', () => r.svc.unlinkRegion(s.id, s.regionIds[0]!)],
      ['reground', () => r.svc.regroundSentence(s.id)],
      ['status', () => r.svc.setStatus(v.id, 'draft')],
      ['sign again', () => r.svc.sign(v.id, 'dr.other')],
    ] as const) {
      expect(code(fn), what).toBe('CONFLICT');
    }

    const db = r.db;
    const reportRef = getReportRow(db, v.id).id;
    const sentenceRef = (db.prepare('SELECT id, section_ref FROM report_sentences WHERE uid = ?').get(s.id) as { id: number; section_ref: number });
    const regionRef = (db.prepare('SELECT id FROM regions WHERE uid = ?').get(N3) as { id: number }).id;
    const raw: [string, () => unknown][] = [
      ['sentence update', () => db.prepare("UPDATE report_sentences SET text = 'tampered' WHERE id = ?").run(sentenceRef.id)],
      ['sentence delete', () => db.prepare('DELETE FROM report_sentences WHERE id = ?').run(sentenceRef.id)],
      ['sentence insert', () => db.prepare("INSERT INTO report_sentences (uid, section_ref, ordinal, text, origin, created_at, updated_at) VALUES ('x', ?, 99, 'sneaked in', 'human', 'now', 'now')").run(sentenceRef.section_ref)],
      ['section update', () => db.prepare('UPDATE report_sections SET ordinal = 9 WHERE report_ref = ? AND name = ?').run(reportRef, 'impression')],
      ['section delete', () => db.prepare('DELETE FROM report_sections WHERE report_ref = ?').run(reportRef)],
      ['link insert', () => db.prepare("INSERT INTO sentence_regions (sentence_ref, region_ref, score, origin) VALUES (?, ?, 1, 'manual')").run(sentenceRef.id, regionRef)],
      ['link update', () => db.prepare('UPDATE sentence_regions SET score = 0.1 WHERE sentence_ref = ?').run(sentenceRef.id)],
      ['link delete', () => db.prepare('DELETE FROM sentence_regions WHERE sentence_ref = ?').run(sentenceRef.id)],
      ['candidate delete', () => db.prepare('DELETE FROM report_regions WHERE report_ref = ?').run(reportRef)],
      ['report unsign', () => db.prepare("UPDATE reports SET status = 'draft', signed_by = NULL, signed_at = NULL, content_hash = NULL WHERE id = ?").run(reportRef)],
      ['report re-sign', () => db.prepare("UPDATE reports SET signed_by = 'someone else' WHERE id = ?").run(reportRef)],
      ['report delete', () => db.prepare('DELETE FROM reports WHERE id = ?').run(reportRef)],
      ['linked region delete', () => db.prepare('DELETE FROM regions WHERE id = ?').run(regionRef)],
    ];
    for (const [what, fn] of raw) expect(sqlError(fn), what).toMatch(/report is signed/);
    expect(r.svc.getReport(v.id)).toEqual(signed);
    expect(verifyReportChain(db, v.id).ok).toBe(true);
  });

  it('chains addenda: each hash covers the previous one, the report moves to the next version', () => {
    const v = draftDemo(r);
    expect(code(() => r.svc.addAddendum(v.id, 'Too early.', 'dr.attending'))).toBe('CONFLICT');
    const signed = r.svc.sign(v.id, 'dr.attending');
    const a1 = r.svc.addAddendum(v.id, 'Discussed with the referring physician.', 'dr.attending');
    const a2 = r.svc.addAddendum(v.id, 'Recommend follow-up CT in 3 months.', 'dr.other');
    expect(a2).toMatchObject({ status: 'amended', version: 3 });
    const [x1, x2] = a2.addenda;
    expect(x1!.previousHash).toBe(signed.contentHash);
    expect(x2!.previousHash).toBe(x1!.hash);
    expect(x1!.hash).toBe(addendumHash({ previousHash: signed.contentHash!, reportId: v.id, addendumId: x1!.id, text: x1!.text, author: 'dr.attending', createdAt: x1!.createdAt }));
    expect(a2.contentHash).toBe(x2!.hash);
    expect(a2.previousHash).toBe(x1!.hash);
    expect(a1.version).toBe(2);
    expect(sqlError(() => r.db.prepare("UPDATE report_addenda SET text = 'rewritten'").run())).toMatch(/append-only/);
    expect(sqlError(() => r.db.prepare('DELETE FROM report_addenda').run())).toMatch(/append-only/);
    const ref = getReportRow(r.db, v.id).id;
    expect(
      sqlError(() =>
        r.db.prepare("INSERT INTO report_addenda (uid, report_ref, text, author, created_at, hash, previous_hash) VALUES ('a', ?, 't', 'me', 'now', ?, ?)").run(ref, 'a'.repeat(64), signed.contentHash),
      ),
    ).toMatch(/chain/);
    expect(verifyReportChain(r.db, v.id)).toMatchObject({ ok: true, problems: [] });
  });
});

describe('audit log', () => {
  it('records every step with who, what, when and the hashes before and after; refuses UPDATE and DELETE', () => {
    const v = draftDemo(r);
    const s = sentencesOf(v, 'findings')[0]!;
    r.svc.updateSentence(s.id, 'A 6 mm nodule in the right upper lobe.', 'dr.resident');
    r.svc.setStatus(v.id, 'preliminary', 'dr.resident');
    r.svc.sign(v.id, 'dr.attending');
    r.svc.addAddendum(v.id, 'Addendum text.', 'dr.attending');
    const audit = r.svc.audit(v.id);
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['create', 'dr.resident'],
      ['sentence.update', 'dr.resident'],
      ['status', 'dr.resident'],
      ['sign', 'dr.attending'],
      ['addendum', 'dr.attending'],
    ]);
    for (let i = 1; i < audit.length; i++) expect(audit[i]!.hashBefore, audit[i]!.action).toBe(audit[i - 1]!.hashAfter);
    expect(audit[1]!.hashBefore).not.toBe(audit[1]!.hashAfter);
    expect(audit[3]!.hashAfter).toBe(r.svc.getReport(v.id).addenda[0]!.previousHash);
    expect(new Set(audit.map((a) => a.at)).size).toBe(audit.length);

    expect(sqlError(() => r.db.prepare("UPDATE report_audit_log SET actor = 'mallory'").run())).toMatch(/append-only/);
    expect(sqlError(() => r.db.prepare('DELETE FROM report_audit_log').run())).toMatch(/append-only/);
    expect(
      sqlError(() =>
        r.db.prepare("INSERT INTO report_audit_log (report_ref, actor, action, at, detail, entry_hash) VALUES (?, 'mallory', 'status', 'now', '{}', ?)").run(getReportRow(r.db, v.id).id, 'f'.repeat(64)),
      ),
    ).toMatch(/chain/);
    expect(r.svc.audit(v.id)).toEqual(audit);
  });
});

describe('verifyReportChain detects tampering', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radground-reports-'));
    // A file database, so its copies sit beside it in the data folder with the same signing key.
    r.close();
    r = openReportDb(join(dir, 'radground.sqlite'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const kinds = (v: { problems: { what: string }[] }) => [...new Set(v.problems.map((p) => p.what))];

  /** A copy of the database with the triggers dropped, edited by raw SQL, then verified. */
  function tamper(reportId: string, sql: string, ...params: unknown[]) {
    const copy = join(dir, `copy-${Math.random().toString(36).slice(2)}.db`);
    r.db.exec(`VACUUM INTO '${copy}'`);
    const raw = new Database(copy);
    for (const { name } of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) raw.exec(`DROP TRIGGER ${name}`);
    expect(raw.prepare(sql).run(...params).changes).toBeGreaterThan(0);
    raw.close();
    const db = openDatabase(copy);
    try {
      return verifyReportChain(db, reportId);
    } finally {
      db.close();
    }
  }

  it('a signed sentence edited after dropping the triggers', () => {
    const v = draftDemo(r);
    r.svc.sign(v.id, 'dr.attending');
    r.svc.addAddendum(v.id, 'An addendum.', 'dr.attending');
    expect(verifyReportChain(r.db, v.id).ok).toBe(true);
    const s = sentencesOf(v, 'findings')[2]!;
    const res = tamper(v.id, "UPDATE report_sentences SET text = replace(text, 'right', 'left') WHERE uid = ?", s.id);
    expect(res.ok).toBe(false);
    expect(kinds(res)).toEqual(['content']);
    expect(kinds(tamper(v.id, 'DELETE FROM sentence_regions'))).toEqual(['content']);
    expect(tamper(v.id, "UPDATE report_addenda SET text = 'Something else.'").problems.map((p) => p.what)).toContain('addendum');
    expect(kinds(tamper(v.id, "UPDATE reports SET signed_by = 'mallory'"))).toEqual(['signature']);
    expect(tamper(v.id, "UPDATE report_audit_log SET detail = '{\"from\":\"draft\",\"overridden\":0,\"to\":\"final\",\"x\":1}' WHERE action = 'sign'").problems.map((p) => p.what)).toContain('audit');
    expect(tamper(v.id, "DELETE FROM report_audit_log WHERE action = 'create'").ok).toBe(false);
  });

  it('a draft changed around the audited operations', () => {
    const v = draftDemo(r);
    expect(kinds(tamper(v.id, "UPDATE report_sentences SET text = 'No nodules.' WHERE uid = ?", sentencesOf(v, 'findings')[0]!.id))).toEqual(['content']);
  });

  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 'é' }], c: null })).toBe(canonicalJson({ c: null, a: [{ x: 'é', y: 2 }], b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
