/**
 * Which slice of a series passes through a world point: its series number and InstanceNumber, from
 * the stored DICOM headers (ImagePositionPatient projected on the slice normal). Single-frame
 * instances only (an enhanced multi-frame instance counts as one image, at its first frame).
 */
import type { DicomInstance, Vec3 } from '../../dicom/dicom-instance';
import type { SliceRef } from './templates';

export type SliceLocator = (point: Vec3, seriesInstanceUid: string | null) => SliceRef | null;

/** Headers without geometry (or numbers) are skipped. */
export type LocatorHeader = Pick<DicomInstance, 'seriesInstanceUid'> &
  Partial<Pick<DicomInstance, 'seriesNumber' | 'instanceNumber' | 'sliceThickness' | 'geometry'>>;

interface Plane {
  d: number;
  ref: SliceRef;
}

interface SeriesPlanes {
  normal: Vec3;
  planes: Plane[];
  /** How far from a slice a point may be and still be on it, mm. */
  reach: number;
}

function cross(a: readonly number[], b: readonly number[]): Vec3 {
  return [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
}

export function sliceLocatorFromHeaders(headers: readonly LocatorHeader[]): SliceLocator {
  const bySeries = new Map<string, LocatorHeader[]>();
  for (const h of headers) if (h.geometry) bySeries.set(h.seriesInstanceUid, [...(bySeries.get(h.seriesInstanceUid) ?? []), h]);
  const series = new Map<string, SeriesPlanes>();
  for (const [uid, list] of bySeries) {
    const o = list.find((h) => h.geometry?.imageOrientationPatient)?.geometry?.imageOrientationPatient;
    if (!o) continue;
    const normal = cross(o.slice(0, 3), o.slice(3, 6));
    const planes: Plane[] = [];
    for (const h of list) {
      const p = h.geometry?.imagePositionPatient;
      if (!p) continue;
      planes.push({ d: p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2], ref: { seriesNumber: h.seriesNumber ?? null, instanceNumber: h.instanceNumber ?? null } });
    }
    if (planes.length === 0) continue;
    planes.sort((a, b) => a.d - b.d);
    let spacing = Infinity;
    for (let i = 1; i < planes.length; i++) if (planes[i]!.d - planes[i - 1]!.d > 1e-3) spacing = Math.min(spacing, planes[i]!.d - planes[i - 1]!.d);
    const thickness = list.find((h) => h.sliceThickness)?.sliceThickness ?? 0;
    const reach = Math.max(Number.isFinite(spacing) ? spacing : 0, thickness) || 5;
    series.set(uid, { normal, planes, reach });
  }
  return (point, seriesInstanceUid) => {
    const s = seriesInstanceUid !== null ? series.get(seriesInstanceUid) : series.size === 1 ? [...series.values()][0] : undefined;
    if (!s) return null;
    const d = point[0] * s.normal[0] + point[1] * s.normal[1] + point[2] * s.normal[2];
    let lo = 0;
    let hi = s.planes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.planes[mid]!.d < d) lo = mid + 1;
      else hi = mid;
    }
    let best = s.planes[lo]!;
    if (lo > 0 && Math.abs(s.planes[lo - 1]!.d - d) < Math.abs(best.d - d)) best = s.planes[lo - 1]!;
    return Math.abs(best.d - d) <= s.reach ? best.ref : null;
  };
}
