/**
 * The change status of a tracked lesion, by the growth convention of Lung-RADS v2022 (as the
 * Fleischner Society's 2017 guidance measures it): a nodule has GROWN when its diameter increased
 * by MORE than 1.5 mm, and has decreased when it shrank by more than 1.5 mm; anything within
 * +-1.5 mm is stable (below what CT measures reproducibly). RadGround measures the long-axis
 * (longest axial) diameter of each finding, so the threshold applies to that diameter.
 * A lesion found only in the current exam is new; only in the prior, resolved.
 */
export type ChangeStatus = 'new' | 'resolved' | 'increased' | 'decreased' | 'stable';

/** Lung-RADS v2022 / Fleischner 2017: growth is an increase in diameter of more than this, mm. */
export const GROWTH_THRESHOLD_MM = 1.5;

export const CHANGE_CONVENTION =
  'Lung-RADS v2022 growth (Fleischner 2017 measurement): long-axis diameter change > 1.5 mm = increased, < -1.5 mm = decreased, otherwise stable; only in the current exam = new, only in the prior = resolved';

/** Diameters in mm; null where the lesion is absent from that exam. */
export function changeStatus(priorDiameterMm: number | null, currentDiameterMm: number | null): ChangeStatus {
  if (priorDiameterMm === null && currentDiameterMm === null) throw new Error('changeStatus: a lesion must be in at least one exam');
  if (priorDiameterMm === null) return 'new';
  if (currentDiameterMm === null) return 'resolved';
  const change = currentDiameterMm - priorDiameterMm;
  if (change > GROWTH_THRESHOLD_MM) return 'increased';
  if (change < -GROWTH_THRESHOLD_MM) return 'decreased';
  return 'stable';
}
