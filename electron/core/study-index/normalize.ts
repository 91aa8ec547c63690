/**
 * Small, pure helpers that turn DICOM header strings into the forms the index stores and searches.
 */

/** Trimmed text, or null when empty / absent. */
export function cleanText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

/** Upper-case code string (Modality, PatientSex), or null when empty. */
export function cleanCode(value: string | null | undefined): string | null {
  const t = cleanText(value);
  return t === null ? null : t.toUpperCase();
}

/** PatientName as stored: trimmed, without the trailing empty components ('DOE^JOHN^^' -> 'DOE^JOHN'). */
export function cleanPersonName(value: string | null | undefined): string | null {
  if (value == null) return null;
  const t = value.replace(/[\s^=]+$/u, '').trim();
  return t === '' ? null : t;
}

/**
 * Folds text for case- and accent-insensitive substring search: lower case, diacritics removed,
 * DICOM person-name separators ('^', '=') and runs of whitespace turned into single spaces.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s^=]+/gu, ' ')
    .trim();
}

/** Search words of a user query, folded; empty when the query has none. */
export function searchTokens(query: string | null | undefined): string[] {
  if (query == null) return [];
  return foldForSearch(query).split(' ').filter((t) => t !== '');
}

/** `%text%` for LIKE ... ESCAPE '\', with LIKE's wildcards in `text` taken literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** DICOM DA ('YYYYMMDD', or the old 'YYYY.MM.DD') -> 'YYYYMMDD'; null when absent or not a real date. */
export function normalizeDicomDate(value: string | null | undefined): string | null {
  const t = cleanText(value);
  if (t === null) return null;
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(y, mo, d) ? `${m[1]}${m[2]}${m[3]}` : null;
}

/** A date a user typed: 'YYYYMMDD', 'YYYY-MM-DD' or an ISO date-time (its date part) -> 'YYYYMMDD'. */
export function normalizeQueryDate(value: string): string | null {
  const t = value.trim();
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(t) ?? /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(y, mo, d) ? `${m[1]}${m[2]}${m[3]}` : null;
}

/**
 * DICOM TM ('HH', 'HHMM', 'HHMMSS', 'HHMMSS.FFFFFF', or the old 'HH:MM:SS') -> 'HHMMSS[.FFFFFF]',
 * so that times sort as text; null when absent or malformed.
 */
export function normalizeDicomTime(value: string | null | undefined): string | null {
  const t = cleanText(value);
  if (t === null) return null;
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,6})?$/.exec(t.replace(/:/g, ''));
  if (!m) return null;
  const [hh, mm = '00', ss = '00', frac = ''] = [m[1], m[2], m[3], m[4]];
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 60) return null;
  if (frac !== '' && m[3] === undefined) return null; // a fraction only follows seconds
  return `${hh}${mm}${ss}${frac}`;
}
