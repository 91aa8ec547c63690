/**
 * What the lung assessment (analysis/lung-assessment.ts) leaves unverified, for drafting's review
 * prompt and for the normal-statement check: the failed checks a reader must be told about, and the
 * side(s) each one concerns.
 */
import type { AssessmentCheck, LungAssessment } from '../../analysis/lung-assessment';
import type { Region } from '../../regions/region';
import type { Side } from '../grounding/lexicon';
import { labelInfo } from '../grounding/region-features';

/** Confidence a finding needs to be stated without "possible" when the run recorded no assessment. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;

/** What a review prompt says when the run recorded no assessment at all (nothing was verified). */
export const NO_ASSESSMENT_DETAIL = 'no lung assessment was recorded for this analysis';

export function confidenceThreshold(assessment: LungAssessment | null | undefined): number {
  return assessment?.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
}

/** A finding that states reduced lung volume (the analysis' 'lung volume asymmetry'). */
export function isVolumeLoss(r: Pick<Region, 'label' | 'kind'>): boolean {
  return labelInfo(r.label, r.kind).concepts.includes('volume-loss');
}

/**
 * The failed checks a reader must be told about: all but 'findings-confident' (uncertain findings are
 * drafted as "Possible ..." and checked region by region), and 'lungs-symmetric' only when no finding
 * states the volume loss already.
 */
export function unexplainedFailures(assessment: LungAssessment, findings: readonly Pick<Region, 'label' | 'kind'>[]): AssessmentCheck[] {
  const volumeLossStated = findings.some(isVolumeLoss);
  return assessment.checks.filter((c) => !c.passed && c.id !== 'findings-confident' && !(c.id === 'lungs-symmetric' && volumeLossStated));
}

const BOTH: Side[] = ['right', 'left'];

/** The side(s) a failed check concerns, as the analysis recorded them; both when it could not say. */
export function checkSides(check: AssessmentCheck): Side[] {
  return check.sides.length > 0 ? [...check.sides] : BOTH;
}
