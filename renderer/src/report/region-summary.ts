import type { RegionSummary } from '../../../electron/shared/api/channels/analysis-channels';

/**
 * One line for a finding in the report panel's region list: label, where (zones as radiologists
 * write them: upper / mid / lower), size (diameter, else volume) and the analysis' confidence,
 * e.g. "nodule · right mid · 5.0 mm · confidence 0.42".
 */
export function regionSummary(r: Pick<RegionSummary, 'label' | 'laterality' | 'zone' | 'diameterMm' | 'volumeMl' | 'confidence'>): string {
  const zone = r.zone === 'middle' ? 'mid' : r.zone;
  const where = [r.laterality, zone].filter(Boolean).join(' ');
  const size = r.diameterMm !== null ? `${r.diameterMm.toFixed(1)} mm` : `${Math.round(r.volumeMl)} mL`;
  return [r.label, where, size, `confidence ${r.confidence.toFixed(2)}`].filter(Boolean).join(' · ');
}
