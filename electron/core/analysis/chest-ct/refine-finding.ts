/**
 * Re-segments a working-grid candidate on the ORIGINAL grid and measures it.
 *
 * Threshold: half way between the local aerated-lung background (median HU of lung voxels around
 * it) and the candidate's core (75th percentile HU near the seed, capped at 100 HU), the classic
 * half-maximum rule: it places the edge of small nodules correctly despite partial volume, where a
 * fixed threshold would shrink or swell them with slice thickness.
 * Growth: 6-connected from the brightest voxel near the seed, over voxels >= threshold, inside the
 * lung envelope and inside a limit: a sphere of max(2 r, r + 4 mm) for blob candidates (r from the
 * blob scale), the candidate dilated by SOLID_LIMIT_DILATION working voxels for solid candidates.
 * Faces where growth was stopped are measured: at the limit ("cut": the bright structure goes on,
 * as a vessel does), at the envelope edge ("wall": the chest wall or mediastinum), and faces on
 * aerated lung.
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import type { VolumeScalars } from '../../volume-assembly/volume';
import type { Candidate } from './candidates';
import { shapeFeatures, type ShapeFeatures } from './shape-features';
import type { WorkingGrid } from './working-grid';

export interface OriginalGrid {
  scalars: VolumeScalars;
  dims: Vec3;
  spacing: Vec3;
  grid: WorkingGrid;
  /** Original index -> nearest working index, per axis. */
  wi: Int32Array;
  wj: Int32Array;
  wk: Int32Array;
  /** Working-grid masks. */
  envelope: Uint8Array;
  aerated: Uint8Array;
  /** Original-grid voxels already given to a finding. */
  claimed: Uint8Array;
}

export interface RefinedCandidate {
  candidate: Candidate;
  voxels: Int32Array;
  backgroundHu: number;
  coreHu: number;
  thresholdHu: number;
  meanHu: number;
  volumeMl: number;
  surfaceMm2: number;
  lungContactMm2: number;
  wallContactMm2: number;
  cutMm2: number;
  /**
   * Bright (>= threshold) tissue in the slices just above and below the region, within
   * ADJACENT_REACH_MM in-plane of it but not joined to it, mm^2. In thick slices a vessel crossing
   * obliquely appears as separate dots from slice to slice: a dot with such a neighbour is a vessel;
   * an isolated nodule has lung above and below. NaN when not measured (large regions).
   */
  adjacentBrightMm2: number;
  /** Largest in-plane area of the region (one slice), mm^2. */
  maxAxialAreaMm2: number;
  shape: ShapeFeatures | null;
  /** Why it cannot be a finding (null when it passed re-segmentation). */
  failure: string | null;
}

const CORE_CAP_HU = 100;
const MIN_CONTRAST_HU = 250;
const DEFAULT_LUNG_HU = -850;
const MAX_VOXELS = 2_000_000;
/** Solid candidates may grow this many working voxels beyond their (opened) working-grid shape. */
const SOLID_LIMIT_DILATION = 3;

const ADJACENT_REACH_MM = 3;
const ADJACENT_MAX_VOXELS = 20000;

function adjacentBright(o: OriginalGrid, voxels: Int32Array, thresholdHu: number): number {
  const [nx, ny, nz] = o.dims;
  const plane = nx * ny;
  const [sx, sy] = o.spacing;
  const inRegion = new Set<number>(voxels);
  const found = new Set<number>();
  const ri = Math.ceil(ADJACENT_REACH_MM / sx);
  const rj = Math.ceil(ADJACENT_REACH_MM / sy);
  const r2 = ADJACENT_REACH_MM * ADJACENT_REACH_MM;
  for (const p of voxels) {
    const k = (p / plane) | 0;
    const j = ((p - k * plane) / nx) | 0;
    const i = p - k * plane - j * nx;
    for (const dk of [-1, 1]) {
      const kk = k + dk;
      if (kk < 0 || kk >= nz || inRegion.has(p + dk * plane)) continue;
      for (let dj = -rj; dj <= rj; dj++) {
        const jj = j + dj;
        if (jj < 0 || jj >= ny) continue;
        for (let di = -ri; di <= ri; di++) {
          const ii = i + di;
          if (ii < 0 || ii >= nx || (di * sx) ** 2 + (dj * sy) ** 2 > r2) continue;
          const q = kk * plane + jj * nx + ii;
          if (o.scalars[q]! < thresholdHu || inRegion.has(q)) continue;
          // Only tissue inside the lung envelope: the chest wall next to a pleural nodule is not a vessel.
          if (o.envelope[(o.wk[kk]! * o.grid.dims[1] + o.wj[jj]!) * o.grid.dims[0] + o.wi[ii]!]) found.add(q);
        }
      }
    }
  }
  return found.size * sx * sy;
}

