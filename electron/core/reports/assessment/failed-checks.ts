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

/**
 * Sides of what a detail says was seen ("85 mL of airless tissue in the right lung ... (40 mL in the
 * left)", "a 14 mm opacity in the left upper lung zone"), not of what it compares with.
 */
function sidesSeen(detail: string): Side[] {
  const sides = new Set<Side>();
  for (const m of detail.matchAll(/\b(?:airless tissue|opacity|nodule|mass|consolidation|finding) in the (right|left)\b/g)) sides.add(m[1] as Side);
  return [...sides];
}

/** The side(s) a failed check concerns; both when the assessment cannot say. */
export function checkSides(assessment: LungAssessment, check: AssessmentCheck): Side[] {
  const { right, left } = assessment.lungs;
  let sides: Side[] = [];
  switch (check.id) {
    case 'lungs-segmented':
      sides = BOTH.filter((s) => (s === 'right' ? right : left) === null);
      break;
    case 'lungs-in-view':
      sides = BOTH.filter((s) => {
        const st = s === 'right' ? right : left;
        return st === null || st.truncated;
      });
      break;
    case 'lungs-symmetric':
      if (right && left && right.aeratedMl !== left.aeratedMl) sides = [right.aeratedMl < left.aeratedMl ? 'right' : 'left'];
      break;
    case 'lungs-aerated':
    case 'no-unresolved-candidate':
    case 'findings-confident':
      sides = sidesSeen(check.detail);
      break;
  }
  return sides.length > 0 ? sides : BOTH;
}
