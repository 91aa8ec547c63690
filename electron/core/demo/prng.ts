/**
 * Deterministic pseudo-random numbers for the demo phantom. Nothing in the demo uses Math.random:
 * the same seed always gives the same anatomy, noise and therefore byte-identical DICOM files.
 */

/** 32-bit FNV-1a hash of a string, used to derive independent streams from one seed. */
export function hashString32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A small, fast generator (sfc32) with a few convenience draws. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` names an independent sequence for the same seed (e.g. 'vessels', 'noise:current'). */
  constructor(seed: number, stream = '') {
    const init = splitmix32((seed >>> 0) ^ hashString32(stream));
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The generator state (a, b, c, d), for hot loops that inline the step; see setState. */
  getState(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }

  setState(state: [number, number, number, number]): void {
    [this.a, this.b, this.c, this.d] = state;
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Standard normal via the shared quantile table (deterministic, no transcendental calls). */
  normal(): number {
    return GAUSSIAN_TABLE[this.nextUint32() >>> 16]!;
  }
}

/**
 * 65536 standard-normal quantiles at the midpoints of equal-probability bins, so indexing the table
 * with 16 uniform bits draws a (discretised) Gaussian. Built once with a rational approximation of
 * the inverse normal CDF (Acklam), which is deterministic across platforms.
 */
export const GAUSSIAN_TABLE: Float32Array = buildGaussianTable(65536);

function buildGaussianTable(n: number): Float32Array {
  const table = new Float32Array(n);
  for (let i = 0; i < n; i++) table[i] = inverseNormalCdf((i + 0.5) / n);
  return table;
}

function inverseNormalCdf(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239] as const;
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] as const;
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
