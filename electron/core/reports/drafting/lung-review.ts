/**
 * What a draft may say about the lungs as a whole. "The lungs are clear." and "No pulmonary nodule
 * or mass." (and the impression's negative) only when the analysis positively verified them
 * (assessment.normalVerified) and found nothing; otherwise an explicit review prompt naming what
 * the analysis saw, from its failed checks' details. No assessment: nothing was verified.
 */
import type { LungAssessment } from '../../analysis/lung-assessment';
import type { Region } from '../../regions/region';
import { NO_ASSESSMENT_DETAIL, unexplainedFailures } from '../assessment/failed-checks';
import { LUNGS_CLEAR, NO_NODULE_OR_MASS, NO_NODULE_OR_MASS_DETECTED } from './templates';

export const REVIEW_PROMPT_HEAD = 'Lungs: not verified by the automated analysis';
export const REVIEW_IMPRESSION = 'Automated analysis incomplete: review the lungs.';

/** Zone words as radiologists write them: "mid lung zone", not "middle lung zone". */
function radiologyZones(detail: string): string {
  return detail.replace(/\bmiddle (lung )?zone/g, 'mid $1zone');
}

/** "Lungs: not verified by the automated analysis — right lung aerated volume 28% below the left; ..." */
export function reviewPrompt(details: readonly string[]): string {
  const said = details.map((d) => radiologyZones(d.trim().replace(/[.;]+$/, ''))).filter(Boolean);
  return said.length > 0 ? `${REVIEW_PROMPT_HEAD} — ${said.join('; ')}.` : `${REVIEW_PROMPT_HEAD}.`;
}

export interface LungStatements {
  /** Findings-section sentences about the lungs as a whole (after the finding sentences). */
  findings: string[];
  /** Impression sentences about the lungs as a whole (after the findings' lines). */
  impression: string[];
}

export function lungStatements(assessment: LungAssessment | null | undefined, findings: readonly Region[]): LungStatements {
  if (findings.length === 0 && assessment?.normalVerified === true) {
    return { findings: [LUNGS_CLEAR, NO_NODULE_OR_MASS], impression: [NO_NODULE_OR_MASS_DETECTED] };
  }
  const details = assessment ? unexplainedFailures(assessment, findings).map((c) => c.detail) : [NO_ASSESSMENT_DETAIL];
  // Findings stated and nothing else left unverified: the finding sentences say it all.
  if (findings.length > 0 && details.length === 0) return { findings: [], impression: [] };
  return { findings: [reviewPrompt(details)], impression: [REVIEW_IMPRESSION] };
}
