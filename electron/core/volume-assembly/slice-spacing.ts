/**
 * Through-plane sampling of a stack: given the sorted, distinct slice positions along the normal,
 * decide the output grid.
 *
 * Even spacing (every step within max(1 % of the median step, 0.05 mm) of the median, and every slice
 * within that tolerance of the uniform grid first..last): one output slice per source slice, spacing
 * = (last - first) / (n - 1).
 *
 * Uneven spacing: resampled onto a uniform grid by linear interpolation between the two neighbouring
 * source slices. CHOSEN STEP: the SMALLEST source step (so no acquired detail is thrown away), but
 * never finer than a quarter of the median step (an isolated near-duplicate must not multiply the
 * slice count), and at most 8 (n - 1) + 1 output slices (else the step is enlarged: a huge gap must
 * not balloon the volume); the step is then shrunk slightly so that
 * the first and last source slices fall exactly on the grid (no extrapolation, nothing cut off).
 * Output slices that coincide with a source slice (within 0.1 % of the step) are copied from it and
 * keep its SOPInstanceUID; interpolated ones have none (null).
 */
import { median } from '../../shared/math/median';

export type OutputSlicePlan =
  | { kind: 'copy'; src: number }
  | { kind: 'blend'; lo: number; hi: number; /** weight of `hi`, 0..1 */ t: number };

export interface SliceSpacingPlan {
  step: number;
  output: OutputSlicePlan[];
  resampled: boolean;
  warnings: string[];
}

const REL_TOL = 0.01;
const ABS_TOL_MM = 0.05;
/** The step is never finer than median step / MIN_STEP_FRACTION_OF_MEDIAN. */
const MIN_STEP_FRACTION_OF_MEDIAN = 4;
/** At most MAX_SLICE_FACTOR * (n - 1) + 1 output slices (large gaps must not balloon the volume). */
const MAX_SLICE_FACTOR = 8;

function fmt(x: number, digits = 2): string {
  return Number(x.toFixed(digits)).toString();
}

/** `along`: strictly increasing positions, along[0] === 0, at least 2 entries. */
export function planSliceSpacing(along: number[]): SliceSpacingPlan {
  const n = along.length;
  const a0 = along[0]!;
  const extent = along[n - 1]! - a0;
  const gaps = along.slice(1).map((a, i) => a - along[i]!);
  const med = median(gaps);
  const mean = extent / (n - 1);
  const tol = Math.max(REL_TOL * med, ABS_TOL_MM);
  const uneven =
    gaps.some((g) => Math.abs(g - med) > tol) || along.some((a, i) => Math.abs(a - a0 - i * mean) > tol);

  if (!uneven) {
    return { step: mean, output: along.map((_, i) => ({ kind: 'copy', src: i })), resampled: false, warnings: [] };
  }

  const minGap = Math.min(...gaps);
  const maxGap = Math.max(...gaps);
  const target = Math.max(minGap, med / MIN_STEP_FRACTION_OF_MEDIAN);
  let count = Math.ceil(extent / target - 1e-9);
  const cap = MAX_SLICE_FACTOR * (n - 1);
  const capped = count > cap;
  if (capped) count = cap;
  const step = extent / count;

  const output: OutputSlicePlan[] = [];
  const eps = 1e-3 * step;
  let s = 0;
  for (let m = 0; m <= count; m++) {
    const t = a0 + m * step;
    while (s < n - 2 && along[s + 1]! <= t + eps) s++;
    // 0 <= s <= n - 2: along[s] and along[s + 1] exist.
    const lo = along[s]!;
    const hi = along[s + 1]!;
    if (Math.abs(t - lo) <= eps) output.push({ kind: 'copy', src: s });
    else if (Math.abs(t - hi) <= eps) output.push({ kind: 'copy', src: s + 1 });
    else output.push({ kind: 'blend', lo: s, hi: s + 1, t: (t - lo) / (hi - lo) });
  }

  const warnings = [
    `Uneven slice spacing (steps from ${fmt(minGap)} to ${fmt(maxGap)} mm, median ${fmt(med)} mm): resampled ` +
      `to a uniform ${fmt(step, 3)} mm grid (${count + 1} slices from ${n}) by linear interpolation between neighbouring slices` +
      (capped ? ` (step enlarged to keep at most ${MAX_SLICE_FACTOR}x the source slice count)` : '') +
      (maxGap > 3 * med ? `; the largest gap (${fmt(maxGap)} mm) is bridged by interpolation only` : '') +
      '; interpolated slices have no source SOPInstanceUID.',
  ];
  return { step, output, resampled: true, warnings };
}
