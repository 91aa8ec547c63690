/**
 * Lungs on the working grid: the air components inside the body (airways removed) that look like
 * aerated lung, split into right and left.
 *
 * Lung-like: >= 5 mL, median HU < -600 and 10th percentile HU > -950. Aerated lung is a mixture of
 * air and tissue (about -850 HU; its darkest tenth stays above about -930 on the 2 mm working grid)
 * while bowel and stomach gas is nearly pure air (10th percentile about -970 to -1000). Severe
 * emphysema can look like gas by this test (a documented limitation).
 *
 * Right/left: a component lying on both sides of the midline (lungs touching at the junction lines,
 * or joined through bronchi the airway tracker did not remove) is split by erosion (a city-block
 * distance threshold of 1, 2, 4, ... 10 voxels) until two large parts on opposite sides appear, then grown back
 * geodesically inside the component (each voxel joins the nearer part). Components on one side go to
 * that side: the largest is that lung, a smaller one joins it only within ~10 mm of it. LPS: the
 * patient's left is world x > midline.
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import { indexToWorld } from '../../../shared/geometry/grid';
import { boundingBox, boxDims, growBox } from '../../imaging/bounding-box';
import { airComponentStats, type AirComponent } from './air-components';
import { boxFilter, geodesicGrow, label3d, type Components } from './mask-ops';
import { evalLinear, worldAxis, voxelVolumeMl, type GridGeometry } from './orientation';

export const MIN_LUNG_ML = 5;
const MAX_LUNG_MEDIAN_HU = -600;
const MIN_LUNG_P10_HU = -950;

export const RIGHT = 1;
export const LEFT = 2;

export interface Lungs {
  /** 0 = not lung, RIGHT = 1, LEFT = 2 (aerated lung only; see envelope.ts for the filled lungs). */
  side: Uint8Array;
  components: AirComponent[];
  /** How the sides were separated. */
  split: 'separate' | 'erosion' | 'midline' | 'none';
}

export function isLungLike(c: AirComponent): boolean {
  return c.volumeMl >= MIN_LUNG_ML && c.medianHu < MAX_LUNG_MEDIAN_HU && c.p10Hu > MIN_LUNG_P10_HU;
}

/** City-block distance (voxels) to the nearest background voxel, inside `mask`. */
function cityBlockDistance(mask: Uint8Array, dims: Vec3): Uint16Array {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const d = new Uint16Array(mask.length);
  const BIG = 65000;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const p = k * plane + j * nx + i;
        if (!mask[p]) continue;
        let v = BIG;
        v = Math.min(v, i > 0 ? d[p - 1]! + 1 : 1, j > 0 ? d[p - nx]! + 1 : 1, k > 0 ? d[p - plane]! + 1 : 1);
        d[p] = v;
      }
    }
  }
  for (let k = nz - 1; k >= 0; k--) {
    for (let j = ny - 1; j >= 0; j--) {
      for (let i = nx - 1; i >= 0; i--) {
        const p = k * plane + j * nx + i;
        if (!mask[p]) continue;
        d[p] = Math.min(d[p]!, i < nx - 1 ? d[p + 1]! + 1 : 1, j < ny - 1 ? d[p + nx]! + 1 : 1, k < nz - 1 ? d[p + plane]! + 1 : 1);
      }
    }
  }
  return d;
}

function sideByMidline(p: number, g: GridGeometry, midX: Float64Array, wx: [number, number, number, number]): number {
  const [nx, ny] = g.dims;
  const i = p % nx;
  const j = ((p - i) / nx) % ny;
  const k = (p / (nx * ny)) | 0;
  return evalLinear(wx, i, j, k) > midX[k]! ? LEFT : RIGHT;
}

/** Voxel count and fraction on the patient's left of each labelled component. */
function sideStats(cc: Components, g: GridGeometry, midX: Float64Array, kOffset: number): { size: number; left: number }[] {
  const [nx, ny, nz] = g.dims;
  const wx = worldAxis(g, 0);
  const out = Array.from({ length: cc.count + 1 }, () => ({ size: 0, left: 0 }));
  for (let k = 0; k < nz; k++) {
    const m = midX[k + kOffset]!;
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      for (let i = 0; i < nx; i++) {
        const l = cc.labels[row + i];
        if (!l) continue;
        const s = out[l]!;
        s.size++;
        if (evalLinear(wx, i, j, k) > m) s.left++;
      }
    }
  }
  return out;
}

/**
 * Splits one component into RIGHT/LEFT (labels on its bounding box); null when erosion
 * never separates it into large parts on both sides.
 */
