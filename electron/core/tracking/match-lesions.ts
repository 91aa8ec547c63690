/**
 * One-to-one matching of findings across two exams, after registration: each prior lesion's
 * centroid is mapped into the current exam; a candidate pair costs its distance (mm) plus a size
 * term (MM_PER_SIZE_LOG times |ln(d_current / d_prior)|) plus LABEL_PENALTY_MM when one is a nodule
 * and the other a mass; pairs farther apart than the gate are never made. Pairs are taken greedily
 * by increasing cost (optimal for the few, well separated lesions of a chest CT, and predictable).
 * The user's choices come first: forced pairs are kept as they are, forbidden pairs are never made.
 */
import { distance as distanceMm, type Vec3 } from '../geometry';

export interface MatchCandidate {
  id: string;
  label: string;
  /** Centroid in the current exam's patient coordinates (prior lesions: already mapped). */
  position: Vec3;
  diameterMm: number | null;
}

export interface LesionPairing {
  currentId: string;
  priorId: string;
}

export interface MatchOptions {
  forced?: readonly LesionPairing[];
  forbidden?: readonly LesionPairing[];
}

/** Farther than this (or than the larger diameter, if larger) after registration: not the same lesion. */
export const MATCH_GATE_MM = 20;
export const MM_PER_SIZE_LOG = 5;
export const LABEL_PENALTY_MM = 2;

export function matchCost(current: MatchCandidate, prior: MatchCandidate): number | null {
  const distance = distanceMm(current.position, prior.position);
  const gate = Math.max(MATCH_GATE_MM, current.diameterMm ?? 0, prior.diameterMm ?? 0);
  if (distance > gate) return null;
  const size = current.diameterMm && prior.diameterMm ? Math.abs(Math.log(current.diameterMm / prior.diameterMm)) * MM_PER_SIZE_LOG : 0;
  return distance + size + (current.label === prior.label ? 0 : LABEL_PENALTY_MM);
}

export function matchLesions(current: readonly MatchCandidate[], prior: readonly MatchCandidate[], options: MatchOptions = {}): LesionPairing[] {
  const currentIds = new Set(current.map((c) => c.id));
  const priorIds = new Set(prior.map((p) => p.id));
  const pairs: LesionPairing[] = [];
  const usedCurrent = new Set<string>();
  const usedPrior = new Set<string>();
  for (const f of options.forced ?? []) {
    if (!currentIds.has(f.currentId) || !priorIds.has(f.priorId) || usedCurrent.has(f.currentId) || usedPrior.has(f.priorId)) continue;
    pairs.push({ currentId: f.currentId, priorId: f.priorId });
    usedCurrent.add(f.currentId);
    usedPrior.add(f.priorId);
  }
  const forbidden = new Set((options.forbidden ?? []).map((f) => `${f.currentId}\n${f.priorId}`));
  const candidates: { c: MatchCandidate; p: MatchCandidate; cost: number }[] = [];
  for (const c of current) {
    if (usedCurrent.has(c.id)) continue;
    for (const p of prior) {
      if (usedPrior.has(p.id) || forbidden.has(`${c.id}\n${p.id}`)) continue;
      const cost = matchCost(c, p);
      if (cost !== null) candidates.push({ c, p, cost });
    }
  }
  candidates.sort((a, b) => a.cost - b.cost);
  for (const { c, p } of candidates) {
    if (usedCurrent.has(c.id) || usedPrior.has(p.id)) continue;
    pairs.push({ currentId: c.id, priorId: p.id });
    usedCurrent.add(c.id);
    usedPrior.add(p.id);
  }
  return pairs;
}
