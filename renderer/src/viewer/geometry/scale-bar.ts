/**
 * A scale bar of a "nice" length (1, 2 or 5 × 10^n mm) no longer than `maxPx` CSS pixels.
 * Returns null when even the smallest candidate does not fit.
 */
export function niceScaleBar(mmPerPx: number, maxPx: number): { mm: number; px: number } | null {
  if (!(mmPerPx > 0) || !(maxPx > 0)) return null;
  const maxMm = mmPerPx * maxPx;
  const exponent = Math.floor(Math.log10(maxMm));
  for (let e = exponent; e >= exponent - 3; e--) {
    for (const m of [5, 2, 1]) {
      const mm = m * 10 ** e;
      if (mm <= maxMm + 1e-9) return { mm: Number(mm.toPrecision(6)), px: mm / mmPerPx };
    }
  }
  return null;
}

export function formatScaleBar(mm: number): string {
  return mm >= 10 ? `${mm} mm` : `${Number(mm.toPrecision(3))} mm`;
}
