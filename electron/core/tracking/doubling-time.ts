/**
 * Volume doubling time (Schwartz 1961): VDT = dt * ln 2 / ln(V2 / V1), in days, from the volumes
 * in the two exams and the days between them. Defined for growth only: null when a volume or a
 * date is missing, the exams are not in order, or the volume did not increase.
 */
const DAY_MS = 86_400_000;

/** Days from DICOM date `prior` (YYYYMMDD) to `current`; null when either is missing or invalid. */
export function daysBetween(priorDate: string | null, currentDate: string | null): number | null {
  const parse = (d: string | null) => {
    const m = d?.match(/^(\d{4})(\d{2})(\d{2})$/);
    if (!m) return null;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return Number.isFinite(t) ? t : null;
  };
  const a = parse(priorDate);
  const b = parse(currentDate);
  return a === null || b === null ? null : Math.round((b - a) / DAY_MS);
}

export function volumeDoublingTimeDays(priorVolumeMl: number | null, currentVolumeMl: number | null, days: number | null): number | null {
  if (priorVolumeMl === null || currentVolumeMl === null || days === null) return null;
  if (!(days > 0 && priorVolumeMl > 0 && currentVolumeMl > priorVolumeMl)) return null;
  return (days * Math.LN2) / Math.log(currentVolumeMl / priorVolumeMl);
}
