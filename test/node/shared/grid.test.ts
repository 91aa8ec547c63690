import { describe, expect, it } from 'vitest';
import {
  axisDirection,
  closestAxisAssignment,
  centerVoxel,
  gridCenter,
  gridCorners,
  gridDiagonal,
  indexToWorld,
  isInsideVolume,
  snapToVoxelCenter,
  voxelBoxToWorldBox,
  worldBoxToVoxelBox,
  worldToIndex,
  type GridGeometry,
} from '../../../electron/shared/geometry/grid';
import { lpsToRas, rasToLps } from '../../../electron/shared/geometry/patient-axes';
import { pickReadingVolume } from '../../../electron/shared/geometry/reading-volume';
import { mat3FromColumns, type Mat3 } from '../../../electron/shared/math/mat3';
import { cross, normalize, type Vec3 } from '../../../electron/shared/math/vec3';

const deg = Math.PI / 180;

/** Rotation about an arbitrary unit axis (Rodrigues), as a column-major direction matrix. */
function rotation(axis: Vec3, angle: number): Mat3 {
  const [x, y, z] = normalize(axis)!;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  const col0: Vec3 = [t * x * x + c, t * x * y + s * z, t * x * z - s * y];
  const col1: Vec3 = [t * x * y - s * z, t * y * y + c, t * y * z + s * x];
  const col2: Vec3 = [t * x * z + s * y, t * y * z - s * x, t * z * z + c];
  return mat3FromColumns(col0, col1, col2);
}

function expectClose(a: Vec3, b: Vec3, digits = 9) {
  for (const i of [0, 1, 2] as const) expect(a[i]).toBeCloseTo(b[i], digits);
}

const axial: GridGeometry = {
  dims: [512, 512, 64],
  spacing: [0.842, 0.842, 5],
  origin: [-228.0, -93.0, -439],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

const oblique: GridGeometry = {
  dims: [40, 30, 20],
  spacing: [0.5, 1.25, 3],
  origin: [10, -20, 35],
  direction: rotation([1, 2, 3], 37 * deg),
};

describe('indexToWorld / worldToIndex', () => {
  it('applies origin + direction * spacing * index on an axial grid', () => {
    expectClose(indexToWorld(axial, [0, 0, 0]), [-228, -93, -439]);
    expectClose(indexToWorld(axial, [10, 20, 3]), [-228 + 8.42, -93 + 16.84, -439 + 15]);
  });

  it('uses direction columns as the i, j, k axes (column-major)', () => {
    // i along +y, j along -z, k along -x (a sagittal-like grid), non-unit spacing.
    const g: GridGeometry = { dims: [4, 4, 4], spacing: [2, 3, 4], origin: [1, 2, 3], direction: [0, 1, 0, 0, 0, -1, -1, 0, 0] };
    expectClose(indexToWorld(g, [1, 0, 0]), [1, 4, 3]);
    expectClose(indexToWorld(g, [0, 1, 0]), [1, 2, 0]);
    expectClose(indexToWorld(g, [0, 0, 1]), [-3, 2, 3]);
    expectClose(worldToIndex(g, [-3, 4, 0]), [1, 1, 1]);
  });

  it('matches a hand-computed oblique example', () => {
    // 30 degrees about z: i axis = (cos30, sin30, 0), j axis = (-sin30, cos30, 0).
    const g: GridGeometry = { dims: [10, 10, 10], spacing: [0.5, 2, 3], origin: [0, 0, 0], direction: rotation([0, 0, 1], 30 * deg) };
    expectClose(indexToWorld(g, [2, 0, 0]), [Math.cos(30 * deg), Math.sin(30 * deg), 0]);
    expectClose(indexToWorld(g, [0, 1, 0]), [-2 * Math.sin(30 * deg), 2 * Math.cos(30 * deg), 0]);
    expectClose(indexToWorld(g, [0, 0, 1]), [0, 0, 3]);
  });

  it('round-trips fractional indices on oblique grids with non-unit spacing', () => {
    for (const g of [axial, oblique]) {
      for (const p of [[0, 0, 0], [1.5, 2.25, 3.75], [39, 29, 19], [-2.5, 100.1, 7]] as Vec3[]) {
        expectClose(worldToIndex(g, indexToWorld(g, p)), p);
      }
    }
  });

  it('keeps distances: moving one voxel along i moves spacing[0] mm in world', () => {
    const a = indexToWorld(oblique, [3, 4, 5]);
    const b = indexToWorld(oblique, [4, 4, 5]);
    expect(Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2])).toBeCloseTo(0.5, 9);
  });

  it('inverts non-orthogonal (sheared) directions too', () => {
    const g: GridGeometry = { dims: [5, 5, 5], spacing: [1, 2, 3], origin: [1, 1, 1], direction: mat3FromColumns([1, 0, 0], normalize([1, 1, 0])!, [0, 0, 1]) };
    expectClose(worldToIndex(g, indexToWorld(g, [1.2, 3.4, 0.5])), [1.2, 3.4, 0.5]);
  });

  it('throws on degenerate geometry', () => {
    expect(() => worldToIndex({ ...axial, spacing: [1, 0, 1] }, [0, 0, 0])).toThrow(/degenerate/);
  });

  it('isInsideVolume uses voxel edges', () => {
    expect(isInsideVolume(oblique, [-0.5, 0, 0])).toBe(true);
    expect(isInsideVolume(oblique, [-0.51, 0, 0])).toBe(false);
    expect(isInsideVolume(oblique, [39.5, 29.5, 19.5])).toBe(true);
    expect(isInsideVolume(oblique, [39.6, 0, 0])).toBe(false);
  });
});

