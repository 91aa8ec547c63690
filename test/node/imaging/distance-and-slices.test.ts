import { describe, expect, it } from 'vitest';
import { EDT_INF, squaredDistance1d } from '../../../electron/core/imaging/distance-transform';
import { labelSlice } from '../../../electron/core/imaging/slice-components';

describe('squaredDistance1d (lower envelope of parabolas)', () => {
  it('equals the brute-force minimum of s2 (q - p)^2 + f[p], unit and non-unit spacing', () => {
    let seed = 3;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (const s2 of [1, 0.49, 6.25]) {
      for (let trial = 0; trial < 20; trial++) {
        const n = 1 + Math.floor(rnd() * 40);
        const f = Float64Array.from({ length: n }, () => (rnd() < 0.2 ? 0 : rnd() < 0.5 ? EDT_INF : Math.floor(rnd() * 30)));
        const d = new Float64Array(n);
        squaredDistance1d(f, n, s2, d, new Int32Array(n), new Float64Array(n + 1));
        for (let q = 0; q < n; q++) {
          let best = Infinity;
          for (let p = 0; p < n; p++) best = Math.min(best, s2 * (q - p) * (q - p) + f[p]!);
          expect(d[q]).toBeCloseTo(best, 6);
        }
      }
    }
  });

  it('gives exact squared pixel distances to the targets', () => {
    const f = Float64Array.from([EDT_INF, EDT_INF, 0, EDT_INF, EDT_INF, EDT_INF, 0]);
    const d = new Float64Array(7);
    squaredDistance1d(f, 7, 1, d, new Int32Array(7), new Float64Array(8));
    expect(Array.from(d)).toEqual([4, 1, 0, 1, 4, 1, 0]);
  });
});

describe('labelSlice (4-connected components of one slice)', () => {
  it('finds components with area, centroid sums and border contact, on the asked slice only', () => {
    const nx = 6, ny = 5;
    const mask = new Uint8Array(nx * ny * 2);
    const set = (i: number, j: number, k: number) => (mask[k * nx * ny + j * nx + i] = 1);
    set(0, 0, 1); set(1, 0, 1); // touches the border, area 2
    set(3, 2, 1); set(3, 3, 1); set(2, 2, 1); // inner L, area 3
    set(4, 3, 1); // diagonal to (3, 2)? no: (4, 3) is 4-adjacent to (3, 3): joins the L
    set(5, 4, 0); // other slice: not counted
    const sc = labelSlice(mask, nx, ny, 1);
    expect(sc.count).toBe(2);
    expect(Array.from(sc.area)).toEqual([0, 2, 4]);
    expect(Array.from(sc.touchesBorder)).toEqual([0, 1, 0]);
    expect(sc.sumI[2]).toBe(3 + 3 + 2 + 4);
    expect(sc.sumJ[2]).toBe(2 + 3 + 2 + 3);
  });
});
