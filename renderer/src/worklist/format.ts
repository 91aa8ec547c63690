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

/** 'YYYY-MM-DD' (from a date input) -> 'YYYYMMDD', or undefined when empty. */
export function toDicomDate(isoDate: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? isoDate.replaceAll('-', '') : undefined;
}
