/**
 * Trachea and main bronchi on the working grid, by tracking a round air column down from the top
 * slices:
 *  - seed: in the top 60 mm, a 2D air component inside the body of 50-700 mm^2, round (area over the
 *    disc of its largest radius >= 0.5), within 25 mm of the midline, not touching the grid border;
 *  - tracking: slice by slice towards the feet, the air components overlapping the previous slice's
 *    airway are added, unless one is far larger than the trachea (it has opened into a lung: that
 *    branch stops there; a touch of up to 3 slices, where the wall is thinner than the grid, is
 *    bridged with the previous cross-section). Where the column splits in two the carina is
 *    recorded; bronchi are followed 40 mm below it.
 *  - accepted only when the column is >= 30 mm long and ends at a carina or by opening into a lung
 *    (a gas bubble in the oesophagus or bowel does neither).
 */
import { labelSlice } from '../../imaging/slice-components';
import { evalLinear, superiorStep, worldAxis, type GridGeometry } from './orientation';

export interface Airways {
  /** trachea voxels = 1, main bronchi = 2 (working grid); all zero when not found. */
  mask: Uint8Array;
  found: boolean;
  /** Working slice of the carina (first slice with two branches), or null. */
  carinaK: number | null;
}

const SEED_SEARCH_MM = 60;
const SEED_AREA_MM2: [number, number] = [50, 700];
const SEED_MAX_MIDLINE_MM = 25;
const MIN_LENGTH_MM = 30;
const BRONCHI_BELOW_CARINA_MM = 40;
const MAX_MERGED_SLICES = 3;
const MAX_GAP_SLICES = 2;
/** Smaller air specks overlapping the airway are ignored (a branch needs this cross-section). */
const MIN_BRANCH_AREA_MM2 = 12;
const FADE_FRACTION = 0.3;
const LATERAL_REACH_MM = 6;
/** A 2D airway cross-section larger than this has opened into a lung (or a bulla). */
const MAX_AIRWAY_AREA_MM2 = 1200;

function roundness(labels: Int32Array, l: number, area: number, ci: number, cj: number, nx: number, sx: number, sy: number): number {
  let r2 = 0;
  for (let q = 0; q < labels.length; q++) {
    if (labels[q] !== l) continue;
    const i = q % nx;
    const j = (q - i) / nx;
    const d = ((i - ci) * sx) ** 2 + ((j - cj) * sy) ** 2;
    if (d > r2) r2 = d;
  }
  const r = Math.sqrt(r2) + 0.5 * Math.max(sx, sy);
  return (area * sx * sy) / (Math.PI * r * r);
}

/** Box dilation of a slice mask by ri pixels along i and rj along j. */
function dilate2d(m: Uint8Array, nx: number, ny: number, ri: number, rj: number): Uint8Array {
  const rowPass = new Uint8Array(m.length);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (!m[j * nx + i]) continue;
      for (let d = Math.max(0, i - ri); d <= Math.min(nx - 1, i + ri); d++) rowPass[j * nx + d] = 1;
    }
  }
  const out = new Uint8Array(m.length);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (!rowPass[j * nx + i]) continue;
      for (let d = Math.max(0, j - rj); d <= Math.min(ny - 1, j + rj); d++) out[d * nx + i] = 1;
    }
  }
  return out;
}

interface Track {
  mask: Uint8Array;
  carinaK: number | null;
  lengthMm: number;
  endedProperly: boolean;
}

function track(airIn: Uint8Array, airInBody: Uint8Array, g: GridGeometry, midX: Float64Array, seedK: number, seedPixels: Uint8Array, seedArea: number): Track {
  const [nx, ny, nz] = g.dims;
  const plane = nx * ny;
  const [sx, sy, sz] = g.spacing;
  const wx = worldAxis(g, 0);
  const down = -superiorStep(g);
  const mask = new Uint8Array(plane * nz);
  let prev = seedPixels;
  for (let q = 0; q < plane; q++) if (prev[q]) mask[seedK * plane + q] = 1;
  const maxArea = Math.max(4 * seedArea, MAX_AIRWAY_AREA_MM2 / (sx * sy));
  let carinaK: number | null = null;
  let last = seedK;
  let endedProperly = false;
  let mergedRun = 0;
  // Bronchi run laterally (they can move several mm per slice); the oesophagus, which may hold air,
  // lies behind the trachea. So the search reaches LATERAL_REACH_MM sideways but one pixel front/back.
  const lateralIsI = Math.abs(g.direction[0]!) >= Math.abs(g.direction[1]!);
  const reachI = lateralIsI ? Math.ceil(LATERAL_REACH_MM / sx) : 1;
  const reachJ = lateralIsI ? 1 : Math.ceil(LATERAL_REACH_MM / sy);
  let prevArea = seedArea;
  let gapRun = 0;
  const queue = new Int32Array(plane);
  for (let k = seedK + down; k >= 0 && k < nz; k += down) {
    const sc = labelSlice(airIn, nx, ny, k, queue);
    const overlap = new Int32Array(sc.count + 1);
    const reach = dilate2d(prev, nx, ny, reachI, reachJ);
    for (let q = 0; q < plane; q++) if (reach[q] && sc.labels[q]) overlap[sc.labels[q]!]!++;
    let next: number[] = [];
    let merged = false;
    for (let l = 1; l <= sc.count; l++) {
      if (!overlap[l]) continue;
      if (sc.area[l]! > maxArea) merged = true;
      else if (sc.area[l]! * sx * sy >= MIN_BRANCH_AREA_MM2) next.push(l);
    }
    // A cross-section that shrinks to under a third has faded (partial volume), not narrowed.
    if (next.reduce((a, l) => a + sc.area[l]!, 0) < FADE_FRACTION * prevArea) next = [];
    const cur = new Uint8Array(plane);
    if (merged) {
      // The airway touches a lung on this slice (a wall thinner than the grid). Keep the previous
      // cross-section for up to MAX_MERGED_SLICES; beyond that it has opened into the lung.
      if (++mergedRun > MAX_MERGED_SLICES) {
        endedProperly = true;
        break;
      }
      for (let q = 0; q < plane; q++) if (prev[q] && sc.labels[q]) cur[q] = 1;
    } else {
      mergedRun = 0;
      if (!next.length) {
        // The lumen can fade for a slice or two (partial volume at the carina spur): bridge it.
        if (++gapRun > MAX_GAP_SLICES) break;
        for (let q = 0; q < plane; q++) if (prev[q] && airInBody[k * plane + q]) mask[k * plane + q] = carinaK === null ? 1 : 2;
        continue;
      }
      gapRun = 0;
    }
    if (carinaK === null && next.length) {
      // Before the carina the column must stay near the midline.
      const farOff = next.some((l) => Math.abs(evalLinear(wx, sc.sumI[l]! / sc.area[l]!, sc.sumJ[l]! / sc.area[l]!, k) - midX[k]!) > 40);
      if (farOff) break;
      if (next.length >= 2 && !merged) {
        carinaK = k;
        endedProperly = true;
      }
    }
    if (carinaK !== null && Math.abs(k - carinaK) * sz > BRONCHI_BELOW_CARINA_MM) break;
    for (let q = 0; q < plane; q++) {
      const l = sc.labels[q];
      if (l && next.includes(l)) cur[q] = 1;
      if (cur[q]) mask[k * plane + q] = carinaK === null ? 1 : 2;
    }
    prev = cur;
    prevArea = next.reduce((a, l) => a + sc.area[l]!, 0) || prevArea;
    last = k;
  }
  return { mask, carinaK, lengthMm: (Math.abs(last - seedK) + 1) * sz, endedProperly };
}

