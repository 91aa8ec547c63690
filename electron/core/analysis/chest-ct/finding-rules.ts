/**
 * Which re-segmented candidates are reported as findings, their label and their confidence.
 *
 * A finding is a solid, round, isolated lesion inside the lung envelope:
 *  - axial diameter >= MIN_DIAMETER_MM (~4 mm nodules), mean HU <= MAX_MEAN_HU (bone is not a nodule);
 *  - round: elongation sqrt(l1 / l2) <= MAX_ELONGATION (vessels are tubes) and fill >= MIN_FILL
 *    (voxels over the volume of the ellipsoid with the same second moments: branching vessel
 *    junctions and irregular tissue fill it poorly);
 *  - isolated: little bright tissue cut by the growth limit. Small candidates: cut area over
 *    volume^(2/3) <= MAX_CUT_RATIO (a vessel segment cut at both ends scores ~1, a nodule with a
 *    feeding vessel ~0.1); large ones (>= LARGE_ML): cut area over surface <= MAX_CUT_FRACTION
 *    (masses are entered by bronchovascular bundles, hilar tissue continues widely);
 *  - small candidates (< LARGE_ML) must also be round in the slice (in-plane aspect <=
 *    MAX_AXIAL_ASPECT) and must not continue as bright tissue just beside them in the next slice
 *    (adjacent bright area <= MAX_ADJACENT_RATIO x their largest axial area): in thick slices an
 *    oblique vessel is a chain of separate dots, each of which can look like a small nodule;
 *  - it bulges into the lung: depth into the envelope >= MIN_DEPTH_RATIO x its equivalent radius
 *    (tissue taken in from a corner of the chest wall or a cap of the heart is a thin wedge), and
 *    at least MIN_LUNG_FRACTION of its surface faces aerated lung.
 * Label: 'nodule' below 30 mm longest axial diameter, 'mass' from 30 mm.
 */
/** Nodules from about 4 mm; partial volume makes a 4 mm sphere measure a little less on some slice positions. */
export const MIN_DIAMETER_MM = 3.5;
export const MASS_DIAMETER_MM = 30;
const MAX_MEAN_HU = 200;
const MAX_ELONGATION = 2;
const MIN_FILL = 0.6;
const LARGE_ML = 4;
const MAX_CUT_RATIO = 0.35;
const MAX_CUT_FRACTION = 0.1;
const MIN_DEPTH_RATIO = 0.9;
const MIN_LUNG_FRACTION = 0.3;
const MAX_AXIAL_ASPECT = 2;
const MAX_ADJACENT_RATIO = 0.3;

export interface FindingFeatures {
  diameterMm: number;
  volumeMl: number;
  meanHu: number;
  contrastHu: number;
  elongation: number;
  fill: number;
  cutRatio: number;
  cutFraction: number;
  wallFraction: number;
  lungFraction: number;
  depthMm: number;
  equivalentRadiusMm: number;
  blobness: number;
  axialAspect: number;
  slices: number;
  /** Radius the candidate was seeded with (blob scale, or equivalent radius of a solid core), mm. */
  seedRadiusMm: number;
  /** adjacentBrightMm2 / maxAxialAreaMm2 (NaN for large regions). */
  adjacentRatio: number;
}

export interface FindingDecision {
  accepted: boolean;
  reason: string | null;
  label: 'nodule' | 'mass';
  confidence: number;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Rejection reason of the first failed rule, or null. Depth is checked last (it is the costly one). */
export function rejectionReason(f: Omit<FindingFeatures, 'depthMm'> & { depthMm?: number }): string | null {
  if (f.diameterMm < MIN_DIAMETER_MM) return `smaller than ${MIN_DIAMETER_MM} mm`;
  if (f.meanHu > MAX_MEAN_HU) return 'denser than soft tissue (bone)';
  if (f.elongation > MAX_ELONGATION) return 'elongated (tubular: vessel)';
  if (f.fill < MIN_FILL) return 'irregular or branching';
  if (f.volumeMl < LARGE_ML && f.axialAspect > MAX_AXIAL_ASPECT) return 'elongated in the slice (vessel cut lengthwise)';
  if (f.volumeMl < LARGE_ML && f.adjacentRatio > MAX_ADJACENT_RATIO) return 'continues in the next slice (vessel crossing the slices)';
  if (f.volumeMl < LARGE_ML ? f.cutRatio > MAX_CUT_RATIO : f.cutFraction > MAX_CUT_FRACTION) return 'continues beyond its neighbourhood (vessel or hilar tissue)';
  if (f.lungFraction < MIN_LUNG_FRACTION) return 'little contact with aerated lung';
  if (f.depthMm !== undefined && f.depthMm < MIN_DEPTH_RATIO * f.equivalentRadiusMm) return 'thin wedge against the wall (not bulging into the lung)';
  return null;
}

/**
 * Confidence in [0.05, 0.99]: a weighted mean of how clearly each property passes (1 = far from
 * its limit, 0 = at it): roundness (elongation, fill) 0.3, isolation (cut) 0.25, contrast 0.15
 * (250 -> 750 HU), size 0.15 (4 -> 8 mm: the smallest are the least certain), blob response 0.15
 * (0 -> 150, or the shape terms for lesions larger than the blob scales).
 */
export function confidenceOf(f: FindingFeatures): number {
  const round = 0.5 * clamp01((MAX_ELONGATION - f.elongation) / (MAX_ELONGATION - 1)) + 0.5 * clamp01((f.fill - MIN_FILL) / (1 - MIN_FILL));
  const isolation = f.volumeMl < LARGE_ML ? 1 - clamp01(f.cutRatio / MAX_CUT_RATIO) : 1 - clamp01(f.cutFraction / MAX_CUT_FRACTION);
  const contrast = clamp01((f.contrastHu - 250) / 500);
  const size = clamp01((f.diameterMm - MIN_DIAMETER_MM) / 4);
  const blob = f.diameterMm > 25 ? round : clamp01(f.blobness / 150);
  const c = 0.3 * round + 0.25 * isolation + 0.15 * contrast + 0.15 * size + 0.15 * blob;
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 1000) / 1000;
}

export function decide(f: FindingFeatures): FindingDecision {
  const reason = rejectionReason(f);
  return {
    accepted: reason === null,
    reason,
    label: f.diameterMm >= MASS_DIAMETER_MM ? 'mass' : 'nodule',
    confidence: confidenceOf(f),
  };
}
