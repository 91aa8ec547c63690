import type { AxisPermutation, Dims3, NumericArray } from './types';

/**
 * Reorders the axes of `channels` stacked 3D arrays: output axis t is input axis perm[t], read
 * backwards where flip[t]. Returns a new array of the same type (or `src` itself for the identity)
 * and the output dims. Self-contained (runs in the inference worker; see README.md).
 */
export function permuteAxes<T extends NumericArray>(
  src: T,
  dims: Dims3,
  p: AxisPermutation,
  channels: number,
): { data: T; dims: Dims3 } {
  const { perm, flip } = p;
  if (perm[0] === 0 && perm[1] === 1 && perm[2] === 2 && !flip[0] && !flip[1] && !flip[2]) {
    return { data: src, dims: [dims[0], dims[1], dims[2]] };
  }
  // perm is a permutation of 0..2 (built by orientationPermutation or a constant layout): the reads are in bounds.
  const strideIn: Dims3 = [1, dims[0], dims[0] * dims[1]];
  const vol = dims[0] * dims[1] * dims[2];
  const i0 = strideIn[perm[0]]!;
  const i1 = strideIn[perm[1]]!;
  const i2 = strideIn[perm[2]]!;
  const n0 = dims[perm[0]]!;
  const n1 = dims[perm[1]]!;
  const n2 = dims[perm[2]]!;
  const s0 = flip[0] ? -i0 : i0;
  const s1 = flip[1] ? -i1 : i1;
  const s2 = flip[2] ? -i2 : i2;
  const base =
    (flip[0] ? (n0 - 1) * i0 : 0) +
    (flip[1] ? (n1 - 1) * i1 : 0) +
    (flip[2] ? (n2 - 1) * i2 : 0);
  const Ctor = src.constructor as new (n: number) => T;
  const out = new Ctor(vol * channels);
  let o = 0;
  for (let c = 0; c < channels; c++) {
    const cb = c * vol + base;
    for (let x2 = 0; x2 < n2; x2++) {
      for (let x1 = 0; x1 < n1; x1++) {
        let q = cb + x2 * s2 + x1 * s1;
        for (let x0 = 0; x0 < n0; x0++) {
          out[o++] = src[q]!;
          q += s0;
        }
      }
    }
  }
  return { data: out, dims: [n0, n1, n2] };
}

/** The permutation that undoes `p` (same flip per physical axis). Self-contained. */
export function invertPermutation(p: AxisPermutation): AxisPermutation {
  const perm: [number, number, number] = [0, 0, 0];
  const flip: [boolean, boolean, boolean] = [false, false, false];
  for (let t = 0; t < 3; t++) {
    const a = p.perm[t]!;
    perm[a] = t;
    flip[a] = p.flip[t]!;
  }
  return { perm, flip };
}
