/**
 * Sentence templates for drafting. Every word comes from a measured or recorded value: size
 * (diameterMm), side (laterality), zone (as radiologists write it: upper / mid / lower lung zone;
 * lobes are never named, the analysis does not segment them), density word ("solid" only when the
 * region's mean HU is at least -300), hedging ("Possible", with the confidence shown, below the
 * assessment's confidence threshold), slice reference (from the locator).
 *
 * Labels with their own wording: airless lung ('consolidation or atelectasis', 'consolidation':
 * "Consolidation or atelectasis in the right upper lung zone, about 450 mL (series 2, image 30;
 * confidence 0.81).", the analysis cannot tell them apart, and the confidence is always shown) and volume loss ('lung volume asymmetry': "Reduced
 * right lung volume: aerated volume 28% below that of the other lung.").
 */
import type { Region } from '../../regions/region';
import { DEFAULT_CONFIDENCE_THRESHOLD, isVolumeLoss } from '../assessment/failed-checks';
import { AIRLESS_CONCEPTS, zoneWord } from '../grounding/lexicon';
import { labelInfo } from '../grounding/region-features';

export const SOLID_MIN_HU = -300;

export interface SliceRef {
  seriesNumber: number | null;
  instanceNumber: number | null;
}

/** What a finding sentence needs beyond the region. */
export interface SentenceOptions {
  /** Confidence below which a finding is "Possible ..." (the assessment's, else 0.5). */
  threshold?: number;
  /** (larger - smaller) / larger aerated lung volume, for volume-loss findings. */
  volumeAsymmetry?: number | null;
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

/** "left upper lung zone", "right mid lung zone", "right lung", "upper lung zone", or null when nothing is known. */
export function locationPhrase(r: Region): string | null {
  const side = sideWord(r);
  const zone = zoneWord(r.zone);
  if (zone) return `${side ? `${side} ` : ''}${zone} lung zone`;
  if (side) return `${side} lung`;
  return null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isUncertain(r: Region, o: SentenceOptions): boolean {
  return r.confidence < (o.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD);
}

function isAirless(r: Region): boolean {
  return labelInfo(r.label, r.kind).concepts.some((c) => AIRLESS_CONCEPTS.has(c));
}

/** " (series 2, image 40; confidence 0.42)", or "" when there is nothing to put in brackets. */
function bracket(ref: SliceRef | null, confidence: number | null): string {
  const where = ref ? [ref.seriesNumber !== null ? `series ${ref.seriesNumber}` : null, ref.instanceNumber !== null ? `image ${ref.instanceNumber}` : null].filter(Boolean).join(', ') : '';
  const parts = [where, confidence !== null ? `confidence ${confidence.toFixed(2)}` : ''].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** "reduced right lung volume" (lower case, for any position in a sentence). */
function volumeLossName(r: Region): string {
  const side = sideWord(r);
  return side ? `reduced ${side} lung volume` : 'asymmetric lung volumes';
}

/** "consolidation or atelectasis in the right lower lung zone" */
function airlessName(r: Region): string {
  const where = locationPhrase(r);
  return `consolidation or atelectasis${where ? ` in the ${where}` : ''}`;
}

/** "A 41 mm solid mass in the left upper lung zone (series 2, image 23)."; "Possible ... (series 2, image 23; confidence 0.42)." */
export function findingSentence(r: Region, ref: SliceRef | null, o: SentenceOptions = {}): string {
  const unsure = isUncertain(r, o);
  const confidence = unsure ? r.confidence : null;
  if (isVolumeLoss(r)) {
    const detail = o.volumeAsymmetry != null && r.laterality !== null ? `: aerated volume ${pct(o.volumeAsymmetry)} below that of the other lung` : '';
    const name = volumeLossName(r);
    return `${unsure ? `Possible ${name}` : capitalise(name)}${detail}${bracket(null, confidence)}.`;
  }
  if (isAirless(r)) {
    // Density alone cannot say how sure the call is: the confidence is always shown.
    const name = airlessName(r);
    const size = r.volumeMl > 0 ? `, about ${Math.round(r.volumeMl)} mL` : '';
    return `${unsure ? `Possible ${name}` : capitalise(name)}${size}${bracket(ref, r.confidence)}.`;
  }
  const size = sizeMm(r);
  const solid = r.meanHu !== null && r.meanHu >= SOLID_MIN_HU ? 'solid ' : '';
  const where = locationPhrase(r);
  const body = `${size !== null ? `${size} mm ` : ''}${solid}${r.label}${where ? ` in the ${where}` : ''}${bracket(ref, confidence)}.`;
  if (unsure) return `Possible ${body}`;
  return `${size !== null ? articleForNumber(size) : /^[aeiou]/i.test(solid || r.label) ? 'An' : 'A'} ${body}`;
}

/** Impression line for one finding: "36 mm mass in the left upper lung zone."; "Possible ... (confidence 0.42)." */
export function impressionSentence(r: Region, o: SentenceOptions = {}): string {
  const unsure = isUncertain(r, o);
  const conf = bracket(null, unsure ? r.confidence : null);
  let body: string;
  if (isVolumeLoss(r)) body = volumeLossName(r);
  else if (isAirless(r)) body = airlessName(r);
  else {
    const size = sizeMm(r);
    const where = locationPhrase(r);
    body = `${size !== null ? `${size} mm ` : ''}${r.label}${where ? ` in the ${where}` : ''}`;
  }
  return unsure ? `Possible ${body}${conf}.` : `${capitalise(body)}.`;
}

function pluralLabel(label: string): string {
  if (/(s|x|ch|sh)$/.test(label)) return `${label}es`;
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  return `${label}s`;
}

/** "Additional nodules: 6 mm right upper zone, 5 mm right mid zone." (regions largest first) */
export function additionalFindingsSentence(regions: readonly Region[], o: SentenceOptions = {}): string {
  const labels = new Set(regions.map((r) => r.label));
  const noun = labels.size === 1 ? pluralLabel([...labels][0]!) : 'lesions';
  const items = regions.map((r) => {
    if (isVolumeLoss(r)) return `${isUncertain(r, o) ? 'possible ' : ''}${volumeLossName(r)}`;
    if (isAirless(r)) return `${isUncertain(r, o) ? 'possible ' : ''}${airlessName(r)}`;
    const size = sizeMm(r);
    const zone = zoneWord(r.zone);
    const where = [sideWord(r), zone ? `${zone} zone` : null].filter(Boolean).join(' ');
    const hedge = isUncertain(r, o) ? 'possible ' : '';
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
