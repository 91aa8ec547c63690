/**
 * Stores a report read back from a RadGround DICOM SR as a read-only, signed report of this
 * database, in one transaction:
 *
 *  - its regions (built by the caller from the SR groups and the SEG), the sections and sentences in
 *    the SR's order, each sentence's links to the regions its INFERRED FROM references name (score 1,
 *    manual: the SR states them; nothing is re-grounded);
 *  - signed as the SR says (signer = Verifying Observer, time = Verification DateTime): a 'create'
 *    audit row crediting the import, a 'sign' row crediting the SR's signer with the SR named in its
 *    detail, and the SR's addenda as addenda;
 *  - one signature-ledger entry of action 'import' (signed with this install's key: it attests this
 *    copy of the SR, with its digest, not the original signing, which RadGround cannot check);
 *  - the imported_documents row that makes the report read-only.
 *
 * An addendum SR (Predecessor Documents Sequence) whose predecessor was restored appends its new
 * addenda to that report instead, with its own 'import' ledger entry. An SR restored already (or
 * the predecessor of one) changes nothing.
 */
import type { Region } from '../../regions/region';
import { saveRegions } from '../../regions/region-repository';
import type { ReportSrDocument } from '../../standards/sr-reader';
import type { SqliteDatabase } from '../../storage/database-types';
import { contentHash } from '../hashing/report-hashes';
import { evidenceDigest, linkedRegionSnapshots } from '../hashing/region-evidence';
import { appendLedgerEntry } from '../lifecycle/signature-ledger';
import { signingKeyFor } from '../lifecycle/signing-key';
import type { ReportEnv } from '../operations/report-env';
import { addendaOf } from '../report-view';
import { appendAudit } from '../store/audit-log';
import { regionRefs } from '../store/region-rows';
import { getReportRowByRef, loadContent, toHashedContent, type ReportRow } from '../store/report-rows';
import { addReportRegions, insertReport, insertSentence, replaceLinks, signRow } from '../store/report-writes';
import { appendAddendum } from '../operations/append-addendum';
import { stmt, writeTransaction } from '../store/statements';
import { importedDocument, successorOf } from './imported-documents';

/** The audit actor of a restoration. */
export const IMPORT_ACTOR = 'RadGround import';

export interface RestoreInput {
  sr: ReportSrDocument;
  /** SHA-256 (hex) of the SR file as received. */
  srDigest: string;
  source: 'file' | 'pacs';
  /** The region of each measurement group (by SrMeasurementGroup.index), not stored yet. */
  regions: Map<number, Region>;
  segSopInstanceUid: string | null;
  notes: string[];
}

export type RestoreOutcome = { kind: 'report' | 'addenda' | 'present'; reportId: string; notes: string[] };

