import type { Vec3 } from '../dicom/dicom-instance';
import type { Region, RegionKind } from './region';
import { paintMask } from './region-mask';

export type Rgb = [number, number, number];

export interface LabelMapEntry {
  /** The voxel value in the label volume, 1..255 (0 is background). */
  value: number;
  regionId: string;
  label: string;
  kind: RegionKind;
  color: Rgb;
}

export interface LabelMap {
  dims: Vec3;
  labels: LabelMapEntry[];
  /** One byte per voxel of the volume's grid, i fastest, then j, then k. */
  data: Uint8Array;
}

const RIGHT_LUNG: Rgb = [70, 150, 255];
const LEFT_LUNG: Rgb = [90, 210, 140];
const OTHER_ANATOMY: Rgb = [200, 170, 90];
/** Bright, mutually distinct colors for findings, used in turn. */
const FINDING_COLORS: Rgb[] = [
  [255, 40, 40],
  [255, 220, 0],
  [255, 0, 255],
  [255, 130, 0],
  [0, 255, 255],
  [255, 120, 180],
];

/** Whether a region is drawn: zones duplicate the lungs and the body tints everything. */
function isDrawn(r: Region): boolean {
  if (!r.mask) return false;
  if (r.kind === 'measurement') return false;
  if (r.kind === 'anatomy' && (r.zone !== null || r.label === 'body')) return false;
  return true;
}

function anatomyColor(r: Region): Rgb {
  if (/lung/.test(r.label) && r.laterality === 'right') return RIGHT_LUNG;
  if (/lung/.test(r.label) && r.laterality === 'left') return LEFT_LUNG;
  return OTHER_ANATOMY;
}

/**
 * One label volume from a volume's regions: anatomy first, findings painted over it, each drawn
 * region one value (1..255, in drawing order). Masks in another grid are skipped.
 */
export function buildLabelMap(regions: readonly Region[], dims: Vec3): LabelMap {
  const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const sameGrid = (r: Region): boolean => !!r.mask && r.mask.dims.every((d, i) => d === dims[i]);
  const drawn = regions.filter((r) => isDrawn(r) && sameGrid(r));
  const ordered = [...drawn.filter((r) => r.kind === 'anatomy'), ...drawn.filter((r) => r.kind === 'finding')].slice(0, 255);
  const labels: LabelMapEntry[] = [];
  let findings = 0;
  ordered.forEach((r, n) => {
    const value = n + 1;
    const color = r.kind === 'finding' ? FINDING_COLORS[findings++ % FINDING_COLORS.length]! : anatomyColor(r);
    paintMask(r.mask!, data, value);
    labels.push({ value, regionId: r.id, label: r.label, kind: r.kind, color: [...color] });
  });
  return { dims: [dims[0], dims[1], dims[2]], labels, data };
}