describe('voxel boxes <-> world boxes', () => {
  it('covers voxel edges on an axial grid and round-trips exactly', () => {
    const box = { min: [10, 20, 3] as Vec3, max: [19, 29, 5] as Vec3 };
    const w = voxelBoxToWorldBox(axial, box);
    expectClose(w.min, [-228 + 9.5 * 0.842, -93 + 19.5 * 0.842, -439 + 2.5 * 5]);
    expectClose(w.max, [-228 + 19.5 * 0.842, -93 + 29.5 * 0.842, -439 + 5.5 * 5]);
    expect(worldBoxToVoxelBox(axial, w)).toEqual(box);
  });

  it('round-trips exactly on flipped axes (negative direction columns)', () => {
    const g: GridGeometry = { dims: [50, 60, 70], spacing: [0.7, 0.9, 2.5], origin: [100, 50, -20], direction: [-1, 0, 0, 0, -1, 0, 0, 0, 1] };
    const box = { min: [0, 5, 7] as Vec3, max: [49, 6, 7] as Vec3 };
    const w = voxelBoxToWorldBox(g, box);
    expect(w.min[0]).toBeLessThan(w.max[0]);
    expect(worldBoxToVoxelBox(g, w)).toEqual(box);
  });

  it('on oblique grids the world box encloses every corner and maps back to a superset', () => {
    const box = { min: [5, 6, 7] as Vec3, max: [12, 9, 8] as Vec3 };
    const w = voxelBoxToWorldBox(oblique, box);
    for (let c = 0; c < 8; c++) {
      const corner: Vec3 = [
        (c & 1 ? box.max[0] : box.min[0]) + (c & 1 ? 0.5 : -0.5),
        (c & 2 ? box.max[1] : box.min[1]) + (c & 2 ? 0.5 : -0.5),
        (c & 4 ? box.max[2] : box.min[2]) + (c & 4 ? 0.5 : -0.5),
      ];
      const p = indexToWorld(oblique, corner);
      for (const a of [0, 1, 2] as const) {
        expect(p[a]).toBeGreaterThanOrEqual(w.min[a] - 1e-9);
        expect(p[a]).toBeLessThanOrEqual(w.max[a] + 1e-9);
      }
    }
    const back = worldBoxToVoxelBox(oblique, w)!;
    for (const a of [0, 1, 2] as const) {
      expect(back.min[a]).toBeLessThanOrEqual(box.min[a]);
      expect(back.max[a]).toBeGreaterThanOrEqual(box.max[a]);
    }
    // ...and strictly larger on at least one axis because the grid is rotated.
    expect(back.min.some((v, a) => v < box.min[a]!) || back.max.some((v, a) => v > box.max[a]!)).toBe(true);
  });

  it('clamps to the volume and returns null when the box misses it', () => {
    const w = { min: [-1000, -1000, -1000] as Vec3, max: [1000, 1000, 1000] as Vec3 };
    expect(worldBoxToVoxelBox(axial, w)).toEqual({ min: [0, 0, 0], max: [511, 511, 63] });
    expect(worldBoxToVoxelBox(axial, { min: [0, 0, 500], max: [1, 1, 600] })).toBeNull();
  });

  it('a world point maps to the single voxel containing it, also on a voxel edge', () => {
    const p = indexToWorld(axial, [10.2, 20.7, 3]);
    expect(worldBoxToVoxelBox(axial, { min: p, max: p })).toEqual({ min: [10, 21, 3], max: [10, 21, 3] });
    const edge = indexToWorld(axial, [10.5, 20, 3]);
    const b = worldBoxToVoxelBox(axial, { min: edge, max: edge })!;
    expect(b.min).toEqual(b.max);
    expect([10, 11]).toContain(b.min[0]);
  });
});

