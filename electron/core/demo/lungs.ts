/**
 * Lung geometry of the phantom: each lung is the pleural cavity, inside a per-side envelope (narrow
 * apex, broad base), above its hemidiaphragm and outside the mediastinum. Lobes are separated by
 * planar fissures, so the lobe of any point is computable exactly.
 */
import {
  AORTA,
  CAVITY_SECTIONS,
  DIAPHRAGM_MM,
  DOMES,
  HEART_PARTS,
  HILUM,
  vertebraY,
} from './landmarks';
import type { ColumnSection, Plane } from './shapes';
import { planeSide } from './shapes';
import { boxDistance, ColumnTable, ellipsoidBox, ellipsoidSdfFn, ellipticLipschitz, type SdfFn } from './sdf';
import { unit, type Vec3 } from '../geometry/vec3';

export type LungSide = 'right' | 'left';
export type Lobe = 'RUL' | 'RML' | 'RLL' | 'LUL' | 'LLL';
export type Zone = 'upper' | 'middle' | 'lower';

/** Pericardial fat around the heart, also excluded from the lungs. */
export const PERICARDIAL_FAT_MM = 5;

/** Central (superior and posterior) mediastinum: trachea, oesophagus, great vessels, arch. */
const CENTRAL_MEDIASTINUM: ColumnSection[] = [
  { z: -200, cx: 4, cy: 22, rx: 24, ry: 26 },
  { z: -60, cx: 5, cy: 20, rx: 26, ry: 28 },
  { z: 0, cx: 3, cy: 8, rx: 36, ry: 36 },
  { z: 40, cx: 2, cy: 6, rx: 46, ry: 42 },
  { z: 80, cx: 2, cy: 8, rx: 46, ry: 42 },
  { z: 110, cx: -2, cy: 6, rx: 44, ry: 36 },
  { z: 200, cx: -2, cy: 8, rx: 44, ry: 34 },
];

const HILAR: Record<LungSide, { centre: Vec3; radii: Vec3 }> = {
  right: { centre: HILUM.right, radii: [13, 18, 24] },
  left: { centre: HILUM.left, radii: [13, 18, 24] },
};

/**
 * Overall shape of each lung: a column whose section grows like a paraboloid from a rounded,
 * posteriorly placed apex to a broad base (sections every 5 mm).
 */
function envelopeSections(side: LungSide): ColumnSection[] {
  const sign = side === 'right' ? -1 : 1;
  const top = side === 'right' ? 139 : 136;
  const out: ColumnSection[] = [];
  for (let h = 0; top - h >= -220; h += h < 20 ? 1 : 5) {
    const f = Math.min(1, h / 150);
    out.push({
      z: top - h,
      cx: sign * (42 + 38 * f),
      cy: 28 - 33 * f,
      rx: Math.max(1.5, Math.min(160, Math.sqrt(2 * 28 * h) + 0.45 * h)),
      ry: Math.max(1.5, Math.min(170, Math.sqrt(2 * 35 * h) + 0.5 * h)),
    });
  }
  return out;
}

/** The lungs keep at least this far from the midline (anterior and posterior junction lines). */
const MIDLINE_GAP_MM = 1.5;

/** Fissures. Positive side of an oblique fissure: upper (and middle) lobe; of the horizontal: RUL. */
export const FISSURES: { rightOblique: Plane; rightHorizontal: Plane; leftOblique: Plane } = {
  rightOblique: { point: [-80, 85, 50], normal: unit([40, -125, 175]) },
  rightHorizontal: { point: [-80, 0, -6], normal: unit([0, 0.08, 1]) },
  leftOblique: { point: [80, 85, 60], normal: unit([-40, -145, 175]) },
};

interface Part {
  min: Vec3;
  max: Vec3;
  sdf: SdfFn;
  lipschitz: number;
}

/** Signed distance to each lung (negative inside), and derived queries (lobe, zone, extent). */
export class LungGeometry {
  private readonly cavity = new ColumnTable(CAVITY_SECTIONS);
  private readonly mediastinum: Part[] = [];
  private readonly envelope: Record<LungSide, ColumnTable>;
  private readonly domes: SdfFn[];
  readonly zExtent: Record<LungSide, { top: number; bottom: number }>;

  constructor() {
    const central = new ColumnTable(CENTRAL_MEDIASTINUM);
    this.mediastinum.push({ ...central.box(), sdf: (x, y, z) => central.sdf(x, y, z), lipschitz: central.lipschitz() });
    const descending: ColumnSection[] = AORTA.points
      .map((p, i) => ({ z: p[2], cx: p[0], cy: p[1], rx: AORTA.radii[i]! + 4, ry: AORTA.radii[i]! + 4 }))
      .filter((s) => s.z <= 56);
    const desc = new ColumnTable(descending);
    this.mediastinum.push({ ...desc.box(), sdf: (x, y, z) => desc.sdf(x, y, z), lipschitz: desc.lipschitz() });
    const spineSections: ColumnSection[] = [];
    for (let z = -200; z <= 200; z += 20) spineSections.push({ z, cx: 0, cy: vertebraY(z) + 8, rx: 30, ry: 32 });
    const spine = new ColumnTable(spineSections);
    this.mediastinum.push({ ...spine.box(), sdf: (x, y, z) => spine.sdf(x, y, z), lipschitz: spine.lipschitz() });
    for (const h of HEART_PARTS) {
      const radii: Vec3 = [h.radii[0] + PERICARDIAL_FAT_MM, h.radii[1] + PERICARDIAL_FAT_MM, h.radii[2] + PERICARDIAL_FAT_MM];
      this.mediastinum.push({ ...ellipsoidBox(h.centre, radii, h.axes), sdf: ellipsoidSdfFn(h.centre, radii, h.axes), lipschitz: ellipticLipschitz(radii) });
    }
    for (const side of ['right', 'left'] as const) {
      const { centre, radii } = HILAR[side];
      this.mediastinum.push({ ...ellipsoidBox(centre, radii), sdf: ellipsoidSdfFn(centre, radii), lipschitz: ellipticLipschitz(radii) });
    }
    this.envelope = { right: new ColumnTable(envelopeSections('right')), left: new ColumnTable(envelopeSections('left')) };
    this.domes = [DOMES.right, DOMES.left].map((d) =>
      ellipsoidSdfFn(d.centre, [d.radii[0] + DIAPHRAGM_MM, d.radii[1] + DIAPHRAGM_MM, d.radii[2] + DIAPHRAGM_MM]),
    );
    this.zExtent = { right: this.measureZExtent('right'), left: this.measureZExtent('left') };
  }

