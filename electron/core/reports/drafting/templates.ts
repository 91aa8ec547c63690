/**
 * Sentence templates for drafting. Every word comes from a measured or recorded value: size
 * (diameterMm), side (laterality), zone, density word ("solid" only when the region's mean HU is at
 * least -300), hedging ("Possible" below confidence 0.5), slice reference (from the locator).
 */
import type { Region } from '../../regions/region';

export const LOW_CONFIDENCE_HEDGE = 0.5;
export const SOLID_MIN_HU = -300;

export interface SliceRef {
  seriesNumber: number | null;
  instanceNumber: number | null;
}

/** "a"/"an" as the number is spoken: an 8, an 11, an 18, an 80-89, an 800-899... */
export function articleForNumber(n: number): 'A' | 'An' {
  const s = String(n);
  if (s.startsWith('8')) return 'An';
  if (s === '11' || s === '18') return 'An';
  if (/^1[18]\d{3}$/.test(s) || /^1[18]\d{6}$/.test(s)) return 'An';
  return 'A';
}

export function sizeMm(r: Region): number | null {
  return r.diameterMm !== null && r.diameterMm > 0 ? Math.max(1, Math.round(r.diameterMm)) : null;
}

function sideWord(r: Region): string | null {
  return r.laterality === 'left' || r.laterality === 'right' ? r.laterality : null;
}

/** "left upper lung zone", "right lung", "upper lung zone", or null when nothing is known. */
export function locationPhrase(r: Region): string | null {
  const side = sideWord(r);
  if (r.zone) return `${side ? `${side} ` : ''}${r.zone} lung zone`;
  if (side) return `${side} lung`;
  return null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sliceRefText(ref: SliceRef | null): string {
  if (!ref) return '';
  const parts = [ref.seriesNumber !== null ? `series ${ref.seriesNumber}` : null, ref.instanceNumber !== null ? `image ${ref.instanceNumber}` : null].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** "A 41 mm solid mass in the left upper lung zone (series 2, image 23)." */
export function findingSentence(r: Region, ref: SliceRef | null): string {
  const size = sizeMm(r);
  const solid = r.meanHu !== null && r.meanHu >= SOLID_MIN_HU ? 'solid ' : '';
  const where = locationPhrase(r);
  const body = `${size !== null ? `${size} mm ` : ''}${solid}${r.label}${where ? ` in the ${where}` : ''}${sliceRefText(ref)}.`;
  if (r.confidence < LOW_CONFIDENCE_HEDGE) return `Possible ${body}`;
  return `${size !== null ? articleForNumber(size) : /^[aeiou]/i.test(solid || r.label) ? 'An' : 'A'} ${body}`;
}

/** Impression line for one finding: "36 mm mass in the left upper lung zone." */
export function impressionSentence(r: Region): string {
  const size = sizeMm(r);
  const where = locationPhrase(r);
  const body = `${size !== null ? `${size} mm ` : ''}${r.label}${where ? ` in the ${where}` : ''}.`;
  return r.confidence < LOW_CONFIDENCE_HEDGE ? `Possible ${body}` : capitalise(body);
}

function pluralLabel(label: string): string {
  if (/(s|x|ch|sh)$/.test(label)) return `${label}es`;
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  return `${label}s`;
}

/** "Additional nodules: 6 mm right upper zone, 5 mm right middle zone." (regions largest first) */
export function additionalFindingsSentence(regions: readonly Region[]): string {
  const labels = new Set(regions.map((r) => r.label));
  const noun = labels.size === 1 ? pluralLabel([...labels][0]!) : 'lesions';
  const items = regions.map((r) => {
    const size = sizeMm(r);
    const where = [sideWord(r), r.zone ? `${r.zone} zone` : null].filter(Boolean).join(' ');
    const hedge = r.confidence < LOW_CONFIDENCE_HEDGE ? 'possible ' : '';
    return `${hedge}${size !== null ? `${size} mm` : r.label}${where ? ` ${where}` : ''}`;
  });
  return `Additional ${noun}: ${items.join(', ')}.`;
}

export const LUNGS_CLEAR = 'The lungs are clear.';
export const NO_NODULE_OR_MASS = 'No pulmonary nodule or mass.';
export const NO_NODULE_OR_MASS_DETECTED = 'No pulmonary nodule or mass detected.';
export const NO_COMPARISON = 'None available.';

/** DICOM 'YYYYMMDD' -> 'YYYY-MM-DD' (anything else as given). */
export function formatDicomDate(date: string | null | undefined): string | null {
  if (!date) return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : date.trim();
}

/** "CT CHEST of 2023-03-15." or "None available." */
export function comparisonSentence(prior: { studyDate: string | null; description: string | null } | null): string {
  if (!prior) return NO_COMPARISON;
  const date = formatDicomDate(prior.studyDate);
  const what = prior.description?.trim() || 'Prior study';
  return date ? `${what} of ${date}.` : `${what} (date not recorded).`;
}
