/**
 * Scores how well a region fits a finding mention, as a product of factors in [0, 1]:
 *
 *   label  1 same concept ("nodule"/nodule, or "atelectasis"/consolidation: both are airless lung
 *          the analysis cannot tell apart), 0.8 same group (nodule/mass), 0.6 a generic word
 *          ("lesion", "opacity") for a focal or airspace finding, 0.4 a label we cannot read, else 0;
 *   side   1 same side or none stated, 0.8 region bilateral, 0.7 region side unknown, 0.6 midline,
 *          0.25 the other side (so a region on the other side is never linked on its own);
 *   zone   1 same zone or none stated, 0.75 region zone unknown, 0.6 adjacent zone, 0.3 two apart;
 *   size   1 within max(2 mm, 15%), then 1 / (1 + excess / smaller size): a named location
 *          outweighs a 2x size discrepancy (16 mm stated for 8 mm measured: 0.57; 4 for 8: 0.67),
 *          not a 6x one (36 for 6: 0.18); 0.85 when the region has no size;
 *   place  1, or 0.5 when the text names anatomy ("hilum", "right lung", a lobe) that has regions
 *          and the finding's centroid lies in none of them.
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import { AIRLESS_CONCEPTS, CONCEPT_GROUP, ZONE_ORDER, type Concept, type Zone } from './lexicon';
import type { RegionFeatures } from './region-features';
import type { AnatomyScope, FindingMention } from './sentence-parser';

export const SIDE_MISMATCH_FACTOR = 0.25;
const PLACE_MARGIN_MM = 5;

export interface ScoreBreakdown {
  score: number;
  label: number;
  side: number;
  zone: number;
  size: number;
  place: number;
}

function conceptPair(a: Concept, b: Concept): number {
  if (a === b || (AIRLESS_CONCEPTS.has(a) && AIRLESS_CONCEPTS.has(b))) return 1;
  const ga = CONCEPT_GROUP[a];
  const gb = CONCEPT_GROUP[b];
  if (ga === gb) return 0.8;
  const generic = ga === 'generic' ? gb : gb === 'generic' ? ga : null;
  if (generic === 'focal' || generic === 'airspace') return 0.6;
  return 0;
}

export function labelScore(concepts: readonly Concept[], f: RegionFeatures): number {
  if (f.concepts.length === 0) return concepts.length > 0 ? 0.4 : 0;
  let best = 0;
  for (const a of concepts) for (const b of f.concepts) best = Math.max(best, conceptPair(a, b));
  return best;
}

export function sideFactor(m: Pick<AnatomyScope, 'sides' | 'bilateral'>, side: RegionFeatures['side']): number {
  if (m.bilateral) return side === 'midline' ? 0.8 : side === null ? 0.9 : 1;
  if (m.sides.length === 0) return 1;
  const stated = m.sides[0];
  if (side === stated) return 1;
  if (side === null) return 0.7;
  if (side === 'bilateral') return 0.8;
  if (side === 'midline') return 0.6;
  return SIDE_MISMATCH_FACTOR;
}

export function zoneFactor(zones: readonly Zone[], zone: Zone | null): number {
  if (zones.length === 0) return 1;
  if (zone === null) return 0.75;
  let best = 0;
  for (const z of zones) {
    const d = Math.abs(ZONE_ORDER[z] - ZONE_ORDER[zone]);
    best = Math.max(best, d === 0 ? 1 : d === 1 ? 0.6 : 0.3);
  }
  return best;
}

/** Tolerance of a stated size for a measured one, mm. */
export function sizeTolerance(measuredMm: number): number {
  return Math.max(2, 0.15 * measuredMm);
}

export function sizeFactor(statedMm: readonly number[], measuredMm: number | null): number {
  if (statedMm.length === 0) return 1;
  if (measuredMm === null || !(measuredMm > 0)) return 0.85;
  let best = 0;
  for (const s of statedMm) {
    if (!(s > 0)) continue;
    const excess = Math.max(0, Math.abs(s - measuredMm) - sizeTolerance(measuredMm));
    best = Math.max(best, 1 / (1 + excess / Math.min(s, measuredMm)));
  }
  return best;
}

function inside(p: Vec3, f: RegionFeatures): boolean {
  const { min, max } = f.region.worldBox;
  for (let a = 0; a < 3; a++) if (p[a]! < min[a]! - PLACE_MARGIN_MM || p[a]! > max[a]! + PLACE_MARGIN_MM) return false;
  return true;
}

/** Anatomy regions by anatomy term and by lobe, for the place factor. */
export interface AnatomyIndex {
  byTerm: ReadonlyMap<string, readonly RegionFeatures[]>;
  byLobe: ReadonlyMap<string, readonly RegionFeatures[]>;
}

export function placeFactor(m: Pick<AnatomyScope, 'anatomy' | 'lobes'>, f: RegionFeatures, index: AnatomyIndex): number {
  let factor = 1;
  const check = (places: readonly RegionFeatures[] | undefined): void => {
    if (!places || places.length === 0) return;
    if (!places.some((p) => p.region.id !== f.region.id && inside(f.region.centroid, p))) factor = 0.5;
  };
  for (const t of m.anatomy) if (t !== 'lobe') check(index.byTerm.get(t));
  for (const l of m.lobes) check(index.byLobe.get(l));
  return factor;
}

/** The score of a region for a mention; for a list, for the list item it fits best. */
export function scoreFinding(m: FindingMention, f: RegionFeatures, index: AnatomyIndex): ScoreBreakdown {
  if (m.parts.length === 0) return scoreOne(m, f, index);
  let best: ScoreBreakdown | null = null;
  for (const p of m.parts) {
    const s = scoreOne({ ...m, ...p, parts: [] }, f, index);
    if (!best || s.score > best.score) best = s;
  }
  return best!;
}

function scoreOne(m: FindingMention, f: RegionFeatures, index: AnatomyIndex): ScoreBreakdown {
  const label = labelScore(m.concepts, f);
  if (label === 0) return { score: 0, label, side: 0, zone: 0, size: 0, place: 0 };
  const side = sideFactor(m, f.side);
  const zone = zoneFactor(m.zones, f.zone);
  const size = sizeFactor(m.sizesMm, f.region.diameterMm);
  const place = placeFactor(m, f, index);
  return { score: label * side * zone * size * place, label, side, zone, size, place };
}

/** How well an anatomy region fits an anatomy-only statement ("right hilar region"). */
export function scoreAnatomy(s: AnatomyScope, f: RegionFeatures): number {
  const terms = s.anatomy.filter((t) => t !== 'lobe');
  const termHit = terms.some((t) => f.anatomy.includes(t)) || s.lobes.some((l) => f.lobes.includes(l));
  if (!termHit) return 0;
  return sideFactor(s, f.side) * zoneFactor(s.zones, f.zone);
}
