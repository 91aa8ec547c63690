/**
 * A report template: a data file (JSON) naming the studies it suits and the sentences each section
 * starts with. Validated with zod when loaded, so a bad file fails with the field that is wrong.
 */
import { z } from 'zod';

const word = z.string().trim().min(1).max(64);
const sentence = z.string().trim().min(1).max(4000);

export const ReportTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"'),
    name: z.string().trim().min(1).max(120),
    /** Which studies it suits. A template without modalities is generic: it suits any study, last. */
    match: z
      .object({
        /** DICOM Modality values (CT, MR, CR, DX...). */
        modalities: z.array(word).default([]),
        /** DICOM BodyPartExamined values (CHEST, BRAIN...), compared case-insensitively. */
        bodyParts: z.array(word).default([]),
        /** Words of the study or series description that name the body part when BodyPartExamined is absent. */
        descriptionWords: z.array(word).default([]),
      })
      .strict(),
    /** Sentences each section starts with; technique falls back to the DICOM headers when empty, comparison to the prior. */
    sections: z
      .object({
        indication: z.array(sentence).default([]),
        technique: z.array(sentence).default([]),
        comparison: z.array(sentence).default([]),
        findings: z.array(sentence).default([]),
        impression: z.array(sentence).default([]),
      })
      .strict(),
  })
  .strict();

export type ReportTemplate = z.infer<typeof ReportTemplateSchema>;
export type ReportTemplateInput = z.input<typeof ReportTemplateSchema>;
