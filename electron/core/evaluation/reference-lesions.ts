/**
 * Reference lesions from annotation marks. Every reader (annotation format) turns its file into
 * marks: one reader's outline of one thing, as voxels of the evaluated volume's grid. Marks of the
 * same thing by different readers are clustered into one lesion:
 *
 *  - two marks are the same lesion when their voxels overlap or touch (26-neighbours, e.g. one
 *    outline continued on the next slice under another nodule ID), or their centroids lie closer
 *    than half the larger mark's diameter (at least 3 mm: single-point small-nodule marks);
 *  - a lesion's readers are the distinct readers of its marks;
 *  - its voxels are the union of its marks (centre, boxes and slices come from the union);
 *  - its size is the longest in-plane (axial) diameter of each reader's mark, AVERAGED over its
 *    readers (one sloppy outline does not inflate it); a mark may state its own diameter instead
 *    (a VOC box: its longer side, since the box diagonal is not a lesion diameter);
 *  - its side comes from its centre and the patient's midline (LPS: +x is the patient's left).
 */
import { indexToWorld, indexToWorldMatrix } from '../../shared/geometry/grid';
import { longestAxialDiameterMm } from '../regions/axial-diameter';
import type { Box3, RegionMask } from '../regions/region';
import { regionsFromLabelVolume } from '../regions/regions-from-label-volume';
import type { Vec3 } from '../geometry/vec3';
import type { Volume } from '../volume-assembly/volume';

export interface ReaderMark {
  reader: string;
  /** Voxel indices k*nx*ny + j*nx + i in the volume's grid, ascending, no duplicates. */
  voxels: Int32Array;
  /** A diameter the annotation states (mm); otherwise measured from the voxels. */
  diameterMm?: number;
}

export interface ReferenceLesion {
  id: string;
  /** Annotation format it came from. */
  source: string;
  readers: number;
  readerIds: string[];
  /** Marked by at least the annotation's minReaders: counted for sensitivity (all lesions excuse findings). */
  counted: boolean;
  sizeMm: number;
  side: 'left' | 'right';
  centre: Vec3;
  worldBox: Box3;
  voxelBox: Box3;
  slices: { first: number; last: number; count: number };
  mask: RegionMask;
}

type Grid = Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>;

function centroidIndex(voxels: Int32Array, dims: Vec3): Vec3 {
  const area = dims[0] * dims[1];
  let si = 0, sj = 0, sk = 0;
  for (let q = 0; q < voxels.length; q++) {
    const v = voxels[q]!;
    const k = (v / area) | 0;
    const rem = v - k * area;
    const j = (rem / dims[0]) | 0;
    si += rem - j * dims[0];
    sj += j;
    sk += k;
  }
  const n = Math.max(1, voxels.length);
  return [si / n, sj / n, sk / n];
}

function boxOf(voxels: Int32Array, dims: Vec3): Box3 {
  const area = dims[0] * dims[1];
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let q = 0; q < voxels.length; q++) {
    const v = voxels[q]!;
    const k = (v / area) | 0;
    const rem = v - k * area;
    const j = (rem / dims[0]) | 0;
    const c = [rem - j * dims[0], j, k];
    for (let a = 0; a < 3; a++) {
      if (c[a]! < min[a]!) min[a] = c[a]!;
      if (c[a]! > max[a]!) max[a] = c[a]!;
    }
  }
  return { min, max };
}

/** Longest axial diameter of a mark, mm (its stated one when it has one). */
export function markDiameterMm(mark: ReaderMark, grid: Grid): number {
  if (mark.diameterMm !== undefined) return mark.diameterMm;
  if (mark.voxels.length === 0) return 0;
  return longestAxialDiameterMm(mark.voxels, grid.dims, indexToWorldMatrix(grid), grid.direction, boxOf(mark.voxels, grid.dims));
}

/** Whether two marks share a voxel or touch (26-neighbours: e.g. one reader's outline continued on the next slice). */
function touches(a: Int32Array, b: Int32Array, dims: Vec3): boolean {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const set = new Set(large);
  const [nx, ny, nz] = dims;
  const area = nx * ny;
  for (let q = 0; q < small.length; q++) {
    const v = small[q]!;
    const k = (v / area) | 0;
    const rem = v - k * area;
    const j = (rem / nx) | 0;
    const i = rem - j * nx;
    for (let dk = -1; dk <= 1; dk++) {
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) {
          const ii = i + di, jj = j + dj, kk = k + dk;
          if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
          if (set.has(kk * area + jj * nx + ii)) return true;
        }
      }
    }
  }
  return false;
}

