import type { Region } from '../regions/region';
import { stableUid } from './dicom-common';

/**
 * A region's tracking identifier and tracking UID, shared by the SR measurement group and the SEG
 * segment. Both derive from the region id alone, so every report (and re-export) citing the same
 * region carries the same pair.
 */
export function trackingOf(region: Region): { id: string; uid: string } {
  return { id: `${region.label} ${region.id.split(':').pop()}`.slice(0, 64), uid: stableUid('tracking', region.id) };
}
