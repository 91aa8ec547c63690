/**
 * What the analysis positively verified about the lungs (analysis/lung-assessment.ts). A normal
 * statement rests on every check passing; each failed check names what was seen, in words a
 * radiologist reads in the review prompt.
 *
 * Limits (why these values):
 *  - MAX_ASYMMETRY: aerated volumes of healthy lungs differ by about 10% (the right is the larger);
 *    more than 20% is volume loss, or lung replaced by tissue or fluid, on one side.
 *  - airless tissue: soft tissue inside a lung envelope left over once findings are removed and
 *    thin structures (vessels, fissures: < ~8-10 mm, removed by the graph's solid_core opening) are
 *    excluded. The hila taken into the envelopes leave 40-110 mL per side on normal scans, about the
 *    same on both sides; consolidation, atelectasis or an undetected mass add to one side. So the
 *    check fails when one side holds more than NORMAL_DENSE_ML and exceeds the other by more than
 *    DENSE_EXCESS_ML (a side is not flagged merely because the other lost its hilum to an
 *    airless region outside its envelope), or either side exceeds MAX_DENSE_ML (bilateral disease).
 *  - UNRESOLVED_MIN_MM: a candidate of this size that missed being a finding by a small margin
 *    (finding-rules.ts isNearMiss) is something a reader must look at, up to UNRESOLVED_MAX_MM.
 */
import type { LungAssessment, AssessmentCheck, LungSideStats } from '../lung-assessment';
import { MIN_DIAMETER_MM } from './finding-rules';
import type { LungExtent } from './zones';

export const MAX_ASYMMETRY = 0.2;
export const MAX_DENSE_ML = 250;
export const DENSE_EXCESS_ML = 50;
export const NORMAL_DENSE_ML = 100;
export const UNRESOLVED_MIN_MM = 8;
/** Larger near misses are the hila and the heart seen at the largest blob scale; masses are found by the solid path. */
export const UNRESOLVED_MAX_MM = 30;
export const FINDING_CONFIDENCE_THRESHOLD = 0.5;
/** A lung smaller than this is not a lung for the assessment (a sliver at the edge of an abdominal scan). */
const MIN_ASSESSED_LUNG_ML = 300;

export interface LungMeasures {
  side: 'right' | 'left';
  envelopeMl: number;
  aeratedMl: number;
  denseMl: number;
  extent: LungExtent | null;
}

