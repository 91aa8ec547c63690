import type { Laterality } from './region';

/**
 * Laterality from the share of a region's voxels on the patient's LEFT of the midline (LPS: +x is
 * the patient's left, which a radiological axial view shows on the screen's right).
 * At least `fraction` on one side: that side. Otherwise a single connected region crossing the
 * midline is 'midline', and a label spread over both sides (not one component) is 'bilateral'.
 */
export function lateralityOf(leftShare: number, isOneComponent: boolean, fraction = 0.9): Laterality {
  if (leftShare >= fraction) return 'left';
  if (leftShare <= 1 - fraction) return 'right';
  return isOneComponent ? 'midline' : 'bilateral';
}
