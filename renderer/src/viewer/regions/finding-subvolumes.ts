import { indexToWorld } from '../../../../electron/shared/geometry/grid';
import type { GridGeometry, Vec3 } from '../types';
import type { LoadedLabelMap } from './label-lookup';

/** One finding cut out of the label volume as a 0/1 image, ready for surface extraction. */
export interface FindingSubVolume {
  value: number;
  regionId: string;
  color: [number, number, number];
  dims: Vec3;
  /** World position of the sub-volume's voxel (0,0,0); spacing and direction are the grid's. */
  origin: Vec3;
  data: Uint8Array;
}

/**
 * The finding labels of a label map, each cropped to its voxel bounds plus one voxel of padding
 * (so the surface closes). One pass over the label volume finds every bound.
 */
export function findingSubVolumes(map: LoadedLabelMap, grid: GridGeometry): FindingSubVolume[] {
  const findings = map.meta.labels.filter((l) => l.kind === 'finding');
  if (!findings.length) return [];
  const [nx, ny, nz] = map.meta.dims;
  const lo = new Map<number, Vec3>();
  const hi = new Map<number, Vec3>();
  const wanted = new Set(findings.map((f) => f.value));
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      for (let i = 0; i < nx; i++) {
        const v = map.data[row + i]!;
        if (v === 0 || !wanted.has(v)) continue;
        const a = lo.get(v);
        if (!a) {
          lo.set(v, [i, j, k]);
          hi.set(v, [i, j, k]);
          continue;
        }
        const b = hi.get(v)!;
        if (i < a[0]) a[0] = i;
        if (j < a[1]) a[1] = j;
        if (k < a[2]) a[2] = k;
        if (i > b[0]) b[0] = i;
        if (j > b[1]) b[1] = j;
        if (k > b[2]) b[2] = k;
      }
    }
  }
  const out: FindingSubVolume[] = [];
  for (const f of findings) {
    const a = lo.get(f.value);
    const b = hi.get(f.value);
    if (!a || !b) continue;
    const start: Vec3 = [a[0] - 1, a[1] - 1, a[2] - 1];
    const dims: Vec3 = [b[0] - a[0] + 3, b[1] - a[1] + 3, b[2] - a[2] + 3];
    const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
    for (let k = a[2]; k <= b[2]; k++) {
      for (let j = a[1]; j <= b[1]; j++) {
        for (let i = a[0]; i <= b[0]; i++) {
          if (map.data[(k * ny + j) * nx + i] === f.value) data[((k - start[2]) * dims[1] + (j - start[1])) * dims[0] + (i - start[0])] = 1;
        }
      }
    }
    out.push({ value: f.value, regionId: f.regionId, color: f.color, dims, origin: indexToWorld(grid, start), data });
  }
  return out;
}
