/**
 * Which re-segmented candidates are reported as findings, their label and their confidence.
 *
 * A finding is a solid, round, isolated lesion inside the lung envelope:
 *  - axial diameter >= MIN_DIAMETER_MM (~4 mm nodules), mean HU <= MAX_MEAN_HU: solid tumours measure
 *    about 20-110 HU even when they enhance, while contrast-filled vessels (the hila on a CT
 *    angiogram or a contrast-enhanced chest CT), calcification and bone are denser (calcified nodules
 *    are therefore not reported: a documented limitation);
 *  - round: elongation sqrt(l1 / l2) <= MAX_ELONGATION (vessels are tubes) and fill >= MIN_FILL
 *    (voxels over the volume of the ellipsoid with the same second moments: branching vessel
 *    junctions and irregular tissue fill it poorly);
 *  - isolated: little bright tissue cut by the growth limit. Small candidates: cut area over
 *    volume^(2/3) <= MAX_CUT_RATIO (a vessel segment cut at both ends scores ~1, a nodule with a
 *    feeding vessel ~0.1); large ones (>= LARGE_ML): cut area over surface <= MAX_CUT_FRACTION
 *    (masses are entered by bronchovascular bundles, hilar tissue continues widely). A juxtavascular
 *    nodule (a round, strongly blob-like lesion a vessel runs into: fill >= JUXTAVASCULAR_MIN_FILL,
 *    elongation <= JUXTAVASCULAR_MAX_ELONGATION, blobness >= JUXTAVASCULAR_MIN_BLOBNESS) may have a
 *    cut ratio up to JUXTAVASCULAR_MAX_CUT_RATIO: vessel segments and junctions are never that round;
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
const MAX_MEAN_HU = 120;
const MAX_ELONGATION = 2;
const MIN_FILL = 0.6;
const LARGE_ML = 4;
const MAX_CUT_RATIO = 0.35;
const JUXTAVASCULAR_MIN_FILL = 0.8;
const JUXTAVASCULAR_MAX_ELONGATION = 1.3;
const JUXTAVASCULAR_MIN_BLOBNESS = 110;
const JUXTAVASCULAR_MAX_CUT_RATIO = 0.7;
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

function isJuxtavascular(f: Pick<FindingFeatures, 'fill' | 'elongation' | 'blobness'>): boolean {
  return f.fill >= JUXTAVASCULAR_MIN_FILL && f.elongation <= JUXTAVASCULAR_MAX_ELONGATION && f.blobness >= JUXTAVASCULAR_MIN_BLOBNESS;
}

function maxCutRatio(f: Pick<FindingFeatures, 'fill' | 'elongation' | 'blobness'>): number {
  return isJuxtavascular(f) ? JUXTAVASCULAR_MAX_CUT_RATIO : MAX_CUT_RATIO;
}

type RuleFeatures = Omit<FindingFeatures, 'depthMm'> & { depthMm?: number };

interface Rule {
  reason: string;
  /** How far past its limit the candidate is, relative to the limit (> 0: fails); null: rule not applicable. */
  excess: (f: RuleFeatures) => number | null;
  /** A near miss of this rule can never be a lesion (size, density). */
  absolute?: boolean;
}

const over = (value: number, limit: number) => (value - limit) / limit;
const under = (value: number, limit: number) => (limit - value) / limit;

/** In order; depth is checked last (it is the costly one and is measured only when the rest pass). */
const RULES: readonly Rule[] = [
  { reason: `smaller than ${MIN_DIAMETER_MM} mm`, excess: (f) => under(f.diameterMm, MIN_DIAMETER_MM), absolute: true },
  { reason: 'denser than soft tissue (contrast-filled vessel, calcification or bone)', excess: (f) => over(f.meanHu, MAX_MEAN_HU), absolute: true },
  { reason: 'elongated (tubular: vessel)', excess: (f) => over(f.elongation, MAX_ELONGATION) },
  { reason: 'irregular or branching', excess: (f) => under(f.fill, MIN_FILL) },
  { reason: 'elongated in the slice (vessel cut lengthwise)', excess: (f) => (f.volumeMl < LARGE_ML ? over(f.axialAspect, MAX_AXIAL_ASPECT) : null) },
  { reason: 'continues in the next slice (vessel crossing the slices)', excess: (f) => (f.volumeMl < LARGE_ML && Number.isFinite(f.adjacentRatio) ? over(f.adjacentRatio, MAX_ADJACENT_RATIO) : null) },
  {
    reason: 'continues beyond its neighbourhood (vessel or hilar tissue)',
    excess: (f) => (f.volumeMl < LARGE_ML ? over(f.cutRatio, maxCutRatio(f)) : over(f.cutFraction, MAX_CUT_FRACTION)),
  },
  { reason: 'little contact with aerated lung', excess: (f) => under(f.lungFraction, MIN_LUNG_FRACTION) },
  {
    reason: 'thin wedge against the wall (not bulging into the lung)',
    excess: (f) => (f.depthMm !== undefined && Number.isFinite(f.depthMm) ? under(f.depthMm, MIN_DEPTH_RATIO * f.equivalentRadiusMm) : null),
  },
];

/** Rejection reason of the first failed rule, or null. */
export function rejectionReason(f: RuleFeatures): string | null {
  for (const r of RULES) {
    const e = r.excess(f);
    if (e !== null && e > 0) return r.reason;
  }
  return null;
}

/**
 * A rejected candidate the rules could not dismiss with confidence: it fails exactly one shape or
 * context rule, by at most NEAR_MISS_MARGIN of that rule's limit. A reader must look at it; a normal
 * statement cannot rest on its rejection.
 */
export const NEAR_MISS_MARGIN = 0.15;

export function isNearMiss(f: RuleFeatures): boolean {
  const failed = RULES.map((r) => ({ r, e: r.excess(f) })).filter((x) => x.e !== null && x.e > 0);
  return failed.length === 1 && !failed[0]!.r.absolute && failed[0]!.e! <= NEAR_MISS_MARGIN;
}

/**
 * Confidence in [0.05, 0.99]: a weighted mean of how clearly each property passes (1 = far from
 * its limit, 0 = at it): roundness (elongation, fill) 0.3, isolation (cut) 0.25, contrast 0.15
 * (250 -> 750 HU), size 0.15 (4 -> 8 mm: the smallest are the least certain), blob response 0.15
 * (0 -> 150, or the shape terms for lesions larger than the blob scales).
 */
export function confidenceOf(f: FindingFeatures): number {
  const round = 0.5 * clamp01((MAX_ELONGATION - f.elongation) / (MAX_ELONGATION - 1)) + 0.5 * clamp01((f.fill - MIN_FILL) / (1 - MIN_FILL));
  const isolation = f.volumeMl < LARGE_ML ? 1 - clamp01(f.cutRatio / maxCutRatio(f)) : 1 - clamp01(f.cutFraction / MAX_CUT_FRACTION);
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
