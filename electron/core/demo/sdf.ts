/**
 * Signed distance functions (negative inside, mm) for the phantom's shapes, with bounding boxes.
 * Ellipse/ellipsoid distances use the standard first-order approximation |q/r| (|q/r| - 1) / |q/r^2|,
 * exact on the surface and within a fraction of a millimetre near it, which is all soft edges need.
 */
import type { ColumnSection, Shape } from './shapes';
import type { Vec3 } from '../geometry/vec3';
import { RadGroundError } from '../errors/radground-error';

export type SdfFn = (x: number, y: number, z: number) => number;

/** A piece of a compiled shape: an SDF valid (as a lower bound outside) within its bounding box. */
export interface SdfPiece {
  min: Vec3;
  max: Vec3;
  sdf: SdfFn;
  /**
   * Bound on |grad sdf| used to skip voxels along a row. Exact distances have 1; the ellipse and
   * ellipsoid approximations get steeper with eccentricity, so they carry a larger bound.
   */
  lipschitz: number;
}

/** Conservative gradient bound of the approximate ellipse/ellipsoid distance for these radii. */
export function ellipticLipschitz(radii: number[]): number {
  return Math.max(1.25, 1.15 * (Math.max(...radii) / Math.min(...radii)));
}

/**
 * Inside an ellipse/ellipsoid the first-order approximation (k0 - 1) * (k0 / k1) depends on the
 * direction from the centre and is discontinuous there. Deep inside we therefore fall back to the
 * smallest radius (a true lower bound on the depth), blending to the approximation near the surface,
 * which keeps the function continuous with a bounded gradient.
 */
function insideDistance(k0: number, k1: number, rmin: number): number {
  if (k0 <= 0.6) return (k0 - 1) * rmin;
  const u = (k0 - 0.6) / 0.4;
  const w = u * u * (3 - 2 * u);
  return (k0 - 1) * (rmin + (k0 / k1 - rmin) * w);
}

export function ellipse2dSdf(qx: number, qy: number, rx: number, ry: number): number {
  const ax = qx / rx;
  const ay = qy / ry;
  const k0 = Math.sqrt(ax * ax + ay * ay);
  const bx = ax / rx;
  const by = ay / ry;
  const k1 = Math.sqrt(bx * bx + by * by);
  if (k0 < 1) return insideDistance(k0, k1, rx < ry ? rx : ry);
  return (k0 * (k0 - 1)) / k1;
}

/**
 * Signed distance to an ellipsoid of radii r0, r1, r2 (smallest `rmin`) from a point whose
 * coordinates in the ellipsoid's axes, divided by the radii, are (ax, ay, az).
 */
function scaledEllipsoidSdf(ax: number, ay: number, az: number, r0: number, r1: number, r2: number, rmin: number): number {
  const k0 = Math.sqrt(ax * ax + ay * ay + az * az);
  const bx = ax / r0;
  const by = ay / r1;
  const bz = az / r2;
  const k1 = Math.sqrt(bx * bx + by * by + bz * bz);
  if (k0 < 1) return insideDistance(k0, k1, rmin);
  return (k0 * (k0 - 1)) / k1;
}

export function ellipsoidSdfFn(centre: Vec3, radii: Vec3, axes?: [Vec3, Vec3, Vec3]): SdfFn {
  const [cx, cy, cz] = centre;
  const [r0, r1, r2] = radii;
  const rmin = Math.min(r0, r1, r2);
  if (!axes) {
    return (x, y, z) => scaledEllipsoidSdf((x - cx) / r0, (y - cy) / r1, (z - cz) / r2, r0, r1, r2, rmin);
  }
  const [u, v, w] = axes;
  return (x, y, z) => {
    const dx = x - cx;
    const dy = y - cy;
    const dz = z - cz;
    return scaledEllipsoidSdf(
      (dx * u[0] + dy * u[1] + dz * u[2]) / r0,
      (dx * v[0] + dy * v[1] + dz * v[2]) / r1,
      (dx * w[0] + dy * w[1] + dz * w[2]) / r2,
      r0,
      r1,
      r2,
      rmin,
    );
  };
}

