/** Pixel kernels used to build volumes: in-plane shift (tilt correction) and slice blending. */

export type PixelArray = Int16Array | Float32Array | Uint8Array;

const EDGE_EPS = 1e-6;

interface AxisSample {
  i0: Int32Array;
  i1: Int32Array;
  f: Float32Array;
  valid: Uint8Array;
}

/** For each output index o, the source position o - shift split into two taps and a fraction. */
function axisSamples(n: number, shift: number): AxisSample {
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const f = new Float32Array(n);
  const valid = new Uint8Array(n);
  for (let o = 0; o < n; o++) {
    let x = o - shift;
    if (x < 0 && x > -EDGE_EPS) x = 0;
    if (x > n - 1 && x < n - 1 + EDGE_EPS) x = n - 1;
    if (x < 0 || x > n - 1) continue;
    const x0 = Math.floor(x);
    i0[o] = x0;
    i1[o] = Math.min(x0 + 1, n - 1);
    f[o] = x - x0;
    valid[o] = 1;
  }
  return { i0, i1, f, valid };
}

/**
 * out(i, j) = src(i - shiftI, j - shiftJ), bilinear; samples falling outside the source image get
 * `fill`. `src` is cols x rows, column index fastest.
 */
export function shiftSlice(
  src: ArrayLike<number>,
  cols: number,
  rows: number,
  shiftI: number,
  shiftJ: number,
  fill: number,
  out: Float32Array,
): Float32Array {
  const ax = axisSamples(cols, shiftI);
  const ay = axisSamples(rows, shiftJ);
  for (let j = 0; j < rows; j++) {
    const o = j * cols;
    if (!ay.valid[j]) {
      out.fill(fill, o, o + cols);
      continue;
    }
    const r0 = ay.i0[j]! * cols;
    const r1 = ay.i1[j]! * cols;
    const fy = ay.f[j]!;
    for (let i = 0; i < cols; i++) {
      if (!ax.valid[i]) {
        out[o + i] = fill;
        continue;
      }
      const c0 = ax.i0[i]!;
      const c1 = ax.i1[i]!;
      const fx = ax.f[i]!;
      const top = src[r0 + c0]! + (src[r0 + c1]! - src[r0 + c0]!) * fx;
      const bottom = src[r1 + c0]! + (src[r1 + c1]! - src[r1 + c0]!) * fx;
      out[o + i] = top + (bottom - top) * fy;
    }
  }
  return out;
}

/** Writes `values` into `dest` at `offset`, rounding and clamping when `dest` is an Int16Array. */
export function writeSlice(dest: Int16Array | Float32Array, offset: number, values: ArrayLike<number>): void {
  // Same values as the loops below, copied natively: int16 needs no rounding or clamping into int16,
  // and a float32 destination stores any typed array's values as the loop's assignments would.
  // ~1 ms per 512 x 512 slice on the serving thread saved (every slice of every volume built).
  if ((dest instanceof Int16Array && values instanceof Int16Array) || (dest instanceof Float32Array && (values instanceof Float32Array || values instanceof Int16Array))) {
    dest.set(values, offset);
    return;
  }
  const n = values.length;
  if (dest instanceof Int16Array) {
    for (let p = 0; p < n; p++) {
      const v = Math.round(values[p]!);
      dest[offset + p] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
  } else {
    for (let p = 0; p < n; p++) dest[offset + p] = values[p]!;
  }
}

/** (1 - t) * a + t * b into `out`. */
export function blendSlices(a: ArrayLike<number>, b: ArrayLike<number>, t: number, out: Float32Array): Float32Array {
  const n = out.length;
  for (let p = 0; p < n; p++) out[p] = a[p]! + (b[p]! - a[p]!) * t;
  return out;
}
