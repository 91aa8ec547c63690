/** Statistics of 3D air components inside the body, used to tell lungs from bowel gas. */
import type { Components } from './mask-ops';
import { evalLinear, worldAxis, voxelVolumeMl, type GridGeometry } from './orientation';

export interface AirComponent {
  label: number;
  voxels: number;
  volumeMl: number;
  /** Median working-grid HU (aerated lung about -850; gas about -1000). */
  medianHu: number;
  /** Mean world x, and the fraction of voxels on the patient's left of the midline. */
  centroidX: number;
  leftFraction: number;
  /** Mean world z. */
  centroidZ: number;
  /** 10th percentile of working-grid HU (aerated lung about -900; gas about -1000). */
  p10Hu: number;
  /** Highest world z (superior end). */
  topZ: number;
}

const HIST_LO = -1100;
const HIST_BIN = 5;
const HIST_BINS = 160; // -1100 .. -300

export function airComponentStats(cc: Components, hu: Float32Array, g: GridGeometry, midX: Float64Array, minVoxels: number): AirComponent[] {
  const [nx, ny, nz] = g.dims;
  const slot = new Int32Array(cc.count + 1).fill(-1);
  const kept: number[] = [];
  for (let l = 1; l <= cc.count; l++) {
    if (cc.sizes[l]! >= minVoxels) {
      slot[l] = kept.length;
      kept.push(l);
    }
  }
  const m = kept.length;
  const hist = new Int32Array(m * HIST_BINS);
  const sumX = new Float64Array(m);
  const sumZ = new Float64Array(m);
  const left = new Float64Array(m);
  const topZ = new Float64Array(m).fill(-Infinity);
  const wx = worldAxis(g, 0);
  const wz = worldAxis(g, 2);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      for (let i = 0; i < nx; i++) {
        const l = cc.labels[row + i]!;
        if (!l) continue;
        const s = slot[l]!;
        if (s < 0) continue;
        let b = Math.floor((hu[row + i]! - HIST_LO) / HIST_BIN);
        b = b < 0 ? 0 : b >= HIST_BINS ? HIST_BINS - 1 : b;
        hist[s * HIST_BINS + b]!++;
        const x = evalLinear(wx, i, j, k);
        sumX[s]! += x;
        const z = evalLinear(wz, i, j, k);
        sumZ[s]! += z;
        if (z > topZ[s]!) topZ[s] = z;
        if (x > midX[k]!) left[s]!++;
      }
    }
  }
  const ml = voxelVolumeMl(g.spacing);
  return kept.map((l, s) => {
    const n = cc.sizes[l]!;
    const quantile = (f: number) => {
      let acc = 0;
      let b = 0;
      while (b < HIST_BINS && acc + hist[s * HIST_BINS + b]! < n * f) acc += hist[s * HIST_BINS + b++]!;
      return HIST_LO + (b + 0.5) * HIST_BIN;
    };
    return {
      label: l,
      voxels: n,
      volumeMl: n * ml,
      medianHu: quantile(0.5),
      p10Hu: quantile(0.1),
      topZ: topZ[s]!,
      centroidX: sumX[s]! / n,
      leftFraction: left[s]! / n,
      centroidZ: sumZ[s]! / n,
    };
  });
}
