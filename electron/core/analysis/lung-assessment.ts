/**
 * What a chest analysis positively verified about the lungs, stored with its model run
 * (model_runs.assessment). Drafting writes a normal or negative statement ("The lungs are clear.",
 * "No pulmonary nodule or mass.") only when `normalVerified` is true; otherwise it names the failed
 * checks' details in a review prompt. A run without an assessment (older runs, generic packs)
 * verified nothing.
 */
import { z } from 'zod';

export const ASSESSMENT_CHECK_IDS = [
  /** Both lungs were segmented. */
  'lungs-segmented',
  /** Neither lung reaches the first or last slice (whole lungs in the field of view). */
  'lungs-in-view',
  /** Lung volumes within the asymmetry limit of each other. */
  'lungs-symmetric',
  /** No airless (dense) lung beyond the limit inside either lung envelope that no finding explains. */
  'lungs-aerated',
  /** No rejected candidate at or above the reportable size that the rules could not dismiss with confidence. */
  'no-unresolved-candidate',
  /** Every reported finding at or above the confidence threshold. */
  'findings-confident',
] as const;
export type AssessmentCheckId = (typeof ASSESSMENT_CHECK_IDS)[number];

export const AssessmentCheckSchema = z.object({
  id: z.enum(ASSESSMENT_CHECK_IDS),
  passed: z.boolean(),
  /** Plain words for a review prompt, e.g. "right lung volume 28% below the left". */
  detail: z.string(),
  /** The lung(s) a failed check is about (empty when it passed or cannot say). */
  sides: z.array(z.enum(['right', 'left'])).default([]),
});
export type AssessmentCheck = z.infer<typeof AssessmentCheckSchema>;

export const LungSideStatsSchema = z.object({
  /** Envelope volume (lung with what it encloses), mL. */
  volumeMl: z.number().nonnegative(),
  /** Aerated lung volume, mL. */
  aeratedMl: z.number().nonnegative(),
  /** Airless soft tissue inside the envelope that no finding or vessel explains, mL. */
  denseMl: z.number().nonnegative(),
  /** Reaches the first or last slice. */
  truncated: z.boolean(),
});
export type LungSideStats = z.infer<typeof LungSideStatsSchema>;

export const LungAssessmentSchema = z.object({
  version: z.literal(1),
  lungs: z.object({ right: LungSideStatsSchema.nullable(), left: LungSideStatsSchema.nullable() }),
  /** (larger - smaller) / larger lung volume; null without both lungs. */
  volumeAsymmetry: z.number().nullable(),
  /** The smallest finding diameter the analysis reports, mm: a negative statement covers sizes from it. */
  minReportableMm: z.number().positive(),
  /** Confidence a finding needs to be stated without "possible". */
  confidenceThreshold: z.number().min(0).max(1),
  checks: z.array(AssessmentCheckSchema),
  /** Every check passed: a normal statement may be drafted. */
  normalVerified: z.boolean(),
});
export type LungAssessment = z.infer<typeof LungAssessmentSchema>;

/** The stored JSON -> an assessment; null when absent or not readable (then nothing was verified). */
export function parseLungAssessment(json: string | null | undefined): LungAssessment | null {
  if (!json) return null;
  try {
    const r = LungAssessmentSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
