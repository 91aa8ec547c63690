/** Median of `values` (the mean of the two middle values for an even count); NaN for an empty list. Pure: `values` is not reordered. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  if (!s.length) return Number.NaN;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
