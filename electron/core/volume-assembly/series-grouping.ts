import type { DicomInstance } from '../dicom/dicom-instance';
import { hasPlacement, sameOrientation, samePixelSpacing, sliceSourcesOf, type SliceSource } from './dicom-slices';

/**
 * A set of instances of one series that can be built into ONE volume (buildDicomVolume).
 *
 * id: stable for a given set of instances, independent of the order they are passed in:
 * stacks of a series are ordered by their lowest InstanceNumber (missing numbers last), then by their
 * lowest SOPInstanceUID; the first gets `${seriesInstanceUid}`, the next `${seriesInstanceUid}.2`, ...
 */
export interface SeriesStack {
  id: string;
  seriesInstanceUid: string;
  /**
   * 'stack': single-frame images sharing orientation, rows/cols, pixel spacing and frame of reference;
   * 'multiframe': one multi-frame instance; 'single': one image that cannot be stacked with others
   * (no position/orientation, e.g. a radiograph).
   */
  kind: 'stack' | 'multiframe' | 'single';
  /** Sorted by InstanceNumber then SOPInstanceUID (volume order is decided by buildDicomVolume). */
  instances: DicomInstance[];
}

interface Group {
  kind: SeriesStack['kind'];
  ref: SliceSource | null;
  instances: DicomInstance[];
}

function compatible(g: Group, s: SliceSource): boolean {
  if (g.kind !== 'stack' || !g.ref) return false;
  const a = g.ref.instance;
  const b = s.instance;
  return (
    a.rows === b.rows &&
    a.columns === b.columns &&
    (a.frameOfReferenceUid ?? null) === (b.frameOfReferenceUid ?? null) &&
    sameOrientation(g.ref, s) &&
    samePixelSpacing(g.ref.pixelSpacing, s.pixelSpacing)
  );
}

function byNumberThenUid(a: DicomInstance, b: DicomInstance): number {
  const na = a.instanceNumber ?? Number.POSITIVE_INFINITY;
  const nb = b.instanceNumber ?? Number.POSITIVE_INFINITY;
  if (na !== nb) return na < nb ? -1 : 1;
  return a.sopInstanceUid < b.sopInstanceUid ? -1 : a.sopInstanceUid > b.sopInstanceUid ? 1 : 0;
}

function groupOneSeries(instances: DicomInstance[]): Group[] {
  const groups: Group[] = [];
  // Deterministic regardless of input order.
  const sorted = [...instances].sort(byNumberThenUid);
  for (const inst of sorted) {
    if ((inst.numberOfFrames || 1) > 1) {
      groups.push({ kind: 'multiframe', ref: null, instances: [inst] });
      continue;
    }
    const s = sliceSourcesOf(inst)[0]!; // a single-frame instance has exactly one source
    if (!hasPlacement(s)) {
      groups.push({ kind: 'single', ref: s, instances: [inst] });
      continue;
    }
    const g = groups.find((grp) => compatible(grp, s));
    if (g) g.instances.push(inst);
    else groups.push({ kind: 'stack', ref: s, instances: [inst] });
  }
  return groups;
}

/**
 * Splits instances into buildable stacks: per SeriesInstanceUID, then by orientation (within
 * ORIENTATION_TOLERANCE), rows/cols, pixel spacing and frame of reference. A series with a localizer
 * in three planes thus yields three stacks; a multi-frame object is always its own stack.
 */
export function groupSeriesStacks(instances: DicomInstance[]): SeriesStack[] {
  const bySeries = new Map<string, DicomInstance[]>();
  for (const inst of instances) {
    const list = bySeries.get(inst.seriesInstanceUid);
    if (list) list.push(inst);
    else bySeries.set(inst.seriesInstanceUid, [inst]);
  }
  const out: SeriesStack[] = [];
  for (const seriesUid of [...bySeries.keys()].sort()) {
    const groups = groupOneSeries(bySeries.get(seriesUid)!);
    // groups[].instances are sorted, so instances[0] is each group's lowest (number, uid).
    groups.sort((a, b) => byNumberThenUid(a.instances[0]!, b.instances[0]!));
    groups.forEach((g, n) => {
      out.push({
        id: n === 0 ? seriesUid : `${seriesUid}.${n + 1}`,
        seriesInstanceUid: seriesUid,
        kind: g.kind,
        instances: g.instances,
      });
    });
  }
  return out;
}
