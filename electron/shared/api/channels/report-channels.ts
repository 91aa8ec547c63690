import { z } from 'zod';
import { jsonChannel } from '../define-channel';
import {
  AuditEntrySchema,
  ChainVerificationSchema,
  GroundedReportJsonSchema,
  GroundingResultSchema,
  ReportStatusSchema,
  ReportViewSchema,
  SectionNameSchema,
  SentenceUpdateResultSchema,
} from './report-schemas';

const uid = z.string().min(1).max(64).regex(/^[0-9.]+$/, 'a DICOM UID (digits and dots)');
const id = z.string().min(1).max(100);
const person = z.string().trim().min(1).max(200);
const sentenceText = z.string().max(4000);

export const reportSummarySchema = z.object({
  id: z.string(),
  status: ReportStatusSchema,
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  signedAt: z.string().nullable(),
});
export type ReportSummaryView = z.infer<typeof reportSummarySchema>;

export const templateSummarySchema = z.object({ id: z.string(), name: z.string() });

/** A model pack checked against the study's reading series (electron/core/reports/operations/drafting-packs.ts). */
export const packFitSchema = z.object({
  id: z.string(),
  version: z.string().nullable(),
  fits: z.boolean(),
  drafts: z.boolean(),
  reasons: z.array(z.string()),
  notes: z.array(z.string()),
});
export type PackFitView = z.infer<typeof packFitSchema>;

export const reportOptionsSchema = z.object({
  templates: z.array(templateSummarySchema),
  /** The template chosen for the study by modality and body part. */
  suggestedTemplateId: z.string().nullable(),
  packs: z.array(packFitSchema),
  /** The pack a draft would use; null: no pack fits, and `reason` says why. */
  draftingPackId: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ReportOptions = z.infer<typeof reportOptionsSchema>;

const templateId = z.string().min(1).max(64);

export const reportChannels = {
  'reports.options': jsonChannel({
    description: 'How a study can be reported: the templates (one suggested) and the model packs that fit it.',
    request: z.object({ studyInstanceUid: uid }).strict(),
    response: reportOptionsSchema,
  }),
  'reports.create': jsonChannel({
    description: 'Start a report without AI: from a template (default: the one suggested for the study), or blank (templateId null).',
    request: z.object({ studyInstanceUid: uid, templateId: templateId.nullable().optional(), indication: z.string().trim().max(4000).optional() }).strict(),
    response: ReportViewSchema,
  }),
  'reports.moveSentence': jsonChannel({
    description: 'Move a sentence to a position of its section or of another section.',
    request: z.object({ sentenceId: id, toIndex: z.number().int().min(0), toSection: SectionNameSchema.optional() }).strict(),
    response: SentenceUpdateResultSchema,
  }),
  'reports.restoreSentence': jsonChannel({
    description: 'Undo a deletion: the sentence comes back where it was, with its links.',
    request: z.object({ reportId: id, sentenceId: id }).strict(),
    response: SentenceUpdateResultSchema,
  }),
  'reports.listForStudy': jsonChannel({
    description: 'Reports of a study, newest first.',
    request: z.object({ studyInstanceUid: uid }).strict(),
    response: z.object({ reports: z.array(reportSummarySchema) }),
  }),
  'reports.draft': jsonChannel({
    description: 'Draft a grounded report with a model pack that fits the study (running its analysis first if needed).',
    request: z
      .object({
        studyInstanceUid: uid,
        author: person.optional(),
        modelId: z.string().min(1).max(100).optional(),
        /** Compare with this prior (registered and tracked first, cached) and write change sentences; default: the newest prior already compared. */
        priorStudyInstanceUid: uid.optional(),
      })
      .strict(),
    response: ReportViewSchema,
  }),
  'reports.get': jsonChannel({
    description: 'A report with its sections, sentences, links and checks.',
    request: z.object({ reportId: id }).strict(),
    response: ReportViewSchema,
  }),
  'reports.updateSentence': jsonChannel({
    description: 'Save an edited sentence (autosave) and re-ground it; empty text deletes the sentence.',
    request: z.object({ sentenceId: id, text: sentenceText }).strict(),
    response: z.union([SentenceUpdateResultSchema.extend({ deleted: z.literal(false) }), z.object({ deleted: z.literal(true), sentenceId: z.string() })]),
  }),
  'reports.addSentence': jsonChannel({
    description: 'Add a sentence to a section.',
    request: z.object({ reportId: id, section: SectionNameSchema, text: sentenceText, afterOrdinal: z.number().int().min(-1).optional() }).strict(),
    response: SentenceUpdateResultSchema,
  }),
  'reports.deleteSentence': jsonChannel({
    description: 'Remove a sentence.',
    request: z.object({ sentenceId: id }).strict(),
    response: z.object({ deleted: z.literal(true) }),
  }),
  'reports.linkRegion': jsonChannel({
    description: 'Link a region to a sentence by hand.',
    request: z.object({ sentenceId: id, regionId: id }).strict(),
    response: SentenceUpdateResultSchema,
  }),
  'reports.unlinkRegion': jsonChannel({
    description: 'Remove a sentence-region link.',
    request: z.object({ sentenceId: id, regionId: id }).strict(),
    response: SentenceUpdateResultSchema,
  }),
  'reports.groundPreview': jsonChannel({
    description: 'The links and checks a sentence would get in a report, without saving.',
    request: z.object({ reportId: id, text: sentenceText, section: SectionNameSchema.optional() }).strict(),
    response: GroundingResultSchema,
  }),
  'reports.setStatus': jsonChannel({
    description: 'Move an unsigned report between draft and preliminary.',
    request: z.object({ reportId: id, status: z.enum(['draft', 'preliminary']) }).strict(),
    response: ReportViewSchema,
  }),
  'reports.sign': jsonChannel({
    description: 'Sign (finalise) a report (signer: default the reader in settings); unresolved errors need an override reason, which is audited.',
    request: z.object({ reportId: id, signer: person.optional(), overrideReason: z.string().trim().min(3).max(1000).optional() }).strict(),
    response: ReportViewSchema,
  }),
  'reports.addAddendum': jsonChannel({
    description: 'Append an addendum to a signed report (hash-chained).',
    request: z.object({ reportId: id, text: z.string().trim().min(1).max(8000), author: person.optional() }).strict(),
    response: ReportViewSchema,
  }),
  'reports.audit': jsonChannel({
    description: 'The append-only audit log of a report and a verification of its hash chain.',
    request: z.object({ reportId: id }).strict(),
    response: z.object({ entries: z.array(AuditEntrySchema), verification: ChainVerificationSchema }),
  }),
  'reports.exportJson': jsonChannel({
    description: 'Grounded-report JSON (RadFact-style boxes plus world-coordinate boxes).',
    request: z.object({ reportId: id }).strict(),
    response: GroundedReportJsonSchema,
  }),
  'reports.exportHtml': jsonChannel({
    description: 'A self-contained HTML report with a key image per linked sentence.',
    request: z.object({ reportId: id }).strict(),
    response: z.object({ html: z.string() }),
  }),
} as const;
