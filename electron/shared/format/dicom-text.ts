/** How DICOM names and dates are shown to people, in the UI and in exported reports. */

/** 'DOE^JANE^^^' -> 'DOE, JANE' as radiologists read names. */
export function formatPersonName(name: string | null): string {
  if (!name) return '—';
  const [family = '', given = '', middle = ''] = name.split('^');
  const rest = [given, middle].filter(Boolean).join(' ');
  return rest ? `${family}, ${rest}` : family || '—';
}

/** 'YYYYMMDD' -> 'YYYY-MM-DD'. */
export function formatDicomDate(date: string | null): string {
  if (!date || !/^\d{8}$/.test(date)) return '—';
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
}