export function restoreImportedReport(db: SqliteDatabase, env: ReportEnv, input: RestoreInput): RestoreOutcome {
  const key = signingKeyFor(db, true)!;
  let afterCommit = (): void => {};
  const outcome = writeTransaction(db, (): RestoreOutcome => {
    const { sr } = input;
    const known = importedDocument(db, sr.sopInstanceUid) ?? successorOf(db, sr.sopInstanceUid);
    if (known) return { kind: 'present', reportId: getReportRowByRef(db, known.report_ref).uid, notes: [] };
    const now = env.now();
    const predecessor = sr.predecessorUid ? importedDocument(db, sr.predecessorUid) : null;
    const notes = [...input.notes];
    let report: ReportRow;
    let kind: 'report' | 'addenda';
    if (predecessor) {
      report = getReportRowByRef(db, predecessor.report_ref);
      const existing = addendaOf(db, report.id);
      const mismatch = existing.findIndex((a, i) => sr.addenda[i]?.text !== a.text);
      if (mismatch >= 0 || sr.addenda.length < existing.length) notes.push(`SR ${sr.sopInstanceUid} does not repeat the addenda restored before; only its later ones were added.`);
      appendAddenda(db, env, report, sr.addenda.slice(existing.length), sr);
      kind = 'addenda';
    } else {
      if (sr.predecessorUid) notes.push(`Its predecessor SR ${sr.predecessorUid} was not found: restored from this addendum SR, which repeats the report and every addendum.`);
      report = insertSignedReport(db, env, input, now);
      appendAddenda(db, env, report, sr.addenda, sr);
      kind = 'report';
    }
    report = getReportRowByRef(db, report.id);
    const first = kind === 'report';
    const evidence = first ? linkedRegionSnapshots(db, report.id) : [];
    afterCommit = appendLedgerEntry(db, key, {
      kind: 'radground.signature/1',
      action: 'import',
      reportId: report.uid,
      studyInstanceUid: report.study_instance_uid,
      version: report.version,
      contentHash: report.content_hash!,
      ...(first ? { baseContentHash: contentHash(toHashedContent(loadContent(db, report))), evidenceDigest: evidenceDigest(evidence), evidence } : {}),
      signer: report.signed_by,
      signedAt: report.signed_at,
      srSopInstanceUid: sr.sopInstanceUid,
      srDigest: input.srDigest,
      verificationFlag: sr.verificationFlag,
      source: input.source,
      importedAt: now,
    });
    stmt(
      db,
      `INSERT INTO imported_documents (sr_sop_instance_uid, report_ref, kind, version, sr_digest, predecessor_uid, seg_sop_instance_uid, signer, signed_at,
         verification_flag, source, notes, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      sr.sopInstanceUid,
      report.id,
      first ? 'report' : 'addendum',
      report.version,
      input.srDigest,
      sr.predecessorUid,
      input.segSopInstanceUid,
      sr.signer,
      sr.signedAt,
      sr.verificationFlag,
      input.source,
      JSON.stringify(notes),
      now,
    );
    return { kind, reportId: report.uid, notes };
  });
  afterCommit();
  return outcome;
}

function insertSignedReport(db: SqliteDatabase, env: ReportEnv, input: RestoreInput, now: string): ReportRow {
  const { sr } = input;
  const uid = env.newId();
  const regions = [...input.regions.values()];
  saveRegions(db, null, regions);
  const refs = regionRefs(db, regions.map((r) => r.id));
  const { ref, sections } = insertReport(db, { uid, studyInstanceUid: sr.studyInstanceUid, author: sr.signer, prior: null, now });
  addReportRegions(db, ref, refs.values());
  let sentences = 0;
  for (const section of sr.sections) {
    section.sentences.forEach((s, ordinal) => {
      const sentenceRef = insertSentence(db, { uid: env.newId(), sectionRef: sections.get(section.name)!, ordinal, text: s.text, origin: s.origin, grounding: 'manual', now });
      const linked = s.groups.map((g) => input.regions.get(g)?.id).filter((id): id is string => !!id);
      replaceLinks(db, sentenceRef, [...new Set(linked)].map((id) => ({ regionRef: refs.get(id)!, score: 1, origin: 'manual' as const })));
      sentences++;
    });
  }
  const row = getReportRowByRef(db, ref);
  const hash = contentHash(toHashedContent(loadContent(db, row)));
  const imported = { srSopInstanceUid: sr.sopInstanceUid, srDigest: input.srDigest, source: input.source };
  appendAudit(db, {
    reportRef: ref,
    reportId: uid,
    actor: IMPORT_ACTOR,
    action: 'create',
    at: now,
    detail: { studyInstanceUid: sr.studyInstanceUid, sentences, regionIds: [...refs.keys()], prior: null, imported },
    hashBefore: null,
    hashAfter: hash,
  });
  signRow(db, ref, sr.signer, sr.signedAt, hash);
  appendAudit(db, {
    reportRef: ref,
    reportId: uid,
    actor: sr.signer,
    action: 'sign',
    at: sr.signedAt,
    detail: { from: 'draft', to: 'final', overridden: 0, imported, verificationFlag: sr.verificationFlag },
    hashBefore: hash,
    hashAfter: hash,
  });
  return getReportRowByRef(db, ref);
}

function appendAddenda(db: SqliteDatabase, env: ReportEnv, report: ReportRow, addenda: ReportSrDocument['addenda'], sr: ReportSrDocument): void {
  const current = getReportRowByRef(db, report.id);
  let previousHash = current.content_hash!;
  let version = current.version;
  for (const a of addenda) {
    version++;
    previousHash = appendAddendum(db, {
      report,
      addendumId: env.newId(),
      text: a.text.trim() || '(empty addendum)',
      author: a.author.trim() || sr.signer,
      createdAt: a.createdAt || sr.signedAt,
      previousHash,
      version,
      detail: { imported: { srSopInstanceUid: sr.sopInstanceUid } },
    });
  }
}
