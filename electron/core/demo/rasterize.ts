/**
 * Draws painters into an axial scanner grid. Each piece is drawn only inside its own bounding box
 * (transformed to the scanner frame); within a row, body coordinates advance by a constant step, so
 * the inner loop is a few additions and one SDF evaluation.
 */
import type { DemoExamSpec } from './exam-spec';
import type { LungGeometry } from './lungs';
import { compileShape, type SdfPiece } from './sdf';
import type { Painter } from './shapes';
import type { Mat3 } from '../geometry/mat3';
import type { Vec3 } from '../geometry/vec3';

export interface RasterTarget {
  /** CT numbers, HU, x fastest. */
  hu: Int16Array;
  /** Labels (see LABEL), same layout. */
  labels: Uint8Array;
}

function piecesOf(painter: Painter, lungs: LungGeometry): SdfPiece[] {
  const shape = painter.shape;
  if (shape.kind === 'lung') {
    const side = shape.side;
    const box = lungs.box(side);
    const cutoff = painter.edgeMm;
    return [{ ...box, sdf: (x, y, z) => lungs.sdf(side, x, y, z, cutoff), lipschitz: lungs.lipschitz(side) }];
  }
  return compileShape(shape);
}

export interface PaintOptions {
  /** Evaluate every voxel of every box (no skipping). Slow; for checking the skipping is exact. */
  exhaustive?: boolean;
}

export function paint(target: RasterTarget, exam: DemoExamSpec, painters: Painter[], lungs: LungGeometry, options: PaintOptions = {}): void {
  for (const painter of painters) {
    for (const piece of piecesOf(painter, lungs)) paintPiece(target, exam, painter, piece, options.exhaustive === true);
  }
}

function paintPiece(target: RasterTarget, exam: DemoExamSpec, painter: Painter, piece: SdfPiece, exhaustive: boolean): void {
  const [nx, ny, nz] = exam.dims;
  const [sx, sy, sz] = exam.spacing;
  const [ox, oy, oz] = exam.origin;
  const world = painter.space === 'world';
  // Row-major rotation (scanner = R body + t); body = R^T (scanner - t).
  const r: Mat3 = world ? [1, 0, 0, 0, 1, 0, 0, 0, 1] : exam.pose.rotation;
  const t: Vec3 = world ? [0, 0, 0] : exam.pose.translation;
  const edge = painter.edgeMm;
  const margin = edge + (painter.sliceProfile ? exam.spacing[2] / 3 : 0) + 0.01;

  // Scanner-frame box of the piece's (body-frame) box.
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const bx = c & 1 ? piece.max[0] + margin : piece.min[0] - margin;
    const by = c & 2 ? piece.max[1] + margin : piece.min[1] - margin;
    const bz = c & 4 ? piece.max[2] + margin : piece.min[2] - margin;
    for (let d = 0; d < 3; d++) {
      const w = r[d * 3]! * bx + r[d * 3 + 1]! * by + r[d * 3 + 2]! * bz + t[d]!;
      if (w < lo[d]!) lo[d] = w;
      if (w > hi[d]!) hi[d] = w;
    }
  }
  const i0 = Math.max(0, Math.ceil((lo[0] - ox) / sx));
  const i1 = Math.min(nx - 1, Math.floor((hi[0] - ox) / sx));
  const j0 = Math.max(0, Math.ceil((lo[1] - oy) / sy));
  const j1 = Math.min(ny - 1, Math.floor((hi[1] - oy) / sy));
  const k0 = Math.max(0, Math.ceil((lo[2] - oz) / sz));
  const k1 = Math.min(nz - 1, Math.floor((hi[2] - oz) / sz));
  if (i0 > i1 || j0 > j1 || k0 > k1) return;

  const { hu, labels } = target;
  const sdf = piece.sdf;
  const value = painter.hu;
  const grad = painter.huPerMmY ?? 0;
  const refY = painter.huRefY ?? 0;
  const label = painter.label;
  const only = painter.onlyOver;
  const onlyMask = new Uint8Array(256);
  if (only) for (const l of only) onlyMask[l] = 1;
  const restricted = only !== undefined;
  // Body-frame step per column: R^T e_x * sx.
  const dix = r[0] * sx;
  const diy = r[1] * sx;
  const diz = r[2] * sx;
  const invEdge = 1 / edge;

  const halfEdge = edge / 2;
  // Slice profile: samples at +-sz/3 along the scanner z axis, i.e. body-frame offset R^T e_z * sz/3.
  const profile = painter.sliceProfile === true;
  const zbx = profile ? (r[6] * sz) / 3 : 0;
  const zby = profile ? (r[7] * sz) / 3 : 0;
  const zbz = profile ? (r[8] * sz) / 3 : 0;
  const lipschitz = piece.lipschitz;
  const slab = profile ? (lipschitz * sz) / 3 : 0;
  // Skipping: an SDF value d bounds the next voxels along the row (the piece's Lipschitz bound),
  // so runs of voxels wholly outside or wholly inside are handled without evaluating the SDF.
  const stepBound = exhaustive ? Infinity : lipschitz * sx;

  for (let k = k0; k <= k1; k++) {
    const wz = oz + k * sz - t[2];
    for (let j = j0; j <= j1; j++) {
      const wy = oy + j * sy - t[1];
      const wx = ox + i0 * sx - t[0];
      const bx0 = r[0] * wx + r[3] * wy + r[6] * wz;
      const by0 = r[1] * wx + r[4] * wy + r[7] * wz;
      const bz0 = r[2] * wx + r[5] * wy + r[8] * wz;
      const rowBase = (k * ny + j) * nx;
      let i = i0;
      while (i <= i1) {
        const n = i - i0;
        const idx = rowBase + i;
        if (restricted && onlyMask[labels[idx]!] === 0) {
          i++;
          continue;
        }
        const bx = bx0 + n * dix;
        const by = by0 + n * diy;
        const bz = bz0 + n * diz;
        const d = sdf(bx, by, bz);
        if (d - slab >= halfEdge) {
          i += 1 + Math.floor((d - slab - halfEdge) / stepBound);
          continue;
        }
        if (d + slab <= -halfEdge) {
          const last = Math.min(i1, i + Math.floor((-halfEdge - d - slab) / stepBound));
          if (!restricted && grad === 0) {
            hu.fill(value, idx, rowBase + last + 1);
            if (label !== null) labels.fill(label, idx, rowBase + last + 1);
          } else {
            let g = value + grad * (by - refY);
            const dg = grad * diy;
            for (let q = idx; q <= rowBase + last; q++, g += dg) {
              if (restricted && onlyMask[labels[q]!] === 0) continue;
              hu[q] = Math.round(g);
              if (label !== null) labels[q] = label;
            }
          }
          i = last + 1;
          continue;
        }
        let a: number;
        if (slab === 0) {
          a = clamp01(0.5 - d * invEdge);
        } else {
          // Mean coverage at the slice centre and a third of the slice thickness either side.
          const lo = sdf(bx - zbx, by - zby, bz - zbz);
          const hi = sdf(bx + zbx, by + zby, bz + zbz);
          a = (clamp01(0.5 - lo * invEdge) + clamp01(0.5 - d * invEdge) + clamp01(0.5 - hi * invEdge)) / 3;
          if (a === 0) {
            i++;
            continue;
          }
        }
        const target = grad === 0 ? value : value + grad * (by - refY);
        const old = hu[idx]!;
        hu[idx] = Math.round(old + a * (target - old));
        if (label !== null && a >= 0.5) labels[idx] = label;
        i++;
      }
    }
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