function percentile(values: number[], f: number): number {
  if (!values.length) return NaN;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.max(0, Math.floor(f * (values.length - 1))))]!;
}

export function refineCandidate(o: OriginalGrid, c: Candidate): RefinedCandidate {
  const [nx, ny, nz] = o.dims;
  const plane = nx * ny;
  const [sx, sy, sz] = o.spacing;
  const g = o.grid;
  const [mx, my] = g.dims;
  const wplane = mx * my;
  const hu = o.scalars;
  const envAt = (i: number, j: number, k: number) => o.envelope[o.wk[k]! * wplane + o.wj[j]! * mx + o.wi[i]!];
  const aerAt = (i: number, j: number, k: number) => o.aerated[o.wk[k]! * wplane + o.wj[j]! * mx + o.wi[i]!];

  // Seed position on the original grid.
  const si = c.seed % mx;
  const sj = ((c.seed - si) / mx) % my;
  const sk = (c.seed / wplane) | 0;
  const seedIdx: Vec3 = [g.offset[0] + si * g.ratio[0], g.offset[1] + sj * g.ratio[1], g.offset[2] + sk * g.ratio[2]];
  const r = c.radiusMm;

  // Limit and region of interest.
  let inLimit: (i: number, j: number, k: number) => boolean;
  let lo: Vec3;
  let hi: Vec3;
  if (c.source === 'blob') {
    const lim = Math.max(2 * r, r + 4);
    const lim2 = lim * lim;
    inLimit = (i, j, k) => ((i - seedIdx[0]) * sx) ** 2 + ((j - seedIdx[1]) * sy) ** 2 + ((k - seedIdx[2]) * sz) ** 2 <= lim2;
    lo = ([0, 1, 2] as const).map((a) => Math.max(0, Math.floor(seedIdx[a] - lim / o.spacing[a]) - 1)) as Vec3;
    hi = ([0, 1, 2] as const).map((a) => Math.min(o.dims[a] - 1, Math.ceil(seedIdx[a] + lim / o.spacing[a]) + 1)) as Vec3;
  } else {
    const wlo: Vec3 = [mx, my, g.dims[2]];
    const whi: Vec3 = [-1, -1, -1];
    for (const p of c.voxels) {
      const i = p % mx;
      const j = ((p - i) / mx) % my;
      const k = (p / wplane) | 0;
      wlo[0] = Math.min(wlo[0], i); whi[0] = Math.max(whi[0], i);
      wlo[1] = Math.min(wlo[1], j); whi[1] = Math.max(whi[1], j);
      wlo[2] = Math.min(wlo[2], k); whi[2] = Math.max(whi[2], k);
    }
    const D = SOLID_LIMIT_DILATION;
    for (const a of [0, 1, 2] as const) {
      wlo[a] = Math.max(0, wlo[a] - D);
      whi[a] = Math.min(g.dims[a] - 1, whi[a] + D);
    }
    const bx = whi[0] - wlo[0] + 1;
    const by = whi[1] - wlo[1] + 1;
    const bz = whi[2] - wlo[2] + 1;
    let local = new Uint8Array(bx * by * bz);
    for (const p of c.voxels) {
      const i = p % mx;
      const j = ((p - i) / mx) % my;
      const k = (p / wplane) | 0;
      local[((k - wlo[2]) * by + (j - wlo[1])) * bx + (i - wlo[0])] = 1;
    }
    // Box dilation by D along each axis (separable).
    for (let axis = 0; axis < 3; axis++) {
      const next = new Uint8Array(local.length);
      const stride = axis === 0 ? 1 : axis === 1 ? bx : bx * by;
      const len = axis === 0 ? bx : axis === 1 ? by : bz;
      for (let q = 0; q < local.length; q++) {
        if (!local[q]) continue;
        const t = axis === 0 ? q % bx : axis === 1 ? Math.floor(q / bx) % by : Math.floor(q / (bx * by));
        for (let d = -D; d <= D; d++) if (t + d >= 0 && t + d < len) next[q + d * stride] = 1;
      }
      local = next;
    }
    const dil = local;
    inLimit = (i, j, k) => {
      const a = o.wi[i]! - wlo[0];
      const b = o.wj[j]! - wlo[1];
      const d = o.wk[k]! - wlo[2];
      return a >= 0 && b >= 0 && d >= 0 && a < bx && b < by && d < bz && dil[(d * by + b) * bx + a] === 1;
    };
    lo = ([0, 1, 2] as const).map((a) => Math.max(0, Math.floor(g.offset[a] + (wlo[a] - 0.5) * g.ratio[a]))) as Vec3;
    hi = ([0, 1, 2] as const).map((a) => Math.min(o.dims[a] - 1, Math.ceil(g.offset[a] + (whi[a] + 0.5) * g.ratio[a]))) as Vec3;
  }

  const fail = (failure: string, extra: Partial<RefinedCandidate> = {}): RefinedCandidate => ({
    candidate: c,
    voxels: new Int32Array(0),
    backgroundHu: NaN,
    coreHu: NaN,
    thresholdHu: NaN,
    meanHu: NaN,
    volumeMl: 0,
    surfaceMm2: 0,
    lungContactMm2: 0,
    wallContactMm2: 0,
    cutMm2: 0,
    adjacentBrightMm2: NaN,
    maxAxialAreaMm2: 0,
    shape: null,
    failure,
    ...extra,
  });

  // Background: aerated lung around the candidate.
  const bgValues: number[] = [];
  const step = Math.max(1, Math.floor(((hi[0] - lo[0] + 1) * (hi[1] - lo[1] + 1) * (hi[2] - lo[2] + 1)) / 6000));
  let count = 0;
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      for (let i = lo[0]; i <= hi[0]; i++) {
        if (count++ % step) continue;
        const v = hu[k * plane + j * nx + i]!;
        if (v < -400 && aerAt(i, j, k)) bgValues.push(v);
      }
    }
  }
  const backgroundHu = bgValues.length >= 20 ? percentile(bgValues, 0.5) : DEFAULT_LUNG_HU;

  // Brightest voxel near the seed, and the core intensity around it.
  const near = Math.max(r / 2, 2);
  let best = -1;
  let bestHu = -Infinity;
  const ri = Math.ceil(near / sx), rj = Math.ceil(near / sy), rk = Math.ceil(near / sz);
  const ci = Math.round(seedIdx[0]), cj = Math.round(seedIdx[1]), ck = Math.round(seedIdx[2]);
  for (let k = Math.max(0, ck - rk); k <= Math.min(nz - 1, ck + rk); k++) {
    for (let j = Math.max(0, cj - rj); j <= Math.min(ny - 1, cj + rj); j++) {
      for (let i = Math.max(0, ci - ri); i <= Math.min(nx - 1, ci + ri); i++) {
        const p = k * plane + j * nx + i;
        if (!envAt(i, j, k) || o.claimed[p]) continue;
        const v = hu[p]!;
        if (v > bestHu) { bestHu = v; best = p; }
      }
    }
  }
  if (best < 0) return fail('seed outside the envelope', { backgroundHu });
  const bi = best % nx, bj = ((best - bi) / nx) % ny, bk = (best / plane) | 0;
  const coreR = Math.max(r / 2, 1.5);
  const coreValues: number[] = [];
  for (let k = Math.max(0, bk - Math.ceil(coreR / sz)); k <= Math.min(nz - 1, bk + Math.ceil(coreR / sz)); k++) {
    for (let j = Math.max(0, bj - Math.ceil(coreR / sy)); j <= Math.min(ny - 1, bj + Math.ceil(coreR / sy)); j++) {
      for (let i = Math.max(0, bi - Math.ceil(coreR / sx)); i <= Math.min(nx - 1, bi + Math.ceil(coreR / sx)); i++) {
        if (((i - bi) * sx) ** 2 + ((j - bj) * sy) ** 2 + ((k - bk) * sz) ** 2 > coreR * coreR) continue;
        coreValues.push(hu[k * plane + j * nx + i]!);
      }
    }
  }
  const coreHu = Math.min(CORE_CAP_HU, percentile(coreValues, 0.75));
  if (coreHu - backgroundHu < MIN_CONTRAST_HU) return fail('low contrast', { backgroundHu, coreHu });
  const thresholdHu = (backgroundHu + coreHu) / 2;
  if (hu[best]! < thresholdHu) return fail('seed below threshold', { backgroundHu, coreHu, thresholdHu });

  // Growth.
  const bx = hi[0] - lo[0] + 1;
  const by = hi[1] - lo[1] + 1;
  const bz = hi[2] - lo[2] + 1;
  const visited = new Uint8Array(bx * by * bz);
  const loc = (i: number, j: number, k: number) => ((k - lo[2]) * by + (j - lo[1])) * bx + (i - lo[0]);
  const out: number[] = [best];
  visited[loc(bi, bj, bk)] = 1;
  let cutMm2 = 0, wallMm2 = 0, lungMm2 = 0, surfaceMm2 = 0, sum = 0;
  const faceI = sy * sz, faceJ = sx * sz, faceK = sx * sy;
  const di = [-1, 1, 0, 0, 0, 0];
  const dj = [0, 0, -1, 1, 0, 0];
  const dk = [0, 0, 0, 0, -1, 1];
  const face = [faceI, faceI, faceJ, faceJ, faceK, faceK];
  for (let h = 0; h < out.length; h++) {
    const p = out[h]!;
    sum += hu[p]!;
    const i = p % nx, j = ((p - i) / nx) % ny, k = (p / plane) | 0;
    for (let d = 0; d < 6; d++) {
      const qi = i + di[d]!, qj = j + dj[d]!, qk = k + dk[d]!;
      if (qi < 0 || qj < 0 || qk < 0 || qi >= nx || qj >= ny || qk >= nz) {
        surfaceMm2 += face[d]!;
        cutMm2 += face[d]!;
        continue;
      }
      const q = qk * plane + qj * nx + qi;
      const inside = qi >= lo[0] && qi <= hi[0] && qj >= lo[1] && qj <= hi[1] && qk >= lo[2] && qk <= hi[2];
      if (inside && visited[loc(qi, qj, qk)]) continue;
      const bright = hu[q]! >= thresholdHu && !o.claimed[q];
      if (!bright) {
        surfaceMm2 += face[d]!;
        if (aerAt(qi, qj, qk)) lungMm2 += face[d]!;
        continue;
      }
      if (!inside || !inLimit(qi, qj, qk)) {
        surfaceMm2 += face[d]!;
        cutMm2 += face[d]!;
        continue;
      }
      if (!envAt(qi, qj, qk)) {
        surfaceMm2 += face[d]!;
        wallMm2 += face[d]!;
        continue;
      }
      visited[loc(qi, qj, qk)] = 1;
      out.push(q);
      if (out.length > MAX_VOXELS) return fail('too large', { backgroundHu, coreHu, thresholdHu });
    }
  }
  const voxels = Int32Array.from(out);
  const perSlice = new Map<number, number>();
  for (const p of voxels) {
    const k = (p / plane) | 0;
    perSlice.set(k, (perSlice.get(k) ?? 0) + 1);
  }
  const maxAxialAreaMm2 = Math.max(...perSlice.values()) * sx * sy;
  const adjacentBrightMm2 = voxels.length <= ADJACENT_MAX_VOXELS ? adjacentBright(o, voxels, thresholdHu) : NaN;
  return {
    candidate: c,
    voxels,
    backgroundHu,
    coreHu,
    thresholdHu,
    meanHu: sum / voxels.length,
    volumeMl: (voxels.length * sx * sy * sz) / 1000,
    surfaceMm2,
    lungContactMm2: lungMm2,
    wallContactMm2: wallMm2,
    cutMm2,
    adjacentBrightMm2,
    maxAxialAreaMm2,
    shape: shapeFeatures(voxels, o.dims, o.spacing),
    failure: null,
  };
}
