/**
 * Body mask on the working grid: the largest connected component of the graph's opened body
 * threshold (the 6 mm opening removes clothing, sheets and the table top but keeps a chest wall),
 * holes filled per slice (lungs, airways and bowel gas are inside the body); and the patient's
 * midline (world x) per slice.
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import { fillHolesPerSlice, largestComponent } from './mask-ops';
import { evalLinear, worldAxis, type GridGeometry } from './orientation';

export function segmentBody(openedBody: Uint8Array, dims: Vec3): Uint8Array {
  return fillHolesPerSlice(largestComponent(openedBody, dims), dims);
}

/**
 * World x of the patient's midline at each slice: the x centroid of the body, median-filtered over
 * +-5 slices (slices without body take the nearest value). LPS: the patient's left is x > midline.
 */
export function bodyMidlineX(body: Uint8Array, g: GridGeometry): Float64Array {
  const [nx, ny, nz] = g.dims;
  const wx = worldAxis(g, 0);
  const raw = new Float64Array(nz).fill(NaN);
  for (let k = 0; k < nz; k++) {
    let sum = 0;
    let n = 0;
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      for (let i = 0; i < nx; i++) {
        if (body[row + i]) {
          sum += evalLinear(wx, i, j, k);
          n++;
        }
      }
    }
    if (n > 0) raw[k] = sum / n;
  }
  const out = new Float64Array(nz);
  const valid = [...raw].filter((v) => !Number.isNaN(v));
  const fallback = valid.length ? valid.sort((a, b) => a - b)[valid.length >> 1]! : evalLinear(wx, (nx - 1) / 2, (ny - 1) / 2, 0);
  for (let k = 0; k < nz; k++) {
    const win: number[] = [];
    for (let q = Math.max(0, k - 5); q <= Math.min(nz - 1, k + 5); q++) if (!Number.isNaN(raw[q])) win.push(raw[q]!);
    out[k] = win.length ? win.sort((a, b) => a - b)[win.length >> 1]! : fallback;
  }
  return out;
}
