import { describe, expect, it } from 'vitest';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { formatLength, isOnSlice, lengthMm } from '../../../renderer/src/viewer/geometry/measurement';
import { screenToWorld, worldToScreen } from '../../../renderer/src/viewer/geometry/projection';
import { buildSliceCamera } from '../../../renderer/src/viewer/geometry/slice-camera';
import { sliceOrientation } from '../../../renderer/src/viewer/geometry/slice-orientation';
import { grid, rotatedDirection } from './fixtures';

describe('length measurement', () => {
  it('uses world mm: anisotropic spacing counts per axis', () => {
    // 10 voxels along i (0.7 mm) and 4 along k (2.5 mm): sqrt(7² + 10²).
    const g = grid();
    const p1 = indexToWorld(g, [2, 3, 4]);
    const p2 = indexToWorld(g, [12, 3, 8]);
    expect(lengthMm(p1, p2)).toBeCloseTo(Math.hypot(7, 10), 9);
  });

  it('does not depend on the direction matrix (oblique volume)', () => {
    const g = grid(rotatedDirection('z', 33), { spacing: [0.5, 1.5, 3] });
    const p1 = indexToWorld(g, [0, 0, 0]);
    const p2 = indexToWorld(g, [6, 2, 1]);
    expect(lengthMm(p1, p2)).toBeCloseTo(Math.hypot(3, 3, 3), 9);
  });

  it('a drag drawn on a coronal view of an anisotropic volume measures mm, not pixels or voxels', () => {
    const g = grid(undefined, { spacing: [0.7, 0.7, 2.5] });
    const o = sliceOrientation(g.direction, 'coronal');
    const a = indexToWorld(g, [10, 20, 5]);
    const b = indexToWorld(g, [10, 20, 15]); // 10 slices apart along z: 25 mm
    const cam = buildSliceCamera({ grid: g, orientation: o, crosshair: a, transform: { zoom: 3, pan: [0, 0] }, widthPx: 512, heightPx: 300 });
    const p1 = screenToWorld(cam, worldToScreen(cam, a));
    const p2 = screenToWorld(cam, worldToScreen(cam, b));
    expect(lengthMm(p1, p2)).toBeCloseTo(25, 6);
    expect(isOnSlice(cam, g, p1)).toBe(true);
  });

  it('is shown only on the slice it lies on (within half a voxel)', () => {
    const g = grid();
    const o = sliceOrientation(g.direction, 'axial');
    const cam = buildSliceCamera({ grid: g, orientation: o, crosshair: indexToWorld(g, [0, 0, 10]), transform: { zoom: 1, pan: [0, 0] }, widthPx: 100, heightPx: 100 });
    expect(isOnSlice(cam, g, indexToWorld(g, [5, 5, 10.4]))).toBe(true);
    expect(isOnSlice(cam, g, indexToWorld(g, [5, 5, 10.6]))).toBe(false);
  });

  it('formats lengths', () => {
    expect(formatLength(12.345)).toBe('12.3 mm');
    expect(formatLength(123.4)).toBe('123 mm');
  });
});