describe('LPS <-> RAS', () => {
  it('negates x and y and round-trips', () => {
    expect(lpsToRas([1, 2, 3])).toEqual([-1, -2, 3]);
    expect(rasToLps(lpsToRas([4.5, -6, 7]))).toEqual([4.5, -6, 7]);
  });
  it('a right-handed LPS frame stays right-handed in RAS', () => {
    const x = lpsToRas([1, 0, 0]);
    const y = lpsToRas([0, 1, 0]);
    expect(cross(x, y)).toEqual([0, 0, 1]);
  });
});

describe('grid helpers the viewer uses', () => {
  // Non-isotropic, oblique (30° about an oblique axis), flipped-origin grid with even dims.
  const g: GridGeometry = { dims: [6, 5, 4], spacing: [0.7, 1.3, 2.5], origin: [-12, 30, 7], direction: [...rotation([1, 2, 3], 30 * deg)] };

  it('gridCenter is the index centre and gridCorners the voxel-edge box, i fastest', () => {
    expectClose(gridCenter(g), indexToWorld(g, [2.5, 2, 1.5]));
    const cs = gridCorners(g);
    expect(cs).toHaveLength(8);
    expectClose(cs[0]!, indexToWorld(g, [-0.5, -0.5, -0.5]));
    expectClose(cs[1]!, indexToWorld(g, [5.5, -0.5, -0.5]));
    expectClose(cs[2]!, indexToWorld(g, [-0.5, 4.5, -0.5]));
    expectClose(cs[7]!, indexToWorld(g, [5.5, 4.5, 3.5]));
    // The corners' distance across the block is the grid diagonal (directions are orthonormal).
    expect(Math.hypot(...cs[7]!.map((v, a) => v - cs[0]![a]!))).toBeCloseTo(gridDiagonal(g), 9);
  });

  it('centerVoxel rounds to a voxel centre; snapToVoxelCenter clamps into the grid', () => {
    expectClose(centerVoxel(g), indexToWorld(g, [3, 2, 2]));
    expectClose(snapToVoxelCenter(g, indexToWorld(g, [1.4, 3.6, 0.51])), indexToWorld(g, [1, 4, 1]));
    expectClose(snapToVoxelCenter(g, indexToWorld(g, [-7, 9, 40])), indexToWorld(g, [0, 4, 3]));
  });

  it('axisDirection is a column of the direction, and a direction without 9 elements is refused', () => {
    expectClose(axisDirection(g, 2), [g.direction[6]!, g.direction[7]!, g.direction[8]!]);
    expect(() => indexToWorld({ ...g, direction: [1, 0, 0, 0, 1, 0] }, [0, 0, 0])).toThrow(RangeError);
  });
});

describe('pickReadingVolume (the viewer and the core start on the same volume)', () => {
  const v = (volumeId: string, modality: string | null, slices: number) => ({ volumeId, modality, dims: [512, 512, slices] as Vec3 });

  it('prefers a CT over a longer stack of another modality, then the most slices', () => {
    expect(pickReadingVolume([v('pt', 'PT', 300), v('ct-thick', 'CT', 60), v('ct-thin', 'CT', 240)])?.volumeId).toBe('ct-thin');
    expect(pickReadingVolume([v('mr1', 'MR', 20), v('mr2', 'MR', 176)])?.volumeId).toBe('mr2');
  });

  it('keeps the first of equals and gives null for none', () => {
    expect(pickReadingVolume([v('a', 'CT', 64), v('b', 'CT', 64)])?.volumeId).toBe('a');
    expect(pickReadingVolume([])).toBeNull();
  });
});

describe('closestAxisAssignment (one rule for the viewer planes and model orientation)', () => {
  it('pairs each target with the index axis along it, a permutation even where two axes lean the same way', () => {
    // Coronal acquisition: i = L, j = -S (rows go down), k = P.
    expect(closestAxisAssignment([1, 0, 0, 0, 0, -1, 0, 1, 0], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toEqual([0, 2, 1]);
    // 45° about z: i and j lean equally towards x and y; the first permutation in order wins, k stays z.
    const d = [...rotation([0, 0, 1], 45 * deg)];
    expect(closestAxisAssignment(d, [[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toEqual([0, 1, 2]);
    // 30° about an oblique axis: still a permutation of 0, 1, 2.
    expect([...closestAxisAssignment([...rotation([1, 2, 3], 30 * deg)], [[0, 0, 1], [0, 1, 0], [-1, 0, 0]])].sort()).toEqual([0, 1, 2]);
  });
});