function splitByErosion(mask: Uint8Array, g: GridGeometry, midX: Float64Array, kOffset: number): Uint8Array | null {
  const total = mask.reduce((a, b) => a + b, 0);
  const dist = cityBlockDistance(mask, g.dims);
  const eroded = new Uint8Array(mask.length);
  for (const t of [1, 2, 4, 6, 8, 10]) {
    let any = 0;
    for (let p = 0; p < mask.length; p++) {
      eroded[p] = dist[p]! > t ? 1 : 0;
      any |= eroded[p]!;
    }
    if (!any) return null;
    const cc = label3d(eroded, g.dims);
    const stats = sideStats(cc, g, midX, kOffset);
    const big = stats.filter((s) => s.size >= total * 0.03);
    const hasLeft = big.some((s) => s.left > s.size / 2);
    const hasRight = big.some((s) => s.left <= s.size / 2);
    if (!hasLeft || !hasRight) continue;
    const seeds = new Uint8Array(mask.length);
    const minSeed = Math.max(1, Math.round(total * 0.002));
    for (let p = 0; p < mask.length; p++) {
      const l = cc.labels[p];
      if (!l) continue;
      const s = stats[l]!;
      if (s.size >= minSeed) seeds[p] = s.left > s.size / 2 ? LEFT : RIGHT;
    }
    return geodesicGrow(seeds, mask, g.dims);
  }
  return null;
}

export function segmentLungs(airInBody: Uint8Array, hu: Float32Array, g: GridGeometry, midX: Float64Array): Lungs {
  const cc: Components = label3d(airInBody, g.dims);
  const minVoxels = Math.ceil(MIN_LUNG_ML / voxelVolumeMl(g.spacing));
  const components = airComponentStats(cc, hu, g, midX, minVoxels).filter(isLungLike);
  components.sort((a, b) => b.voxels - a.voxels);
  const side = new Uint8Array(airInBody.length);
  const largest = components[0];
  if (!largest) return { side, components, split: 'none' };
  const wx = worldAxis(g, 0);
  let split: Lungs['split'] = 'separate';
  const assign = new Uint8Array(cc.count + 1);
  for (const c of components) assign[c.label] = c.leftFraction > 0.5 ? LEFT : RIGHT;
  // A component on both sides is split on its bounding box, grown by one voxel (never null here:
  // the largest component has voxels).
  const box = largest.leftFraction > 0.15 && largest.leftFraction < 0.85 ? boundingBox(cc.labels, g.dims, { equals: largest.label }) : null;
  if (box) {
    const grown = growBox(box, [1, 1, 1], g.dims);
    const { lo } = grown;
    const bd = boxDims(grown);
    const [nx, ny] = g.dims;
    const mask = new Uint8Array(bd[0] * bd[1] * bd[2]);
    for (let k = 0; k < bd[2]; k++) {
      for (let j = 0; j < bd[1]; j++) {
        for (let i = 0; i < bd[0]; i++) {
          if (cc.labels[((k + lo[2]) * ny + j + lo[1]) * nx + i + lo[0]] === largest.label) mask[(k * bd[1] + j) * bd[0] + i] = 1;
        }
      }
    }
    const sub: GridGeometry = { dims: bd, spacing: g.spacing, origin: indexToWorld(g, lo), direction: g.direction };
    const parts = splitByErosion(mask, sub, midX, lo[2]);
    assign[largest.label] = 0;
    split = parts ? 'erosion' : 'midline';
    for (let k = 0; k < bd[2]; k++) {
      for (let j = 0; j < bd[1]; j++) {
        for (let i = 0; i < bd[0]; i++) {
          const q = (k * bd[1] + j) * bd[0] + i;
          if (!mask[q]) continue;
          const p = ((k + lo[2]) * ny + j + lo[1]) * nx + i + lo[0];
          side[p] = (parts && parts[q]) || sideByMidline(p, g, midX, wx);
        }
      }
    }
  }
  // The largest component of each side is that lung; smaller lung-like components join it only when
  // they lie within ~10 mm of it (a piece cut off by a fissure or a lesion), not air trapped elsewhere.
  const main = new Map<number, number>();
  for (const c of components) {
    const a = assign[c.label];
    if (a && !main.has(a)) main.set(a, c.label);
  }
  for (let p = 0; p < side.length; p++) {
    const l = cc.labels[p];
    if (l && assign[l] && main.get(assign[l]) === l) side[p] = assign[l];
  }
  const extras = components.filter((c) => assign[c.label] && main.get(assign[c.label]!) !== c.label);
  if (extras.length) {
    const nearSide = new Map<number, Uint8Array>();
    for (const c of extras) {
      const a = assign[c.label]!;
      let near = nearSide.get(a);
      if (!near) {
        const own = new Uint8Array(side.length);
        for (let p = 0; p < side.length; p++) own[p] = side[p] === a ? 1 : 0;
        near = boxFilter(own, g.dims, [5, 5, 2], false);
        nearSide.set(a, near);
      }
      let touches = false;
      for (let p = 0; p < side.length && !touches; p++) touches = cc.labels[p] === c.label && near[p] === 1;
      if (!touches) {
        assign[c.label] = 0;
        continue;
      }
    }
    for (let p = 0; p < side.length; p++) {
      const l = cc.labels[p];
      if (l && assign[l] && main.get(assign[l]) !== l) side[p] = assign[l];
    }
  }
  return { side, components: components.filter((c) => assign[c.label] || c.label === largest.label), split };
}
