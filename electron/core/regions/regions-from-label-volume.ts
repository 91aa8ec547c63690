import { randomUUID } from 'node:crypto';
import type { Vec3 } from '../dicom/dicom-instance';
import { indexToWorld, indexToWorldMatrix, voxelBoxToWorldBox } from '../../shared/geometry/grid';
import { mat3Determinant } from '../geometry/mat3';
import type { Volume } from '../volume-assembly/volume';
import { longestAxialDiameterMm } from './axial-diameter';
import { forEachComponent, forEachLabelValue, type Connectivity, type LabelArray } from '../imaging/connected-components';
import { lateralityOf } from './laterality';
import type { Box3, Laterality, Region, RegionCode, RegionKind } from './region';
import { maskFromSortedIndices } from './region-mask';

/** What a label value in the label volume means. */
export interface LabelSpec {
  value: number;
  label: string;
  kind: RegionKind;
  code?: RegionCode | null;
  /** Fixed laterality (e.g. "left lung"); otherwise it comes from the region's position. */
  laterality?: Laterality | null;
}

export interface RegionsFromLabelsOptions {
  /** Neighbourhood for connected components; default 26. */
  connectivity?: Connectivity;
  /** One region per connected component (default) or one region per label value. */
  connectedComponents?: boolean;
  /** Regions smaller than this are dropped; default 1. */
  minSizeVoxels?: number;
  /** The patient's midline as an LPS x (mm); laterality stays null (unless fixed) without it. */
  midlineX?: number | null;
  /** Share of voxels on one side for 'left'/'right'; default 0.9. */
  lateralityFraction?: number;
  /** A constant confidence for every region (default 1), or a per-voxel map averaged over each region. */
  confidence?: number | Float32Array;
  /** Longest axial diameter for findings only (default), every region, or none. */
  diameters?: 'findings' | 'all' | 'none';
  /** Keep each region's RLE mask; default true. */
  includeMask?: boolean;
  runId?: string | null;
  volumeId?: string | null;
  zone?: string | null;
  newId?: () => string;
}

type VolumeLike = Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction' | 'scalars' | 'units' | 'seriesInstanceUid' | 'frameOfReferenceUid'>;

/**
 * Regions from a label volume in `volume`'s grid (e.g. SegmentationResult.labelVolume): per label
 * in `labels`, each connected component (or the whole label) of at least `minSizeVoxels` becomes a
 * Region with its voxel box, world box (the 8 corners of the voxel box, voxel edges included,
 * through origin/direction/spacing; axis-aligned in LPS), world centroid, volume in mL, mean
 * scalar (as meanHu, for HU volumes only), longest axial diameter, laterality and RLE mask.
 * Regions come out label by label (in `labels` order), largest first within a label.
 */
export function regionsFromLabelVolume(labelVolume: LabelArray, volume: VolumeLike, labels: readonly LabelSpec[], options: RegionsFromLabelsOptions = {}): Region[] {
  const dims: Vec3 = [volume.dims[0], volume.dims[1], volume.dims[2]];
  const n = dims[0] * dims[1] * dims[2];
  if (labelVolume.length !== n) throw new Error(`regionsFromLabelVolume: ${labelVolume.length} labels for a ${dims.join('x')} volume`);
  const minSize = Math.max(1, options.minSizeVoxels ?? 1);
  const m = indexToWorldMatrix(volume);
  const voxelMl = Math.abs(mat3Determinant(m)) / 1000;
  const area = dims[0] * dims[1];
  const scalars = volume.scalars;
  const isHu = volume.units === 'HU';
  const midline = options.midlineX ?? null;
  const confidence = options.confidence ?? 1;
  const diameters = options.diameters ?? 'findings';
  const newId = options.newId ?? randomUUID;
  const byValue = new Map<number, LabelSpec>(labels.map((l) => [l.value, l]));
  const found = new Map<number, Region[]>();
  const connected = options.connectedComponents ?? true;

  const visit = (value: number, voxels: Int32Array): void => {
    const count = voxels.length;
    if (count < minSize) return;
    const spec = byValue.get(value)!;
    const min: Vec3 = [Infinity, Infinity, Infinity];
    const max: Vec3 = [-Infinity, -Infinity, -Infinity];
    let si = 0;
    let sj = 0;
    let sk = 0;
    let sum = 0;
    let conf = 0;
    let left = 0;
    const confMap = typeof confidence === 'number' ? null : confidence;
    for (let q = 0; q < count; q++) {
      const v = voxels[q]!;
      const k = (v / area) | 0;
      const rem = v - k * area;
      const j = (rem / dims[0]) | 0;
      const i = rem - j * dims[0];
      if (i < min[0]) min[0] = i;
      if (i > max[0]) max[0] = i;
      if (j < min[1]) min[1] = j;
      if (j > max[1]) max[1] = j;
      if (k < min[2]) min[2] = k;
      if (k > max[2]) max[2] = k;
      si += i;
      sj += j;
      sk += k;
      sum += scalars[v]!;
      if (confMap) conf += confMap[v]!;
      if (midline !== null && volume.origin[0] + m[0] * i + m[3] * j + m[6] * k > midline) left++;
    }
    const voxelBox: Box3 = { min, max };
    const laterality = spec.laterality ?? (midline === null ? null : lateralityOf(left / count, connected, options.lateralityFraction ?? 0.9));
    const wantDiameter = diameters === 'all' || (diameters === 'findings' && spec.kind === 'finding');
    let mask = null;
    if (options.includeMask ?? true) {
      voxels.sort();
      mask = maskFromSortedIndices(voxels, dims);
    }
    const region: Region = {
      id: newId(),
      label: spec.label,
      kind: spec.kind,
      code: spec.code ?? null,
      laterality,
      zone: options.zone ?? null,
      volumeId: options.volumeId ?? null,
      seriesInstanceUid: volume.seriesInstanceUid,
      frameOfReferenceUid: volume.frameOfReferenceUid,
      voxelBox,
      worldBox: voxelBoxToWorldBox(volume, voxelBox),
      centroid: indexToWorld(volume, [si / count, sj / count, sk / count]),
      volumeMl: count * voxelMl,
      diameterMm: wantDiameter ? longestAxialDiameterMm(voxels, dims, m, volume.direction, voxelBox) : null,
      meanHu: isHu ? sum / count : null,
      confidence: confMap ? Math.min(1, Math.max(0, conf / count)) : Math.min(1, Math.max(0, confidence as number)),
      mask,
      runId: options.runId ?? null,
    };
    let list = found.get(value);
    if (!list) found.set(value, (list = []));
    list.push(region);
  };

  const values = labels.map((l) => l.value).filter((v) => v > 0);
  if (connected) forEachComponent(labelVolume, dims, options.connectivity ?? 26, values, visit);
  else forEachLabelValue(labelVolume, values, visit);

  const out: Region[] = [];
  for (const l of labels) {
    const list = found.get(l.value);
    if (list) out.push(...list.sort((a, b) => b.volumeMl - a.volumeMl));
    found.delete(l.value);
  }
  return out;
}
