import { randomUUID } from 'node:crypto';
import type { Vec3 } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import { indexToWorld, worldToIndex } from '../../shared/geometry/grid';
import type { Volume } from '../volume-assembly/volume';
import type { Region } from './region';

export interface RoiStatistics {
  mean: number;
  sd: number;
  areaMm2: number;
  pixelCount: number;
  /** The volume axis the rectangle lies across (0 i, 1 j, 2 k) and its slice index. */
  sliceAxis: 0 | 1 | 2;
  sliceIndex: number;
}

/**
 * Mean, standard deviation and area of the voxels inside a rectangle drawn on one slice of a
 * volume: p1 and p2 are opposite corners in patient coordinates (LPS mm). The slice axis is the
 * one along which the two corners do not move.
 */
export function roiStatistics(volume: Volume, p1: Vec3, p2: Vec3): RoiStatistics {
  const a = worldToIndex(volume, p1);
  const b = worldToIndex(volume, p2);
  const extent = [0, 1, 2].map((d) => Math.abs(a[d]! - b[d]!));
  const sliceAxis = extent.indexOf(Math.min(...extent)) as 0 | 1 | 2;
  const sliceIndex = Math.round((a[sliceAxis] + b[sliceAxis]) / 2);
  if (sliceIndex < 0 || sliceIndex >= volume.dims[sliceAxis]) throw new RadGroundError('BAD_REQUEST', 'the rectangle is outside the volume');
  const lo = [0, 1, 2].map((d) => (d === sliceAxis ? sliceIndex : Math.max(0, Math.ceil(Math.min(a[d]!, b[d]!) - 0.5))));
  const hi = [0, 1, 2].map((d) => (d === sliceAxis ? sliceIndex : Math.min(volume.dims[d]! - 1, Math.floor(Math.max(a[d]!, b[d]!) + 0.5))));
  const [nx, ny] = volume.dims;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let k = lo[2]!; k <= hi[2]!; k++) {
    for (let j = lo[1]!; j <= hi[1]!; j++) {
      const row = (k * ny + j) * nx;
      for (let i = lo[0]!; i <= hi[0]!; i++) {
        const v = volume.scalars[row + i]!;
        n++;
        sum += v;
        sumSq += v * v;
      }
    }
  }
  if (n === 0) throw new RadGroundError('BAD_REQUEST', 'the rectangle holds no voxel');
  const mean = sum / n;
  const inPlane = [0, 1, 2].filter((d) => d !== sliceAxis);
  const pixelArea = volume.spacing[inPlane[0]!]! * volume.spacing[inPlane[1]!]!;
  return { mean, sd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), areaMm2: n * pixelArea, pixelCount: n, sliceAxis, sliceIndex };
}

/** The ROI as a region (kind 'measurement'), so a sentence can be linked to it. */
export function roiRegion(volume: Volume, volumeId: string, p1: Vec3, p2: Vec3, stats: RoiStatistics): Region {
  const units = volume.units === 'HU' ? ' HU' : '';
  const min: Vec3 = [Math.min(p1[0], p2[0]), Math.min(p1[1], p2[1]), Math.min(p1[2], p2[2])];
  const max: Vec3 = [Math.max(p1[0], p2[0]), Math.max(p1[1], p2[1]), Math.max(p1[2], p2[2])];
  const [a, b] = [worldToIndex(volume, p1), worldToIndex(volume, p2)].map((v) => v.map(Math.round) as Vec3);
  const centre = indexToWorld(volume, [(a![0] + b![0]) / 2, (a![1] + b![1]) / 2, (a![2] + b![2]) / 2]);
  return {
    id: randomUUID(),
    label: `ROI ${stats.areaMm2.toFixed(0)} mm², mean ${stats.mean.toFixed(0)}${units}, SD ${stats.sd.toFixed(0)}`,
    kind: 'measurement',
    code: null,
    laterality: null,
    zone: null,
    volumeId,
    seriesInstanceUid: volume.seriesInstanceUid,
    frameOfReferenceUid: volume.frameOfReferenceUid,
    voxelBox: { min: [Math.min(a![0], b![0]), Math.min(a![1], b![1]), Math.min(a![2], b![2])], max: [Math.max(a![0], b![0]), Math.max(a![1], b![1]), Math.max(a![2], b![2])] },
    worldBox: { min, max },
    centroid: centre,
    volumeMl: 0,
    diameterMm: null,
    meanHu: volume.units === 'HU' ? stats.mean : null,
    confidence: 1,
    mask: null,
    runId: null,
  };
}
