/**
 * What the reports facade returns, as Zod schemas (plain JSON: no Dates, no bigints), so the API
 * layer can validate it; the TypeScript types are inferred from them.
 */
import { z } from 'zod';

export const SECTION_NAMES = ['indication', 'technique', 'comparison', 'findings', 'impression'] as const;
export const SectionNameSchema = z.enum(SECTION_NAMES);
export type SectionName = z.infer<typeof SectionNameSchema>;

export const ReportStatusSchema = z.enum(['draft', 'preliminary', 'final', 'amended']);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

export const SentenceOriginSchema = z.enum(['ai', 'human']);
export type SentenceOrigin = z.infer<typeof SentenceOriginSchema>;

export const LinkOriginSchema = z.enum(['auto', 'manual']);
export type LinkOrigin = z.infer<typeof LinkOriginSchema>;

export const GroundingModeSchema = z.enum(['auto', 'manual']);
export type GroundingMode = z.infer<typeof GroundingModeSchema>;

export const CheckKindSchema = z.enum([
  'laterality_mismatch',
  'size_mismatch',
  'change_without_prior',
  'unlinked_finding',
  'low_confidence',
  'contradicts_analysis',
  'no_region_on_side',
  'denies_finding',
  'unverified_normal',
  'review_prompt',
  'change_mismatch',
  'change_untracked',
]);
export type CheckKind = z.infer<typeof CheckKindSchema>;

export const SeveritySchema = z.enum(['info', 'warning', 'error']);
export type Severity = z.infer<typeof SeveritySchema>;

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const isoTime = z.string().min(1);
const score = z.number().min(0).max(1);

export const CheckSchema = z.object({
  kind: CheckKindSchema,
  severity: SeveritySchema,
  message: z.string(),
  /** The regions the check is about (the mismatching, unlinked best match, low-confidence... ones). */
  regionIds: z.array(z.string()),
});
export type Check = z.infer<typeof CheckSchema>;

export const SentenceLinkSchema = z.object({ regionId: z.string(), score, origin: LinkOriginSchema });
export type SentenceLink = z.infer<typeof SentenceLinkSchema>;

export const SentenceViewSchema = z.object({
  id: z.string(),
  section: SectionNameSchema,
  ordinal: z.number().int().nonnegative(),
  text: z.string(),
  origin: SentenceOriginSchema,
  grounding: GroundingModeSchema,
  updatedAt: isoTime,
  links: z.array(SentenceLinkSchema),
  regionIds: z.array(z.string()),
  checks: z.array(CheckSchema),
});
export type SentenceView = z.infer<typeof SentenceViewSchema>;

export const SectionViewSchema = z.object({ name: SectionNameSchema, sentences: z.array(SentenceViewSchema) });
export type SectionView = z.infer<typeof SectionViewSchema>;

/** A lesion tracked between the prior and the current exam, as the report was drafted with it (tracking/). */
export const TrackedChangeSchema = z.object({
  status: z.enum(['new', 'resolved', 'increased', 'decreased', 'stable']),
  currentRegionId: z.string().nullable(),
  priorRegionId: z.string().nullable(),
  currentDiameterMm: z.number().nullable(),
  priorDiameterMm: z.number().nullable(),
  diameterChangePct: z.number().nullable(),
});
export type TrackedChange = z.infer<typeof TrackedChangeSchema>;

/**
 * The prior exam a report compares with. `changes` is there only when the two exams were compared
 * (registered, lesions tracked): change claims are checked against it; without it a change claim
 * is an error. `volumeId` is the prior's volume: its regions may be linked, never auto-grounded.
 */
export const PriorExamSchema = z.object({
  studyDate: z.string().nullable(),
  description: z.string().nullable(),
  studyInstanceUid: z.string().optional(),
  volumeId: z.string().optional(),
  changes: z.array(TrackedChangeSchema).optional(),
});
export type PriorExam = z.infer<typeof PriorExamSchema>;

export const AddendumViewSchema = z.object({
  id: z.string(),
  text: z.string(),
  author: z.string(),
  createdAt: isoTime,
  hash,
  previousHash: hash,
});
export type AddendumView = z.infer<typeof AddendumViewSchema>;

/**
 * A report restored from a RadGround DICOM SR (+ SEG) found by an import or a PACS retrieve: signed
 * elsewhere (the SR's verifying observer and time), read-only here. RadGround cannot check the
 * original signature: the SR carries none; srDigest is the SHA-256 of the SR file as received.
 */