/** Ellipsoid bounding box (exact for rotated ellipsoids). */
export function ellipsoidBox(centre: Vec3, radii: Vec3, axes?: [Vec3, Vec3, Vec3]): { min: Vec3; max: Vec3 } {
  const ax = axes ?? [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  const half: Vec3 = [0, 0, 0];
  for (let d = 0; d < 3; d++) {
    half[d] = Math.hypot(radii[0] * ax[0][d]!, radii[1] * ax[1][d]!, radii[2] * ax[2][d]!);
  }
  return {
    min: [centre[0] - half[0], centre[1] - half[1], centre[2] - half[2]],
    max: [centre[0] + half[0], centre[1] + half[1], centre[2] + half[2]],
  };
}

/**
 * A column's sections resampled every 0.5 mm in z so evaluation is a table lookup.
 * Outside [zMin, zMax] the column is closed by flat ends.
 */
export class ColumnTable {
  readonly zMin: number;
  readonly zMax: number;
  private readonly step = 0.5;
  private readonly data: Float64Array; // cx, cy, rx, ry per sample

  constructor(sections: ColumnSection[]) {
    const s = [...sections].sort((a, b) => a.z - b.z);
    const first = s[0];
    const last = s[s.length - 1];
    if (!first || !last) throw new RadGroundError('INTERNAL', 'a column needs at least one section');
    this.zMin = first.z;
    this.zMax = last.z;
    const n = Math.ceil((this.zMax - this.zMin) / this.step) + 2;
    this.data = new Float64Array(n * 4);
    let seg = 0;
    for (let i = 0; i < n; i++) {
      const z = this.zMin + i * this.step; // regular samples; past zMax the last section repeats
      while (seg < s.length - 2 && z > s[seg + 1]!.z) seg++;
      const a = s[seg]!;
      const b = s[Math.min(seg + 1, s.length - 1)]!;
      const t = b.z > a.z ? Math.min(1, Math.max(0, (z - a.z) / (b.z - a.z))) : 0;
      this.data[i * 4] = a.cx + (b.cx - a.cx) * t;
      this.data[i * 4 + 1] = a.cy + (b.cy - a.cy) * t;
      this.data[i * 4 + 2] = a.rx + (b.rx - a.rx) * t;
      this.data[i * 4 + 3] = a.ry + (b.ry - a.ry) * t;
    }
  }

  sdf(x: number, y: number, z: number): number {
    const zc = z < this.zMin ? this.zMin : z > this.zMax ? this.zMax : z;
    // Linear interpolation between samples keeps the function continuous along tilted rows.
    const f = (zc - this.zMin) / this.step;
    const last = this.data.length / 4 - 1;
    const i0 = Math.min(Math.floor(f), last - 1);
    const t = f - i0;
    const d = this.data;
    const a = i0 * 4;
    const b = a + 4;
    const e = ellipse2dSdf(
      x - (d[a]! + (d[b]! - d[a]!) * t),
      y - (d[a + 1]! + (d[b + 1]! - d[a + 1]!) * t),
      d[a + 2]! + (d[b + 2]! - d[a + 2]!) * t,
      d[a + 3]! + (d[b + 3]! - d[a + 3]!) * t,
    );
    const cap = Math.max(this.zMin - z, z - this.zMax);
    return e > cap ? e : cap;
  }

  /** Gradient bound: ellipse eccentricity, plus how fast sections change with z. */
  lipschitz(): number {
    let ratio = 1;
    let slope = 0;
    for (let i = 0; i < this.data.length; i += 4) {
      ratio = Math.max(ratio, this.data[i + 2]! / this.data[i + 3]!, this.data[i + 3]! / this.data[i + 2]!);
      if (i >= 4) {
        for (let c = 0; c < 4; c++) slope = Math.max(slope, Math.abs(this.data[i + c]! - this.data[i - 4 + c]!) / this.step);
      }
    }
    return Math.max(1.25, 1.15 * ratio) + Math.min(slope, 10) * 0.05;
  }

  box(): { min: Vec3; max: Vec3 } {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < this.data.length; i += 4) {
      x0 = Math.min(x0, this.data[i]! - this.data[i + 2]!);
      x1 = Math.max(x1, this.data[i]! + this.data[i + 2]!);
      y0 = Math.min(y0, this.data[i + 1]! - this.data[i + 3]!);
      y1 = Math.max(y1, this.data[i + 1]! + this.data[i + 3]!);
    }
    return { min: [x0, y0, this.zMin], max: [x1, y1, this.zMax] };
  }
}

/** Rounded cone between a (radius ra) and b (radius rb); an approximation exact for ra == rb. */
export function coneSegmentSdfFn(a: Vec3, b: Vec3, ra: number, rb: number): SdfFn {
  const [ax, ay, az] = a;
  const ux = b[0] - ax;
  const uy = b[1] - ay;
  const uz = b[2] - az;
  const len2 = ux * ux + uy * uy + uz * uz;
  const inv = len2 > 0 ? 1 / len2 : 0;
  const dr = rb - ra;
  return (x, y, z) => {
    const px = x - ax;
    const py = y - ay;
    const pz = z - az;
    let t = (px * ux + py * uy + pz * uz) * inv;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const qx = px - ux * t;
    const qy = py - uy * t;
    const qz = pz - uz * t;
    return Math.sqrt(qx * qx + qy * qy + qz * qz) - (ra + dr * t);
  };
}

function segmentBox(a: Vec3, b: Vec3, ra: number, rb: number): { min: Vec3; max: Vec3 } {
  const r = Math.max(ra, rb);
  return {
    min: [Math.min(a[0], b[0]) - r, Math.min(a[1], b[1]) - r, Math.min(a[2], b[2]) - r],
    max: [Math.max(a[0], b[0]) + r, Math.max(a[1], b[1]) + r, Math.max(a[2], b[2]) + r],
  };
}

