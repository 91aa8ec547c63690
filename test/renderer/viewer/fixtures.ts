import type { GridGeometry, Vec3 } from '../../../renderer/src/viewer/types';

export const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Rotation of the identity axes by `deg` about a world axis (columns = rotated i, j, k). */
export function rotatedDirection(axis: 'x' | 'y' | 'z', deg: number): number[] {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const rot = (v: Vec3): Vec3 =>
    axis === 'z' ? [c * v[0] - s * v[1], s * v[0] + c * v[1], v[2]] : axis === 'x' ? [v[0], c * v[1] - s * v[2], s * v[1] + c * v[2]] : [c * v[0] + s * v[2], v[1], -s * v[0] + c * v[2]];
  return [...rot([1, 0, 0]), ...rot([0, 1, 0]), ...rot([0, 0, 1])];
}

export function grid(direction: number[] = IDENTITY, overrides: Partial<GridGeometry> = {}): GridGeometry {
  return { dims: [64, 48, 30], spacing: [0.7, 0.7, 2.5], origin: [-20, -15, 100], direction, ...overrides };
}

export function expectVec(actual: readonly number[], expected: readonly number[], digits = 6): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  actual.forEach((v, n) => {
    if (Math.abs(v - expected[n]!) > 10 ** -digits) throw new Error(`[${actual.join(', ')}] != [${expected.join(', ')}] at ${n}`);
  });
}
