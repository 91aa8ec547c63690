/**
 * Seeded CT-like noise: white Gaussian noise smoothed with a [1 2 1]/4 kernel along x and y (a
 * slightly correlated texture like a reconstruction kernel's), scaled to the requested SD.
 */
import { GAUSSIAN_TABLE, Rng } from './prng';

/** [1 2 1]/4 in x then y reduces a white SD by (6/16) overall. */
const SMOOTHING_SD_FACTOR = 6 / 16;

export const HU_MIN = -1024;
export const HU_MAX = 3071;

export function addCtNoise(hu: Int16Array, nx: number, ny: number, nz: number, sdHu: number, rng: Rng): void {
  // Scale the table once, including the 1/16 of the two [1 2 1]/4 kernels.
  const table = new Float32Array(GAUSSIAN_TABLE.length);
  const amp = sdHu / SMOOTHING_SD_FACTOR / 16;
  for (let i = 0; i < table.length; i++) table[i] = GAUSSIAN_TABLE[i]! * amp;
  const plane = nx * ny;
  const white = new Float32Array(plane);
  const smoothX = new Float32Array(plane);
  let [a, b, c, d] = rng.getState();
  for (let k = 0; k < nz; k++) {
    for (let p = 0; p < plane; p += 2) {
      // sfc32 step, inlined (two 16-bit draws per step).
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      white[p] = table[t >>> 16]!;
      white[p + 1] = table[t & 0xffff]!;
    }
    for (let j = 0; j < ny; j++) {
      const row = j * nx;
      smoothX[row] = 3 * white[row]! + white[row + 1]!;
      for (let i = 1; i < nx - 1; i++) smoothX[row + i] = white[row + i - 1]! + 2 * white[row + i]! + white[row + i + 1]!;
      smoothX[row + nx - 1] = white[row + nx - 2]! + 3 * white[row + nx - 1]!;
    }
    const base = k * plane;
    for (let j = 0; j < ny; j++) {
      const row = j * nx;
      const up = j > 0 ? row - nx : row;
      const down = j < ny - 1 ? row + nx : row;
      for (let i = 0; i < nx; i++) {
        let v = Math.round(hu[base + row + i]! + smoothX[up + i]! + 2 * smoothX[row + i]! + smoothX[down + i]!);
        v = v < HU_MIN ? HU_MIN : v > HU_MAX ? HU_MAX : v;
        hu[base + row + i] = v;
      }
    }
  }
  rng.setState([a, b, c, d]);
}
