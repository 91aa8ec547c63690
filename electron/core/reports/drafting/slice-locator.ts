/**
 * Which image of a series passes through a world point, as the report cites it ("series S,
 * image I"). I is the image number of the shared rule (electron/shared/imaging/image-numbering.ts:
 * the InstanceNumber, or the slice's position where InstanceNumbers are missing or repeated) of the
 * slice the viewer shows through that point: the series' volumes are planned from the headers as
 * the viewer's volumes are (study-volumes/volume-geometry.ts) and the point goes to the nearest slice
 * centre, as the viewer's jumpTo does. So the number cited is the number the viewer shows there,
 * and typing it lands on that slice.
 *
 * SliceRef.instanceNumber carries that image number (null for a slice interpolated between two
 * acquired ones: the citation then names the series only). Series whose headers cannot form a
 * volume (e.g. color images) are never cited.
 */
import type { DicomInstance, Vec3 } from '../../dicom/dicom-instance';
import { isInsideVolume, worldToIndex } from '../../../shared/geometry/grid';
import type { Mat3 } from '../../geometry/mat3';
import { describeSeriesVolumes } from '../../study-volumes/volume-geometry';
import type { VolumeGeometry } from '../../../shared/api/channels/study-channels';
import type { SliceRef } from './templates';

export type SliceLocator = (point: Vec3, seriesInstanceUid: string | null) => SliceRef | null;

/** Full headers: the volume is planned from them exactly as for the viewer. */
export type LocatorHeader = DicomInstance;

interface LocatedVolume {
  seriesNumber: number | null;
  geometry: { dims: Vec3; spacing: Vec3; origin: Vec3; direction: Mat3 };
  numbers: VolumeGeometry['imageNumbering']['numbers'];
}

function volumesOfSeries(headers: DicomInstance[]): LocatedVolume[] {
  let described: VolumeGeometry[];
  try {
    described = describeSeriesVolumes(headers);
  } catch {
    return [];
  }
  const seriesNumber = headers.find((h) => h.seriesNumber !== null)?.seriesNumber ?? null;
  return described.map((v) => ({
    seriesNumber,
    geometry: { dims: v.dims, spacing: v.spacing, origin: v.origin, direction: v.direction as Mat3 },
    numbers: v.imageNumbering.numbers,
  }));
}

export function sliceLocatorFromHeaders(headers: readonly LocatorHeader[]): SliceLocator {
  const bySeries = new Map<string, DicomInstance[]>();
  for (const h of headers) {
    const list = bySeries.get(h.seriesInstanceUid);
    if (list) list.push(h);
    else bySeries.set(h.seriesInstanceUid, [h]);
  }
  const series = new Map<string, LocatedVolume[]>();
  for (const [uid, list] of bySeries) {
    const volumes = volumesOfSeries(list);
    if (volumes.length > 0) series.set(uid, volumes);
  }
  return (point, seriesInstanceUid) => {
    const volumes = seriesInstanceUid !== null ? series.get(seriesInstanceUid) : series.size === 1 ? [...series.values()][0] : undefined;
    for (const v of volumes ?? []) {
      let ijk: Vec3;
      try {
        ijk = worldToIndex(v.geometry, point);
      } catch {
        continue; // degenerate geometry
      }
      if (!isInsideVolume(v.geometry, ijk)) continue;
      const k = Math.min(v.geometry.dims[2] - 1, Math.max(0, Math.round(ijk[2])));
      return { seriesNumber: v.seriesNumber, instanceNumber: v.numbers[k] ?? null };
    }
    return null;
  };
}