export interface AssessInputs {
  lungs: LungMeasures[];
  findings: { label: string; laterality: string | null; zone: string | null; diameterMm: number | null; confidence: number }[];
  /** Rejected candidates with a plain reason and where they are. */
  unresolved: { diameterMm: number; laterality: 'right' | 'left'; zone: string | null; reason: string }[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const round1 = (x: number) => Math.round(x * 10) / 10;

export function assessLungs(x: AssessInputs): LungAssessment {
  const stats = (side: 'right' | 'left'): LungSideStats | null => {
    const m = x.lungs.find((l) => l.side === side);
    if (!m || !m.extent || m.envelopeMl < MIN_ASSESSED_LUNG_ML) return null;
    return { volumeMl: round1(m.envelopeMl), aeratedMl: round1(m.aeratedMl), denseMl: round1(m.denseMl), truncated: m.extent.truncated };
  };
  const right = stats('right');
  const left = stats('left');
  const checks: AssessmentCheck[] = [];

  const missing = (['right', 'left'] as const).filter((s) => (s === 'right' ? right : left) === null);
  checks.push({
    id: 'lungs-segmented',
    passed: missing.length === 0,
    sides: missing,
    detail: missing.length === 0 ? 'both lungs segmented' : `${missing.join(' and ')} lung${missing.length > 1 ? 's' : ''} not segmented`,
  });

  const cut = (['right', 'left'] as const).filter((s) => (s === 'right' ? right : left)?.truncated);
  checks.push({
    id: 'lungs-in-view',
    passed: missing.length === 0 && cut.length === 0,
    sides: [...(missing), ...cut],
    detail: cut.length ? `the scan does not cover the whole ${cut.join(' and ')} lung${cut.length > 1 ? 's' : ''}` : missing.length ? 'lung coverage not verified' : 'whole lungs in the field of view',
  });

  let volumeAsymmetry: number | null = null;
  if (right && left) {
    const big = Math.max(right.aeratedMl, left.aeratedMl);
    volumeAsymmetry = big > 0 ? Math.round(((big - Math.min(right.aeratedMl, left.aeratedMl)) / big) * 1000) / 1000 : null;
  }
  if (volumeAsymmetry !== null && right && left) {
    const smaller = right.aeratedMl < left.aeratedMl ? 'right' : 'left';
    const larger = smaller === 'right' ? 'left' : 'right';
    checks.push({
      id: 'lungs-symmetric',
      passed: volumeAsymmetry <= MAX_ASYMMETRY,
      detail: `${smaller} lung aerated volume ${pct(volumeAsymmetry)} below the ${larger}`,
      sides: volumeAsymmetry <= MAX_ASYMMETRY ? [] : [smaller],
    });
  } else {
    checks.push({ id: 'lungs-symmetric', passed: false, detail: 'lung symmetry not verified', sides: missing });
  }

  const denseSides: ('right' | 'left')[] = [];
  const dense = (['right', 'left'] as const).flatMap((s) => {
    const st = s === 'right' ? right : left;
    const other = s === 'right' ? left : right;
    if (!st || !other) return [];
    const excess = st.denseMl - other.denseMl > DENSE_EXCESS_ML && st.denseMl > NORMAL_DENSE_ML;
    if (excess || st.denseMl > MAX_DENSE_ML) denseSides.push(s);
    return excess || st.denseMl > MAX_DENSE_ML ? [`${Math.round(st.denseMl)} mL of airless tissue in the ${s} lung not explained by a finding (${Math.round(other.denseMl)} mL in the ${s === 'right' ? 'left' : 'right'})`] : [];
  });
  checks.push({
    id: 'lungs-aerated',
    passed: missing.length === 0 && dense.length === 0,
    sides: [...(missing), ...denseSides],
    detail: dense.length ? dense.join('; ') : missing.length ? 'lung aeration not verified' : 'no unexplained airless lung',
  });

  const unresolved = x.unresolved.filter((u) => u.diameterMm >= UNRESOLVED_MIN_MM && u.diameterMm < UNRESOLVED_MAX_MM).sort((a, b) => b.diameterMm - a.diameterMm);
  checks.push({
    id: 'no-unresolved-candidate',
    passed: unresolved.length === 0,
    sides: [...new Set(unresolved.slice(0, 3).map((u) => u.laterality))] as ('right' | 'left')[],
    detail: unresolved.length
      ? unresolved
          .slice(0, 3)
          .map((u) => `a ${Math.round(u.diameterMm)} mm opacity in the ${u.laterality}${u.zone ? ` ${u.zone}` : ''} lung zone not classified (${u.reason})`)
          .join('; ')
      : `no unclassified opacity of ${UNRESOLVED_MIN_MM} mm or more`,
  });

  const unsure = x.findings.filter((f) => f.confidence < FINDING_CONFIDENCE_THRESHOLD);
  checks.push({
    id: 'findings-confident',
    passed: unsure.length === 0,
    sides: [...new Set(unsure.flatMap((f): ('right' | 'left')[] => (f.laterality === 'right' || f.laterality === 'left' ? [f.laterality] : [])))],
    detail: unsure.length
      ? unsure.map((f) => `possible ${f.diameterMm ? `${Math.round(f.diameterMm)} mm ` : ''}${f.label}${f.laterality ? ` ${f.laterality}` : ''} (confidence ${f.confidence.toFixed(2)})`).join('; ')
      : 'every finding above the confidence threshold',
  });

  return {
    version: 1,
    lungs: { right, left },
    volumeAsymmetry,
    minReportableMm: MIN_DIAMETER_MM,
    confidenceThreshold: FINDING_CONFIDENCE_THRESHOLD,
    checks,
    normalVerified: checks.every((c) => c.passed),
  };
}