/** Airway lumen is nearly pure air; aerated lung (about -850 HU) mostly stays above this. */
export const AIRWAY_MAX_HU = -920;

/**
 * `airInBody`: air inside the body (working grid); `hu`: working-grid HU. Tracking runs on the
 * darker `airInBody & hu < AIRWAY_MAX_HU`, which keeps the lumen apart from lung touching it; the
 * result is dilated by one voxel within `airInBody` to take the lumen's partial-volume rim.
 */
export function findAirways(airInBody: Uint8Array, hu: Float32Array, g: GridGeometry, midX: Float64Array): Airways {
  const airIn = new Uint8Array(airInBody.length);
  for (let p = 0; p < airIn.length; p++) airIn[p] = airInBody[p] && hu[p]! < AIRWAY_MAX_HU ? 1 : 0;
  const found = findLumen(airIn, airInBody, g, midX);
  if (found.found) dilateWithin(found.mask, airInBody, g);
  return found;
}

/** One 6-connected dilation of labelled voxels (labels copied), limited to `within`. */
function dilateWithin(mask: Uint8Array, within: Uint8Array, g: GridGeometry): void {
  const [nx, ny, nz] = g.dims;
  const plane = nx * ny;
  const src = mask.slice();
  for (let p = 0; p < src.length; p++) {
    if (src[p] || !within[p]) continue;
    const i = p % nx;
    const j = ((p - i) / nx) % ny;
    const k = (p / plane) | 0;
    const l =
      (i > 0 && src[p - 1]) || (i < nx - 1 && src[p + 1]) || (j > 0 && src[p - nx]) || (j < ny - 1 && src[p + nx]) ||
      (k > 0 && src[p - plane]) || (k < nz - 1 && src[p + plane]) || 0;
    if (l) mask[p] = l;
  }
}

function findLumen(airIn: Uint8Array, airInBody: Uint8Array, g: GridGeometry, midX: Float64Array): Airways {
  const [nx, ny, nz] = g.dims;
  const plane = nx * ny;
  const [sx, sy, sz] = g.spacing;
  const wx = worldAxis(g, 0);
  const down = -superiorStep(g);
  const top = down > 0 ? 0 : nz - 1;
  const searchSlices = Math.min(nz, Math.ceil(SEED_SEARCH_MM / sz));
  const queue = new Int32Array(plane);
  for (let s = 0; s < searchSlices; s++) {
    const k = top + s * down;
    const sc = labelSlice(airIn, nx, ny, k, queue);
    const seeds: { l: number; dist: number }[] = [];
    for (let l = 1; l <= sc.count; l++) {
      const area = sc.area[l]!;
      const areaMm2 = area * sx * sy;
      if (areaMm2 < SEED_AREA_MM2[0] || areaMm2 > SEED_AREA_MM2[1] || sc.touchesBorder[l]) continue;
      const ci = sc.sumI[l]! / area;
      const cj = sc.sumJ[l]! / area;
      const dist = Math.abs(evalLinear(wx, ci, cj, k) - midX[k]!);
      if (dist > SEED_MAX_MIDLINE_MM) continue;
      if (roundness(sc.labels, l, area, ci, cj, nx, sx, sy) < 0.5) continue;
      seeds.push({ l, dist });
    }
    seeds.sort((a, b) => a.dist - b.dist);
    for (const { l } of seeds) {
      const pixels = new Uint8Array(plane);
      for (let q = 0; q < plane; q++) if (sc.labels[q] === l) pixels[q] = 1;
      const t = track(airIn, airInBody, g, midX, k, pixels, sc.area[l]!);
      if (t.lengthMm >= MIN_LENGTH_MM && t.endedProperly) return { mask: t.mask, found: true, carinaK: t.carinaK };
    }
  }
  return { mask: new Uint8Array(plane * nz), found: false, carinaK: null };
}
