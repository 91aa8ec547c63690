/**
 * The exact 1D squared Euclidean distance transform (Felzenszwalb & Huttenlocher: the lower envelope
 * of parabolas), the pass that separable 2D/3D transforms run along each axis in turn.
 */

/** The "infinite" input value of a sample that is not a target. */
export const EDT_INF = 1e20;

/**
 * d[q] = min over p of s2 (q - p)^2 + f[p], for q in 0..n-1: with f = 0 on targets and EDT_INF
 * elsewhere, the squared distance to the nearest target for samples `sqrt(s2)` apart (s2 = 1: in
 * samples). `v` (n) and `z` (n + 1) are scratch space.
 */
export function squaredDistance1d(f: Float64Array, n: number, s2: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -EDT_INF;
  z[1] = EDT_INF;
  // k stays in 0..q-1 and v[0..k], z[0..k+1] are written before they are read: the reads below are in bounds.
  for (let q = 1; q < n; q++) {
    const fq = f[q]!;
    let p = v[k]!;
    let s = (fq + s2 * q * q - (f[p]! + s2 * p * p)) / (2 * s2 * (q - p));
    while (s <= z[k]!) {
      k--;
      p = v[k]!;
      s = (fq + s2 * q * q - (f[p]! + s2 * p * p)) / (2 * s2 * (q - p));
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = EDT_INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    d[q] = s2 * (q - p) * (q - p) + f[p]!;
  }
}