function boxesNear(a: Box3, b: Box3): boolean {
  for (let d = 0; d < 3; d++) if (a.min[d]! > b.max[d]! + 1 || b.min[d]! > a.max[d]! + 1) return false;
  return true;
}

/** Groups marks into lesions (union-find over the pairwise rule above); returns groups of mark indices. */
export function clusterMarks(marks: readonly ReaderMark[], grid: Grid): number[][] {
  const centres = marks.map((m) => indexToWorld(grid, centroidIndex(m.voxels, grid.dims)));
  const sizes = marks.map((m) => markDiameterMm(m, grid));
  const boxes = marks.map((m) => boxOf(m.voxels, grid.dims));
  const parent = marks.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let a = 0; a < marks.length; a++) {
    for (let b = a + 1; b < marks.length; b++) {
      const d = Math.hypot(centres[a]![0] - centres[b]![0], centres[a]![1] - centres[b]![1], centres[a]![2] - centres[b]![2]);
      const reach = Math.max(3, Math.max(sizes[a]!, sizes[b]!) / 2);
      if (d <= reach || (boxesNear(boxes[a]!, boxes[b]!) && touches(marks[a]!.voxels, marks[b]!.voxels, grid.dims))) parent[find(a)] = find(b);
    }
  }
  const groups = new Map<number, number[]>();
  marks.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.values()];
}

function unionSorted(lists: Int32Array[]): Int32Array {
  const all = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let w = 0;
  for (let r = 0; r < all.length; r++) if (r === 0 || all[r] !== all[r - 1]) all[w++] = all[r]!;
  return all.slice(0, w);
}

/**
 * Every lesion the marks make (of any reader count): the caller keeps those with enough readers
 * for sensitivity and uses all of them to excuse findings from being false positives.
 */
export function lesionsFromMarks(marks: readonly ReaderMark[], volume: Volume, source: string, midlineX: number, minReaders: number): ReferenceLesion[] {
  const usable = marks.filter((m) => m.voxels.length > 0);
  if (usable.length === 0) return [];
  const groups = clusterMarks(usable, volume);
  const n = volume.dims[0] * volume.dims[1] * volume.dims[2];
  const labels = new Uint16Array(n);
  const unions = groups.map((g) => unionSorted(g.map((i) => usable[i]!.voxels)));
  // Clustering merged every overlap, so no voxel belongs to two lesions.
  unions.forEach((u, idx) => {
    for (let q = 0; q < u.length; q++) labels[u[q]!] = idx + 1;
  });
  const regions = regionsFromLabelVolume(
    labels,
    volume,
    groups.map((_, idx) => ({ value: idx + 1, label: `lesion ${idx + 1}`, kind: 'finding' as const })),
    { connectedComponents: false, diameters: 'none', midlineX, newId: () => '' },
  );
  return groups.map((g, idx) => {
    const region = regions.find((r) => r.label === `lesion ${idx + 1}`)!;
    const readerIds = [...new Set(g.map((i) => usable[i]!.reader))].sort();
    const perReader = readerIds.map((reader) => {
      const own = g.filter((i) => usable[i]!.reader === reader).map((i) => usable[i]!);
      return Math.max(...own.map((m) => markDiameterMm(m, volume)));
    });
    const ks = new Set(region.mask!.slices.map((s) => s.k));
    return {
      id: `${source}-${idx + 1}`,
      source,
      readers: readerIds.length,
      readerIds,
      counted: readerIds.length >= minReaders,
      sizeMm: Math.round((perReader.reduce((a, b) => a + b, 0) / perReader.length) * 10) / 10,
      side: region.centroid[0] > midlineX ? 'left' : 'right',
      centre: region.centroid,
      worldBox: region.worldBox,
      voxelBox: region.voxelBox,
      slices: { first: region.voxelBox.min[2], last: region.voxelBox.max[2], count: ks.size },
      mask: region.mask!,
    } satisfies ReferenceLesion;
  });
}
