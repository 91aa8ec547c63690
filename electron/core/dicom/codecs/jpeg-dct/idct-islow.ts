/**
 * The IJG "islow" integer inverse DCT (libjpeg jidctint.c), which DCMTK's decoders use by default, for 8- and
 * 12-bit samples: same constants, same rounding and the same range-limit table, so a frame decodes to the
 * values DCMTK gives. Arithmetic is done on doubles with floor division (C's INT32 is 64 bits wide on LP64,
 * and 12-bit products overflow 32-bit shifts).
 */
const CONST_BITS = 13;
const FIX_0_298631336 = 2446;
const FIX_0_390180644 = 3196;
const FIX_0_541196100 = 4433;
const FIX_0_765366865 = 6270;
const FIX_0_899976223 = 7373;
const FIX_1_175875602 = 9633;
const FIX_1_501321110 = 12299;
const FIX_1_847759065 = 15137;
const FIX_1_961570560 = 16069;
const FIX_2_053119869 = 16819;
const FIX_2_562915447 = 20995;
const FIX_3_072711026 = 25172;

const descale = (x: number, n: number): number => Math.floor((x + 2 ** (n - 1)) / 2 ** n);

/** libjpeg's post-IDCT range-limit table (jdmaster.c prepare_range_limit_table), as a function. */
function rangeLimit(x: number, precision: number): number {
  const max = (1 << precision) - 1;
  const center = 1 << (precision - 1);
  const t = x & (max * 4 + 3);
  if (t < center) return t + center;
  if (t < 2 * (max + 1)) return max;
  if (t < 4 * (max + 1) - center) return 0;
  return t - (4 * (max + 1) - center);
}

/** Shared odd/even butterfly of both passes: returns the 8 outputs before descaling, in natural order. */
function butterfly(d0: number, d1: number, d2: number, d3: number, d4: number, d5: number, d6: number, d7: number, out: number[]): void {
  let z1 = (d2 + d6) * FIX_0_541196100;
  const tmp2e = z1 + d6 * -FIX_1_847759065;
  const tmp3e = z1 + d2 * FIX_0_765366865;
  const tmp0e = (d0 + d4) * 2 ** CONST_BITS;
  const tmp1e = (d0 - d4) * 2 ** CONST_BITS;
  const tmp10 = tmp0e + tmp3e;
  const tmp13 = tmp0e - tmp3e;
  const tmp11 = tmp1e + tmp2e;
  const tmp12 = tmp1e - tmp2e;
  let tmp0 = d7;
  let tmp1 = d5;
  let tmp2 = d3;
  let tmp3 = d1;
  z1 = tmp0 + tmp3;
  let z2 = tmp1 + tmp2;
  let z3 = tmp0 + tmp2;
  let z4 = tmp1 + tmp3;
  const z5 = (z3 + z4) * FIX_1_175875602;
  tmp0 *= FIX_0_298631336;
  tmp1 *= FIX_2_053119869;
  tmp2 *= FIX_3_072711026;
  tmp3 *= FIX_1_501321110;
  z1 *= -FIX_0_899976223;
  z2 *= -FIX_2_562915447;
  z3 = z3 * -FIX_1_961570560 + z5;
  z4 = z4 * -FIX_0_390180644 + z5;
  tmp0 += z1 + z3;
  tmp1 += z2 + z4;
  tmp2 += z2 + z3;
  tmp3 += z1 + z4;
  out[0] = tmp10 + tmp3;
  out[7] = tmp10 - tmp3;
  out[1] = tmp11 + tmp2;
  out[6] = tmp11 - tmp2;
  out[2] = tmp12 + tmp1;
  out[5] = tmp12 - tmp1;
  out[3] = tmp13 + tmp0;
  out[4] = tmp13 - tmp0;
}

/**
 * Inverse DCT of one 8x8 block of quantized coefficients (natural order) into `out` at `outOffset` with
 * row stride `stride`, clipped to rows/columns still inside the image (`maxRows`, `maxCols`).
 */
export function idctIslowBlock(
  coefficients: Int32Array,
  coefficientOffset: number,
  quantization: Int32Array,
  precision: number,
  out: Uint16Array,
  outOffset: number,
  stride: number,
  maxRows: number,
  maxCols: number,
): void {
  const pass1Bits = precision === 8 ? 2 : 1;
  const work = new Array<number>(64);
  const tmp = new Array<number>(8);
  for (let col = 0; col < 8; col++) {
    const c = (k: number): number => coefficients[coefficientOffset + k * 8 + col]! * quantization[k * 8 + col]!;
    if (c(1) === 0 && c(2) === 0 && c(3) === 0 && c(4) === 0 && c(5) === 0 && c(6) === 0 && c(7) === 0) {
      const dc = c(0) * 2 ** pass1Bits;
      for (let k = 0; k < 8; k++) work[k * 8 + col] = dc;
      continue;
    }
    butterfly(c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7), tmp);
    for (let k = 0; k < 8; k++) work[k * 8 + col] = descale(tmp[k]!, CONST_BITS - pass1Bits);
  }
  for (let row = 0; row < 8 && row < maxRows; row++) {
    const w = row * 8;
    const o = outOffset + row * stride;
    if (work[w + 1] === 0 && work[w + 2] === 0 && work[w + 3] === 0 && work[w + 4] === 0 && work[w + 5] === 0 && work[w + 6] === 0 && work[w + 7] === 0) {
      const v = rangeLimit(descale(work[w]!, pass1Bits + 3), precision);
      for (let k = 0; k < 8 && k < maxCols; k++) out[o + k] = v;
      continue;
    }
    butterfly(work[w]!, work[w + 1]!, work[w + 2]!, work[w + 3]!, work[w + 4]!, work[w + 5]!, work[w + 6]!, work[w + 7]!, tmp);
    for (let k = 0; k < 8 && k < maxCols; k++) out[o + k] = rangeLimit(descale(tmp[k]!, CONST_BITS + pass1Bits + 3), precision);
  }
}