/** Distance from p to an axis-aligned box (0 inside): a lower bound for any SDF enclosed by it. */
export function boxDistance(x: number, y: number, z: number, min: Vec3, max: Vec3): number {
  const dx = Math.max(min[0] - x, 0, x - max[0]);
  const dy = Math.max(min[1] - y, 0, y - max[1]);
  const dz = Math.max(min[2] - z, 0, z - max[2]);
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/**
 * Compiles a shape into pieces. Tubes become one piece per segment (so each is rasterised within
 * its own small box); every other shape is a single piece. 'lung' shapes are compiled by lungs.ts.
 */
export function compileShape(shape: Exclude<Shape, { kind: 'lung' }>): SdfPiece[] {
  switch (shape.kind) {
    case 'ellipsoid': {
      const box = ellipsoidBox(shape.centre, shape.radii, shape.axes);
      return [{ ...box, sdf: ellipsoidSdfFn(shape.centre, shape.radii, shape.axes), lipschitz: ellipticLipschitz(shape.radii) }];
    }
    case 'column': {
      const table = new ColumnTable(shape.sections);
      return [{ ...table.box(), sdf: (x, y, z) => table.sdf(x, y, z), lipschitz: table.lipschitz() }];
    }
    case 'cylinder': {
      const { centre, rx, ry, halfHeight } = shape;
      return [
        {
          min: [centre[0] - rx, centre[1] - ry, centre[2] - halfHeight],
          max: [centre[0] + rx, centre[1] + ry, centre[2] + halfHeight],
          lipschitz: ellipticLipschitz([rx, ry]),
          sdf: (x, y, z) => {
            const e = ellipse2dSdf(x - centre[0], y - centre[1], rx, ry);
            const c = Math.abs(z - centre[2]) - halfHeight;
            return e > c ? e : c;
          },
        },
      ];
    }
    case 'tube': {
      const pieces: SdfPiece[] = [];
      for (let i = 0; i + 1 < shape.points.length; i++) {
        const a = shape.points[i]!;
        const b = shape.points[i + 1]!;
        const ra = shape.radii[i]!;
        const rb = shape.radii[i + 1]!;
        const slope = Math.abs(rb - ra) / Math.max(1e-6, Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]));
        pieces.push({ ...segmentBox(a, b, ra, rb), sdf: coneSegmentSdfFn(a, b, ra, rb), lipschitz: 1.25 + slope });
      }
      return pieces;
    }
    case 'spheres': {
      const s = shape.spheres;
      const min: Vec3 = [Infinity, Infinity, Infinity];
      const max: Vec3 = [-Infinity, -Infinity, -Infinity];
      for (const { centre, radius } of s) {
        for (let d = 0; d < 3; d++) {
          min[d] = Math.min(min[d]!, centre[d]! - radius);
          max[d] = Math.max(max[d]!, centre[d]! + radius);
        }
      }
      return [
        {
          min,
          max,
          lipschitz: 1.25,
          sdf: (x, y, z) => {
            let best = Infinity;
            for (const { centre: c, radius } of s) {
              const dx = x - c[0];
              const dy = y - c[1];
              const dz = z - c[2];
              const d = Math.sqrt(dx * dx + dy * dy + dz * dz) - radius;
              if (d < best) best = d;
            }
            return best;
          },
        },
      ];
    }
    case 'slab': {
      const { point, normal, halfThickness, min, max } = shape;
      const keep = shape.keep ?? [];
      return [
        {
          min,
          max,
          lipschitz: 1.25,
          sdf: (x, y, z) => {
            const d = (x - point[0]) * normal[0] + (y - point[1]) * normal[1] + (z - point[2]) * normal[2];
            let s = Math.abs(d) - halfThickness;
            for (const q of keep) {
              const k = -((x - q.point[0]) * q.normal[0] + (y - q.point[1]) * q.normal[1] + (z - q.point[2]) * q.normal[2]);
              if (k > s) s = k;
            }
            return s;
          },
        },
      ];
    }
    case 'box': {
      const { min, max } = shape;
      const c: Vec3 = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
      const h: Vec3 = [(max[0] - min[0]) / 2, (max[1] - min[1]) / 2, (max[2] - min[2]) / 2];
      return [
        {
          min,
          max,
          lipschitz: 1.25,
          sdf: (x, y, z) => {
            const qx = Math.abs(x - c[0]) - h[0];
            const qy = Math.abs(y - c[1]) - h[1];
            const qz = Math.abs(z - c[2]) - h[2];
            const ox = qx > 0 ? qx : 0;
            const oy = qy > 0 ? qy : 0;
            const oz = qz > 0 ? qz : 0;
            const outside = Math.sqrt(ox * ox + oy * oy + oz * oz);
            return outside + Math.min(Math.max(qx, qy, qz), 0);
          },
        },
      ];
    }
  }
}
