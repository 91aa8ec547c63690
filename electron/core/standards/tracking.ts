import type { Region } from '../regions/region';
import { stableUid } from './dicom-common';

/** Region ids of regions restored from an SR: `sr:<key>:<suffix>:<tracking UID>` (importedRegionId). */
const IMPORTED = /^sr:[0-9a-f]+:([^:\s]+):([0-9.]+)$/;

/**
 * The id of a region restored from an SR measurement group: unique per restored report (`key`), and
 * carrying the group's tracking UID and the suffix of its tracking identifier, so that trackingOf
 * gives the restored region the very tracking pair it had when it was exported.
 */
export function importedRegionId(key: string, trackingUid: string, trackingId: string | null, label: string): string {
  const suffix = trackingId?.startsWith(`${label} `) ? trackingId.slice(label.length + 1) : '';
  const clean = /^[^:\s]+$/.test(suffix) ? suffix : stableUid('tracking-id', trackingId ?? trackingUid).slice(-8);
  return `sr:${key}:${clean}:${trackingUid}`;
}

/**
 * A region's tracking identifier and tracking UID, shared by the SR measurement group and the SEG
 * segment. Both derive from the region id alone, so every report (and re-export) citing the same
 * region carries the same pair; a region restored from an SR keeps the pair it was exported with.
 */
export function trackingOf(region: Region): { id: string; uid: string } {
  const imported = IMPORTED.exec(region.id);
  if (imported) return { id: `${region.label} ${imported[1]}`.slice(0, 64), uid: imported[2]! };
  return { id: `${region.label} ${region.id.split(':').pop()}`.slice(0, 64), uid: stableUid('tracking', region.id) };
}
