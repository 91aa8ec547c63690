/**
 * Lung envelope (the "filled" lungs) on the working grid: each lung with everything it encloses,
 * so vessels, airways inside the lung and solid lesions lie within it, including lesions that touch
 * the pleura or the mediastinum.
 *
 * Per side: the aerated lung with holes filled per slice, then
 *  1. craniocaudal gap closing: a run of non-lung voxels along k between two voxels of the same lung,
 *     at most CRANIOCAUDAL_GAP_MM long, is filled (a large juxtamediastinal mass has lung above and
 *     below it even where the lung in its own slices is a thin crescent around it);
 *  2. a per-slice closing of that with a disc of CLOSING_DISC_MM radius ("rolling ball"): bites in
 *     the contour narrower than the disc (a nodule or mass up to ~40 mm against the chest wall or
 *     the mediastinum, or the ragged edge step 1 leaves inside a larger mass) are filled, while the
 *     broad curves of the heart and the diaphragm are not;
 *  3. holes filled per slice again.
 * Filled voxels must be inside the body and not in the other lung or the airways. The envelope is
 * what is reported as each lung (its volume includes vessels and lesions, as a lung label does).
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import { closeSliceWithDisc, discScratch } from './distance2d';
import { fillHolesPerSlice } from './mask-ops';
import { LEFT, RIGHT } from './lungs';
import { evalLinear, worldAxis, type GridGeometry } from './orientation';

export const CLOSING_DISC_MM = 20;
export const CRANIOCAUDAL_GAP_MM = 60;

/** Fills gaps of at most maxGap voxels between `src` voxels along one axis, into `dst` where `allowed`. */
function closeGaps(src: Uint8Array, dst: Uint8Array, allowed: Uint8Array, dims: Vec3, axis: 0 | 1 | 2, maxGap: number): void {
  const [nx, ny, nz] = dims;
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const len = dims[axis];
  // Every line along `axis`, by its starting voxel.
  const a1 = axis === 0 ? ny : nx;
  const a2 = axis === 2 ? ny : nz;
  for (let u = 0; u < a1; u++) {
    for (let v = 0; v < a2; v++) {
      const start = axis === 0 ? (v * ny + u) * nx : axis === 1 ? v * nx * ny + u : v * nx + u;
      let last = -1;
      for (let t = 0; t < len; t++) {
        if (!src[start + t * stride]) continue;
        if (last >= 0 && t - last > 1 && t - last - 1 <= maxGap) {
          for (let q = last + 1; q < t; q++) {
            const pq = start + q * stride;
            if (allowed[pq]) dst[pq] = 1;
          }
        }
        last = t;
      }
    }
  }
}

/**
 * Returns per voxel 0, RIGHT or LEFT: the envelope of each lung. Where both envelopes claim a voxel
 * the midline decides.
 */
export function lungEnvelopes(lungSide: Uint8Array, body: Uint8Array, airways: Uint8Array, g: GridGeometry, midX: Float64Array): Uint8Array {
  const dims = g.dims;
  const [nx, ny, nz] = dims;
  const n = lungSide.length;
  const out = new Uint8Array(n);
  const wx = worldAxis(g, 0);
  for (const side of [RIGHT, LEFT]) {
    const other = side === RIGHT ? LEFT : RIGHT;
    const filled = new Uint8Array(n);
    for (let p = 0; p < n; p++) filled[p] = lungSide[p] === side ? 1 : 0;
    fillHolesPerSlice(filled, dims);
    const allowed = new Uint8Array(n);
    for (let p = 0; p < n; p++) allowed[p] = body[p] && lungSide[p] !== other && !airways[p] ? 1 : 0;
    const env = filled.slice();
    closeGaps(filled, env, allowed, dims, 2, Math.floor(CRANIOCAUDAL_GAP_MM / g.spacing[2]));
    // The disc closing runs on the lung plus its craniocaudal fill, so a mass reached only in part by
    // the column fill (a ragged edge inside it) is closed as a whole.
    for (let p = 0; p < n; p++) if (!allowed[p]) env[p] = 0;
    const disc = new Uint8Array(n);
    const scratch = discScratch(nx, ny);
    for (let k = 0; k < nz; k++) closeSliceWithDisc(env, 1, disc, nx, ny, k, CLOSING_DISC_MM / g.spacing[0], scratch);
    for (let p = 0; p < n; p++) if (disc[p] && allowed[p]) env[p] = 1;
    fillHolesPerSlice(env, dims);
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        const row = (k * ny + j) * nx;
        for (let i = 0; i < nx; i++) {
          const p = row + i;
          if (!env[p] || !allowed[p]) continue;
          if (out[p] && out[p] !== side) {
            const isLeft = evalLinear(wx, i, j, k) > midX[k]!;
            out[p] = isLeft ? LEFT : RIGHT;
          } else out[p] = side;
        }
      }
    }
  }
  return out;
}
