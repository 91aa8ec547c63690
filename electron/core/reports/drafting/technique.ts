/**
 * The technique section from DICOM headers: modality and body part, contrast (only as recorded:
 * "with contrast (agent)" when ContrastBolusAgent names one, "without contrast" only when it says
 * none, otherwise nothing), slice thickness(es) and kVp. Nothing is assumed.
 */
import type { DicomInstance } from '../../dicom/dicom-instance';

export type TechniqueHeader = Pick<
  DicomInstance,
  'seriesInstanceUid' | 'modality' | 'bodyPartExamined' | 'sliceThickness' | 'contrastBolusAgent' | 'kvp'
>;

const MODALITY_NAMES: Record<string, string> = {
  CT: 'CT',
  MR: 'MRI',
  PT: 'PET',
  NM: 'Nuclear medicine',
  US: 'Ultrasound',
  CR: 'Radiograph',
  DX: 'Radiograph',
  MG: 'Mammography',
  XA: 'Angiography',
};

const NO_CONTRAST = /^(none|no|n|nil|no contrast|without|without contrast|non contrast|noncontrast|n\/a|na|0)$/i;

const distinct = <T>(values: (T | null | undefined)[]): T[] => [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];

function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export function contrastPhrase(headers: readonly TechniqueHeader[]): string | null {
  const agents = distinct(headers.map((h) => h.contrastBolusAgent?.trim() || null));
  const named = agents.filter((a) => !NO_CONTRAST.test(a.replace(/[-_]/g, ' ')));
  if (named.length > 0) return `with contrast (${named.join(', ')})`;
  if (agents.length > 0) return 'without contrast';
  return null;
}

export function techniqueSentences(headers: readonly TechniqueHeader[]): string[] {
  if (headers.length === 0) return [];
  const modalities = distinct(headers.map((h) => h.modality?.trim().toUpperCase() || null));
  const bodyParts = distinct(headers.map((h) => h.bodyPartExamined?.trim().toLowerCase() || null));
  const contrast = contrastPhrase(headers);
  const out: string[] = [];
  if (modalities.length > 0) {
    const what = modalities.map((m) => MODALITY_NAMES[m] ?? m).join(' and ');
    const part = bodyParts.length > 0 ? ` of the ${bodyParts.join(' and ')}` : '';
    out.push(`${what}${part}${contrast ? ` ${contrast}` : ''}.`);
  } else if (contrast) {
    out.push(`Performed ${contrast}.`);
  }
  const thickness = distinct(headers.map((h) => (h.sliceThickness !== null && h.sliceThickness > 0 ? h.sliceThickness : null))).sort((a, b) => a - b);
  const kvp = distinct(headers.map((h) => (h.kvp !== null && h.kvp > 0 ? h.kvp : null))).sort((a, b) => a - b);
  const details = [
    thickness.length > 0 ? `Slice thickness ${thickness.map(num).join(' and ')} mm` : null,
    kvp.length > 0 ? `${kvp.map(num).join(' and ')} kVp` : null,
  ].filter(Boolean);
  if (details.length > 0) out.push(`${details.join('; ')}.`);
  return out;
}
