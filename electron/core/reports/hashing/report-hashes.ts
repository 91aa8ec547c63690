/**
 * The hashes of the report chain (SHA-256, lower-case hex, over canonical JSON):
 *
 *  content hash   over the report's identity and content: report id, study UID, and per section (in
 *                 section order) its sentences (in order) with id, text, origin and links (region id,
 *                 score, origin; by region id). What a signature covers.
 *  addendum hash  over {previousHash, reportId, addendumId, text, author, createdAt}: each addendum
 *                 chains to the hash before it (the content hash for the first).
 *  entry hash     of an audit row, over {previousEntryHash, reportId, actor, action, at, detail,
 *                 hashBefore, hashAfter}: the audit log of a report is a hash chain too.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface HashedLink {
  regionId: string;
  score: number;
  origin: string;
}

export interface HashedSentence {
  id: string;
  text: string;
  origin: string;
  links: HashedLink[];
}

export interface HashedContent {
  reportId: string;
  studyInstanceUid: string;
  sections: { name: string; sentences: HashedSentence[] }[];
}

export function contentHash(content: HashedContent): string {
  return sha256Hex(
    canonicalJson({
      kind: 'radground.report-content/1',
      reportId: content.reportId,
      studyInstanceUid: content.studyInstanceUid,
      sections: content.sections.map((s) => ({
        name: s.name,
        sentences: s.sentences.map((t) => ({
          id: t.id,
          text: t.text,
          origin: t.origin,
          links: [...t.links]
            .sort((a, b) => (a.regionId < b.regionId ? -1 : a.regionId > b.regionId ? 1 : 0))
            .map((l) => ({ regionId: l.regionId, score: l.score, origin: l.origin })),
        })),
      })),
    }),
  );
}

export interface HashedAddendum {
  previousHash: string;
  reportId: string;
  addendumId: string;
  text: string;
  author: string;
  createdAt: string;
}

export function addendumHash(a: HashedAddendum): string {
  return sha256Hex(canonicalJson({ kind: 'radground.report-addendum/1', ...a }));
}

export interface HashedAuditEntry {
  previousEntryHash: string | null;
  reportId: string;
  actor: string;
  action: string;
  at: string;
  detail: Record<string, unknown>;
  hashBefore: string | null;
  hashAfter: string | null;
}

export function auditEntryHash(e: HashedAuditEntry): string {
  return sha256Hex(canonicalJson({ kind: 'radground.report-audit/1', ...e }));
}