export const ImportedReportSchema = z.object({
  srSopInstanceUid: z.string(),
  /** The newest SR restored into it (an addendum SR), else srSopInstanceUid. */
  latestSrSopInstanceUid: z.string(),
  segSopInstanceUid: z.string().nullable(),
  srDigest: hash,
  source: z.enum(['file', 'pacs']),
  signer: z.string(),
  signedAt: isoTime,
  verificationFlag: z.enum(['VERIFIED', 'UNVERIFIED']),
  importedAt: isoTime,
  /** What could not be restored (e.g. no SEG: regions without masks). */
  notes: z.array(z.string()),
});
export type ImportedReport = z.infer<typeof ImportedReportSchema>;

export const ReportViewSchema = z.object({
  id: z.string(),
  studyInstanceUid: z.string(),
  status: ReportStatusSchema,
  author: z.string(),
  version: z.number().int().positive(),
  prior: PriorExamSchema.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  signedBy: z.string().nullable(),
  signedAt: isoTime.nullable(),
  contentHash: hash.nullable(),
  previousHash: hash.nullable(),
  sections: z.array(SectionViewSchema),
  addenda: z.array(AddendumViewSchema),
  /** Counts of the checks of every sentence, by severity. */
  checkSummary: z.object({ info: z.number().int(), warning: z.number().int(), error: z.number().int() }),
  /** Set for a report restored from a DICOM SR (read-only); null or absent for one made here. */
  imported: ImportedReportSchema.nullable().optional(),
});
export type ReportView = z.infer<typeof ReportViewSchema>;

export const GroundingResultSchema = z.object({
  links: z.array(SentenceLinkSchema),
  checks: z.array(CheckSchema),
});
export type GroundingResult = z.infer<typeof GroundingResultSchema>;

export const SentenceUpdateResultSchema = GroundingResultSchema.extend({ sentence: SentenceViewSchema });
export type SentenceUpdateResult = z.infer<typeof SentenceUpdateResultSchema>;

export const AUDIT_ACTIONS = [
  'create',
  'sentence.add',
  'sentence.update',
  'sentence.delete',
  'link.add',
  'link.remove',
  'status',
  'override',
  'sign',
  'addendum',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  reportId: z.string(),
  actor: z.string(),
  action: AuditActionSchema,
  at: isoTime,
  detail: z.record(z.string(), z.unknown()),
  hashBefore: hash.nullable(),
  hashAfter: hash.nullable(),
  entryHash: hash,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const ChainProblemSchema = z.object({
  what: z.enum(['content', 'signature', 'addendum', 'report', 'audit']),
  message: z.string(),
});
export const ChainVerificationSchema = z.object({
  reportId: z.string(),
  ok: z.boolean(),
  /** SHA-256 of the report's content as it is stored now. */
  recomputedContentHash: hash,
  problems: z.array(ChainProblemSchema),
  /** What a reader should know that is not a problem (e.g. signed before signatures were kept). */
  notices: z.array(z.string()).default([]),
});
export type ChainVerification = z.infer<typeof ChainVerificationSchema>;

const box2 = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const vec3 = z.tuple([z.number(), z.number(), z.number()]);

/** RadFact-style grounded report: one entry per sentence, boxes normalised 0..1 on its key image. */
export const GroundedSentenceJsonSchema = z.object({
  text: z.string(),
  boxes: z.array(box2).nullable(),
  section: SectionNameSchema,
  sentenceId: z.string(),
  regionIds: z.array(z.string()),
  /** World (LPS mm) boxes of the linked regions, with their frame of reference. */
  worldBoxes: z.array(
    z.object({ regionId: z.string(), frameOfReferenceUid: z.string().nullable(), min: vec3, max: vec3 }),
  ),
  keyImage: z
    .object({
      volumeId: z.string(),
      seriesInstanceUid: z.string().nullable(),
      sliceIndex: z.number().int(),
      sopInstanceUid: z.string().nullable(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
    })
    .nullable(),
});
export const GroundedReportJsonSchema = z.object({
  format: z.literal('radground.grounded-report/1'),
  reportId: z.string(),
  studyInstanceUid: z.string(),
  status: ReportStatusSchema,
  contentHash: hash.nullable(),
  sentences: z.array(GroundedSentenceJsonSchema),
});
export type GroundedSentenceJson = z.infer<typeof GroundedSentenceJsonSchema>;
export type GroundedReportJson = z.infer<typeof GroundedReportJsonSchema>;
