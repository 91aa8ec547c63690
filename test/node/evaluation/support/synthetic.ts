/** Small in-memory volumes, regions and NIfTI files for the evaluation tests. */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Vec3 } from '../../../../electron/core/geometry/vec3';
import type { Region, RegionMask } from '../../../../electron/core/regions/region';
import { maskFromSortedIndices } from '../../../../electron/core/regions/region-mask';
import type { Volume } from '../../../../electron/core/volume-assembly/volume';

/** An axial LPS volume: i -> +x, j -> +y, k -> +z; all voxels `fill` HU. */
export function syntheticVolume(dims: Vec3, spacing: Vec3, origin: Vec3, fill = -1000): Volume {
  return {
    scalars: new Int16Array(dims[0] * dims[1] * dims[2]).fill(fill),
    dims,
    spacing,
    origin,
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    units: 'HU',
    modality: 'CT',
    frameOfReferenceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.4',
    sopInstanceUids: Array.from({ length: dims[2] }, (_, k) => `1.2.3.4.${k}`),
    invertForDisplay: false,
    defaultWindow: null,
    warnings: [],
  };
}

/** Mask of an index box (inclusive) on a grid. */
export function boxMask(dims: Vec3, min: Vec3, max: Vec3): RegionMask {
  const idx: number[] = [];
  for (let k = min[2]; k <= max[2]; k++) for (let j = min[1]; j <= max[1]; j++) for (let i = min[0]; i <= max[0]; i++) idx.push(k * dims[0] * dims[1] + j * dims[0] + i);
  return maskFromSortedIndices(idx, dims);
}

/** A finding region on an index box of a volume with unit spacing at the origin (world = index). */
export function findingRegion(id: string, label: string, dims: Vec3, min: Vec3, max: Vec3, laterality: Region['laterality']): Region {
  return {
    id,
    label,
    kind: 'finding',
    code: null,
    laterality,
    zone: null,
    volumeId: null,
    seriesInstanceUid: null,
    frameOfReferenceUid: null,
    voxelBox: { min, max },
    worldBox: { min: min.map((v) => v - 0.5) as Vec3, max: max.map((v) => v + 0.5) as Vec3 },
    centroid: min.map((v, a) => (v + max[a]!) / 2) as Vec3,
    volumeMl: 1,
    diameterMm: max[0] - min[0] + 1,
    meanHu: 0,
    confidence: 0.9,
    mask: boxMask(dims, min, max),
    runId: null,
  };
}

/** Writes a gzipped NIfTI-1 uint8 label volume (sform: diagonal spacing, origin in RAS as NIfTI wants). */
export function writeNiftiLabels(path: string, dims: Vec3, spacing: Vec3, originLps: Vec3, labels: Uint8Array): void {
  const header = Buffer.alloc(352);
  header.writeInt32LE(348, 0);
  header.writeInt16LE(3, 40);
  dims.forEach((d, a) => header.writeInt16LE(d, 42 + 2 * a));
  for (let a = 3; a < 7; a++) header.writeInt16LE(1, 42 + 2 * (a + 1));
  header.writeInt16LE(2, 70); // datatype uint8
  header.writeInt16LE(8, 72); // bitpix
  header.writeFloatLE(1, 76);
  spacing.forEach((s, a) => header.writeFloatLE(s, 80 + 4 * a));
  header.writeFloatLE(352, 108); // vox_offset
  header.writeFloatLE(1, 112); // scl_slope
  header.writeInt16LE(0, 252); // qform_code
  header.writeInt16LE(1, 254); // sform_code
  // RAS = diag(-sx, -sy, sz) * ijk + (-ox, -oy, oz): an LPS-axial grid.
  const srow = [
    [-spacing[0], 0, 0, -originLps[0]],
    [0, -spacing[1], 0, -originLps[1]],
    [0, 0, spacing[2], originLps[2]],
  ];
  srow.forEach((row, r) => row.forEach((v, c) => header.writeFloatLE(v, 280 + 16 * r + 4 * c)));
  header.write('n+1\0', 344, 'latin1');
  writeFileSync(path, gzipSync(Buffer.concat([header, Buffer.from(labels)])));
}
