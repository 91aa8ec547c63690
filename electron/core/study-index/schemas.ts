import { z } from 'zod';
import { seriesSummarySchema, studySummarySchema } from '../../shared/api/channels/study-channels';

/**
 * Shapes the study index returns. They are plain JSON values (no Dates, no bigints), so they can
 * cross the IPC / HTTP boundary as they are; the API layer can validate with these schemas.
 * Dates are DICOM 'YYYYMMDD', times 'HHMMSS[.FFFFFF]'; text the file lacked is null.
 */

const count = z.number().int().nonnegative();

// Row shapes that cross the API are declared once, in the shared contract.
export {
  patientSummarySchema as PatientSummarySchema,
  studySummarySchema as StudySummarySchema,
  seriesSummarySchema as SeriesSummarySchema,
  type PatientSummary,
  type StudySummary,
  type SeriesSummary,
} from '../../shared/api/channels/study-channels';

/** A study with its series, ordered by series number. */
export const StudyDetailSchema = studySummarySchema.extend({
  series: z.array(seriesSummarySchema),
});
export type StudyDetail = z.infer<typeof StudyDetailSchema>;

export const WorklistPageSchema = z.object({
  rows: z.array(studySummarySchema),
  /** Studies matching the query, ignoring limit and offset. */
  total: count,
});
export type WorklistPage = z.infer<typeof WorklistPageSchema>;

export const RejectedFileSchema = z.object({
  path: z.string().min(1),
  reason: z.string(),
  /** ISO 8601 UTC, when the file was last rejected. */
  seenAt: z.string(),
});
export type RejectedFile = z.infer<typeof RejectedFileSchema>;

export const IndexResultSchema = z.object({
  /** Rows newly created by this batch. */
  added: z.object({ patients: count, studies: count, series: count, instances: count }),
  /** Instances already indexed whose stored record changed (e.g. the file moved). */
  updated: count,
  /** Instances already indexed unchanged, or repeated within the batch. */
  skipped: count,
});
export type IndexResult = z.infer<typeof IndexResultSchema>;
