import { randomUUID } from 'node:crypto';
import type { VolumeGeometry } from '../../shared/api/channels/study-channels';
import type { Vec3 } from '../dicom/dicom-instance';
import { worldToIndex } from '../../shared/geometry/grid';
import type { Mat3 } from '../volume-assembly/volume';
import type { Region } from './region';

/**
 * A length drawn by the reader, stored as a region (kind 'measurement', no model run) in patient
 * coordinates, so a report sentence can be linked to it like to any finding.
 */
export function lengthMeasurementRegion(geometry: VolumeGeometry, p1: Vec3, p2: Vec3): Region {
  const lengthMm = Math.hypot(p2[0] - p1[0], p2[1] - p1[1], p2[2] - p1[2]);
  const min: Vec3 = [Math.min(p1[0], p2[0]), Math.min(p1[1], p2[1]), Math.min(p1[2], p2[2])];
  const max: Vec3 = [Math.max(p1[0], p2[0]), Math.max(p1[1], p2[1]), Math.max(p1[2], p2[2])];
  const g = { spacing: geometry.spacing, origin: geometry.origin, direction: geometry.direction as Mat3 };
  const [a, b] = [worldToIndex(g, p1), worldToIndex(g, p2)].map((v) => v.map(Math.round) as Vec3);
  return {
    id: randomUUID(),
    label: `length ${lengthMm.toFixed(1)} mm`,
    kind: 'measurement',
    code: null,
    laterality: null,
    zone: null,
    volumeId: geometry.volumeId,
    seriesInstanceUid: geometry.seriesInstanceUid,
    frameOfReferenceUid: geometry.frameOfReferenceUid,
    voxelBox: { min: [Math.min(a![0], b![0]), Math.min(a![1], b![1]), Math.min(a![2], b![2])], max: [Math.max(a![0], b![0]), Math.max(a![1], b![1]), Math.max(a![2], b![2])] },
    worldBox: { min, max },
    centroid: [(p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2, (p1[2] + p2[2]) / 2],
    volumeMl: 0,
    diameterMm: lengthMm,
    meanHu: null,
    confidence: 1,
    mask: null,
    runId: null,
  };
}
