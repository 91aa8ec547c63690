/** Region objects (regions/region.ts) from the original-grid masks and their statistics. */
import type { Vec3 } from '../../dicom/dicom-instance';
import { indexToWorld, voxelBoxToWorldBox } from '../../../shared/geometry/grid';
import type { Laterality, Region, RegionCode, RegionKind } from '../../regions/region';
import type { Volume } from '../../volume-assembly/volume';
import type { MaskStats } from './region-masks';

export interface RegionContext {
  volume: Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction' | 'seriesInstanceUid' | 'frameOfReferenceUid'>;
  volumeId: string | null;
  runId: string | null;
  idPrefix: string;
}

export interface RegionSpec {
  key: string;
  label: string;
  kind: RegionKind;
  code: RegionCode | null;
  laterality: Laterality | null;
  zone: string | null;
  diameterMm: number | null;
  confidence: number;
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

export function buildRegion(ctx: RegionContext, spec: RegionSpec, stats: MaskStats): Region {
  const v = ctx.volume;
  const voxelMl = (v.spacing[0] * v.spacing[1] * v.spacing[2]) / 1000;
  const voxelBox = { min: [...stats.min] as Vec3, max: [...stats.max] as Vec3 };
  const wb = voxelBoxToWorldBox(v, voxelBox);
  const centroid = indexToWorld(v, stats.centroidIndex);
  return {
    id: `${ctx.idPrefix}:${spec.key}`,
    label: spec.label,
    kind: spec.kind,
    code: spec.code,
    laterality: spec.laterality,
    zone: spec.zone,
    volumeId: ctx.volumeId,
    seriesInstanceUid: v.seriesInstanceUid,
    frameOfReferenceUid: v.frameOfReferenceUid,
    voxelBox,
    worldBox: { min: wb.min.map((x) => round(x, 3)) as Vec3, max: wb.max.map((x) => round(x, 3)) as Vec3 },
    centroid: centroid.map((x) => round(x, 3)) as Vec3,
    volumeMl: round(stats.voxels * voxelMl, 3),
    diameterMm: spec.diameterMm === null ? null : round(spec.diameterMm, 1),
    meanHu: round(stats.meanHu, 1),
    confidence: spec.confidence,
    mask: stats.mask,
    runId: ctx.runId,
  };
}