  /**
   * Signed distance (mm, approximate away from the surface) to one lung. When the point is clearly
   * outside (more than `cutoff` mm), returns early with a value >= cutoff.
   */
  sdf(side: LungSide, x: number, y: number, z: number, cutoff = Infinity): number {
    let d = side === 'right' ? x + MIDLINE_GAP_MM : MIDLINE_GAP_MM - x;
    if (d > cutoff) return d;
    const e = this.envelope[side].sdf(x, y, z);
    if (e > d) d = e;
    if (d > cutoff) return d;
    const c = this.cavity.sdf(x, y, z);
    if (c > d) d = c;
    if (d > cutoff) return d;
    for (const domeSdf of this.domes) {
      const dome = -domeSdf(x, y, z);
      if (dome > d) d = dome;
    }
    if (d > cutoff) return d;
    // Mediastinum: union (min) of parts. Outside a part's box, the box distance bounds the part's
    // SDF from below, so a part whose box is farther than the current minimum cannot lower it.
    let m = Infinity;
    for (const part of this.mediastinum) {
      const bound = boxDistance(x, y, z, part.min, part.max);
      if (bound > 0 && bound >= m) continue;
      const s = part.sdf(x, y, z);
      if (s < m) m = s;
    }
    return -m > d ? -m : d;
  }

  /** Gradient bound of sdf() (the steepest of its parts), for voxel skipping. */
  lipschitz(side: LungSide): number {
    const domes = [DOMES.right, DOMES.left].map((d) => ellipticLipschitz(d.radii));
    return Math.max(this.cavity.lipschitz(), this.envelope[side].lipschitz(), ...domes, ...this.mediastinum.map((p) => p.lipschitz));
  }

  /** Which lung a point is in, or null. */
  sideAt(p: Vec3): LungSide | null {
    if (this.sdf('right', p[0], p[1], p[2]) < 0) return 'right';
    if (this.sdf('left', p[0], p[1], p[2]) < 0) return 'left';
    return null;
  }

  /** Bounding box of a lung (from the envelope, the cavity and the midline), body frame. */
  box(side: LungSide): { min: Vec3; max: Vec3 } {
    const env = this.envelope[side].box();
    const cav = this.cavity.box();
    const min: Vec3 = [Math.max(env.min[0], cav.min[0]), Math.max(env.min[1], cav.min[1]), Math.max(env.min[2], cav.min[2])];
    const max: Vec3 = [Math.min(env.max[0], cav.max[0]), Math.min(env.max[1], cav.max[1]), Math.min(env.max[2], cav.max[2])];
    if (side === 'right') max[0] = Math.min(max[0], -MIDLINE_GAP_MM);
    else min[0] = Math.max(min[0], MIDLINE_GAP_MM);
    return { min, max };
  }

  /** Unsigned distance to the nearest fissure of that lung that bounds the point's lobe. */
  fissureDistance(p: Vec3): number {
    if (p[0] < 0) {
      const o = planeSide(FISSURES.rightOblique, p);
      if (o <= 0) return Math.abs(o);
      return Math.min(Math.abs(o), Math.abs(planeSide(FISSURES.rightHorizontal, p)));
    }
    return Math.abs(planeSide(FISSURES.leftOblique, p));
  }

  /** Lobe by fissure planes (the point is assumed to be in a lung; side is decided by x). */
  lobeAt(p: Vec3): Lobe {
    if (p[0] < 0) {
      if (planeSide(FISSURES.rightOblique, p) <= 0) return 'RLL';
      return planeSide(FISSURES.rightHorizontal, p) > 0 ? 'RUL' : 'RML';
    }
    return planeSide(FISSURES.leftOblique, p) > 0 ? 'LUL' : 'LLL';
  }

  /** Craniocaudal thirds of that lung's extent (apex to lowest base). */
  zoneAt(side: LungSide, z: number): Zone {
    const { top, bottom } = this.zExtent[side];
    const third = (top - bottom) / 3;
    if (z > top - third) return 'upper';
    if (z > bottom + third) return 'middle';
    return 'lower';
  }

  private measureZExtent(side: LungSide): { top: number; bottom: number } {
    const { min, max } = this.box(side);
    let top = -Infinity;
    let bottom = Infinity;
    for (let z = Math.floor(min[2]); z <= max[2]; z += 1) {
      let found = false;
      for (let y = min[1]; y <= max[1] && !found; y += 2) {
        for (let x = min[0]; x <= max[0]; x += 2) {
          if (this.sdf(side, x, y, z, 0) < 0) {
            found = true;
            break;
          }
        }
      }
      if (found) {
        top = Math.max(top, z);
        bottom = Math.min(bottom, z);
      }
    }
    return { top, bottom };
  }
}
