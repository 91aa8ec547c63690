/**
 * The planted lesions: exact ground truth. Centres are fixed in the body frame (so the same lesion
 * is at the same anatomical place in both exams); sizes differ between the prior and the current.
 */
import { RadGroundError } from '../errors/radground-error';
import type { Lobe, LungGeometry, LungSide, Zone } from './lungs';
import type { Shape } from './shapes';
import { add, scale, unit, type Vec3 } from '../geometry/vec3';

export type ExamRole = 'current' | 'prior';
export type LesionKind = 'nodule' | 'mass';

export interface LesionDefinition {
  id: string;
  kind: LesionKind;
  expectedLobe: Lobe;
  expectedZone: Zone;
  /** Diameter in each exam, mm; for the lobulated mass, the diameter of its main sphere. */
  diameterMm: Record<ExamRole, number>;
  /** Body-frame centre, or how to find it (a mass touching the pleura). */
  placement: { centre: Vec3 } | { touchPleuraFrom: Vec3; towards: Vec3 };
}

export const LESION_DEFINITIONS: LesionDefinition[] = [
  { id: 'N1', kind: 'nodule', expectedLobe: 'RUL', expectedZone: 'upper', diameterMm: { prior: 5, current: 6 }, placement: { centre: [-74, 8, 86] } },
  { id: 'N2', kind: 'nodule', expectedLobe: 'RML', expectedZone: 'middle', diameterMm: { prior: 4, current: 5 }, placement: { centre: [-88, -48, -18] } },
  { id: 'N3', kind: 'nodule', expectedLobe: 'RLL', expectedZone: 'lower', diameterMm: { prior: 7, current: 8 }, placement: { centre: [-92, 44, -40] } },
  { id: 'N4', kind: 'nodule', expectedLobe: 'LLL', expectedZone: 'lower', diameterMm: { prior: 9, current: 10 }, placement: { centre: [95, 48, -46] } },
  {
    id: 'M1',
    kind: 'mass',
    expectedLobe: 'LUL',
    expectedZone: 'upper',
    diameterMm: { prior: 15, current: 36 },
    placement: { touchPleuraFrom: [66, -10, 78], towards: [1, -0.55, 0.05] },
  },
];

/** A mass's lobules reach this far beyond its main sphere (fraction of the main radius). */
export const LOBULE_REACH = 1.05;

export interface PlacedLesion {
  id: string;
  kind: LesionKind;
  lobe: Lobe;
  side: LungSide;
  zone: Zone;
  /** Body-frame centre. */
  centre: Vec3;
  diameterMm: Record<ExamRole, number>;
}

/** How deep (mm) the current mass overlaps the pleural surface. */
const MASS_PLEURAL_OVERLAP_MM = 1.5;

/**
 * Resolves placements against the lung geometry and checks every lesion lies in its lobe, clear of
 * fissures, inside the lung (nodules with a margin; the mass touching the pleura).
 */
export function placeLesions(lungs: LungGeometry): PlacedLesion[] {
  return LESION_DEFINITIONS.map((def) => {
    const rMax = Math.max(def.diameterMm.current, def.diameterMm.prior) / 2;
    let centre: Vec3;
    if ('centre' in def.placement) {
      centre = def.placement.centre;
    } else {
      const { touchPleuraFrom, towards } = def.placement;
      const dir = unit(towards);
      const side: LungSide = touchPleuraFrom[0] < 0 ? 'right' : 'left';
      const target = -(def.diameterMm.current / 2 - MASS_PLEURAL_OVERLAP_MM);
      // The SDF increases towards the wall along this ray: bisect for sdf == target.
      let lo = 0;
      let hi = 200;
      for (let it = 0; it < 60; it++) {
        const mid = (lo + hi) / 2;
        const p = add(touchPleuraFrom, scale(dir, mid));
        if (lungs.sdf(side, p[0], p[1], p[2]) < target) lo = mid;
        else hi = mid;
      }
      centre = add(touchPleuraFrom, scale(dir, lo)).map((v) => Math.round(v * 10) / 10) as Vec3;
    }
    const side: LungSide = centre[0] < 0 ? 'right' : 'left';
    const lobe = lungs.lobeAt(centre);
    const zone = lungs.zoneAt(side, centre[2]);
    const inside = lungs.sdf(side, centre[0], centre[1], centre[2]);
    const reach = def.kind === 'mass' ? rMax * LOBULE_REACH : rMax;
    const problems: string[] = [];
    if (lobe !== def.expectedLobe) problems.push(`lobe ${lobe} != ${def.expectedLobe}`);
    if (zone !== def.expectedZone) problems.push(`zone ${zone} != ${def.expectedZone}`);
    if (lungs.fissureDistance(centre) < reach + 4) problems.push(`too close to a fissure (${lungs.fissureDistance(centre).toFixed(1)} mm)`);
    if (def.kind === 'nodule' && inside > -(rMax + 4)) problems.push(`not inside the lung with margin (sdf ${inside.toFixed(1)})`);
    if (def.kind === 'mass' && inside >= 0) problems.push('mass centre outside the lung');
    if (problems.length) {
      throw new RadGroundError('INTERNAL', `demo phantom: lesion ${def.id} misplaced: ${problems.join('; ')}`, { centre });
    }
    return { id: def.id, kind: def.kind, lobe, side, zone, centre, diameterMm: def.diameterMm };
  });
}

/** Lobules of a mass: fixed directions (deterministic), each a sphere part-way out from the centre. */
const LOBULE_DIRECTIONS: Vec3[] = [
  [1, 0.2, 0.3],
  [-0.6, 0.8, 0.1],
  [-0.3, -0.9, 0.4],
  [0.2, 0.3, -1],
  [-0.4, -0.2, 0.9],
  [0.7, -0.7, -0.4],
].map((d) => unit(d as Vec3));

/** Shape of a lesion at a given diameter (body frame). Nodules are spheres; the mass is lobulated. */
export function lesionShape(lesion: PlacedLesion, diameterMm: number): Shape {
  const r = diameterMm / 2;
  if (lesion.kind === 'nodule') return { kind: 'spheres', spheres: [{ centre: lesion.centre, radius: r }] };
  const lobuleRadius = 0.42 * r;
  const offset = (LOBULE_REACH - 0.42) * r;
  return {
    kind: 'spheres',
    spheres: [
      { centre: lesion.centre, radius: r },
      ...LOBULE_DIRECTIONS.map((d) => ({ centre: add(lesion.centre, scale(d, offset)), radius: lobuleRadius })),
    ],
  };
}
