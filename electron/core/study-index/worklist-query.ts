import { z } from 'zod';
import { normalizeQueryDate } from './normalize';

const queryDate = z
  .string()
  .transform((value, ctx) => {
    const date = normalizeQueryDate(value);
    if (date === null) {
      ctx.addIssue({ code: 'custom', message: `'${value}' is not a date (YYYYMMDD or YYYY-MM-DD)` });
      return z.NEVER;
    }
    return date;
  });

const modalityCode = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .transform((m) => m.toUpperCase());

const searchText = z.string().max(256);

/**
 * Worklist filters. Every filter is optional and they combine with AND. Text filters are
 * case- and accent-insensitive substring matches, word by word ('demo phantom' and 'phantom demo'
 * both find 'DEMO^PHANTOM').
 */
export const WorklistQuerySchema = z
  .object({
    /** Words that must each occur in PatientName or PatientID (the worklist's patient box). */
    patient: searchText.optional(),
    /** Words that must all occur in PatientName. */
    patientName: searchText.optional(),
    /** Substring of PatientID. */
    patientId: searchText.optional(),
    /** Inclusive bounds on StudyDate; 'YYYYMMDD', 'YYYY-MM-DD' or an ISO date-time (its date part). Studies without a date never match a range. */
    dateFrom: queryDate.optional(),
    dateTo: queryDate.optional(),
    /** Studies with at least one series of this modality (or of any of these). */
    modality: z.union([modalityCode, z.array(modalityCode).max(32)]).optional(),
    /** Words that must all occur in the patient name or ID, study or series descriptions, accession number or body part. */
    text: searchText.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((q) => q.dateFrom === undefined || q.dateTo === undefined || q.dateFrom <= q.dateTo, {
    message: 'dateFrom is after dateTo',
    path: ['dateFrom'],
  });

/** What callers pass (dates in either form, limit/offset optional). */
export type WorklistQueryInput = z.input<typeof WorklistQuerySchema>;
/** After parsing: dates as 'YYYYMMDD', modalities upper case, defaults filled in. */
export type WorklistQuery = z.output<typeof WorklistQuerySchema>;
