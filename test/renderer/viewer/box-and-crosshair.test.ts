import { describe, expect, it } from 'vitest';
import { boxEdges, intersectBoxWithPlane, isValidBox } from '../../../renderer/src/viewer/geometry/box-slice';
import { clipLineToRect, crosshairLines } from '../../../renderer/src/viewer/geometry/crosshair-lines';
import { gridCenter } from '../../../electron/shared/geometry/grid';
import { worldToScreen } from '../../../renderer/src/viewer/geometry/projection';
import { buildSliceCamera } from '../../../renderer/src/viewer/geometry/slice-camera';
import { sliceOrientations } from '../../../renderer/src/viewer/geometry/slice-orientation';
import type { Vec3 } from '../../../renderer/src/viewer/types';
import { expectVec, grid, IDENTITY } from './fixtures';

const box = { min: [0, 0, 0] as Vec3, max: [10, 20, 30] as Vec3 };

describe('box / slice-plane intersection', () => {
  it('an axial plane through a box gives its x-y rectangle', () => {
    const poly = intersectBoxWithPlane(box, [0, 0, 12], [0, 0, 1], [1, 0, 0], [0, -1, 0]);
    expect(poly).toHaveLength(4);
    for (const p of poly) expect(p[2]).toBeCloseTo(12, 12);
    expect(new Set(poly.map((p) => `${p[0]},${p[1]}`))).toEqual(new Set(['0,0', '10,0', '10,20', '0,20']));
  });

  it('a plane on a face still intersects; a plane outside misses', () => {
    expect(intersectBoxWithPlane(box, [0, 0, 30], [0, 0, 1], [1, 0, 0], [0, -1, 0])).toHaveLength(4);
    expect(intersectBoxWithPlane(box, [0, 0, 30.01], [0, 0, 1], [1, 0, 0], [0, -1, 0])).toEqual([]);
    expect(intersectBoxWithPlane(box, [0, 0, -5], [0, 0, 1], [1, 0, 0], [0, -1, 0])).toEqual([]);
  });

  it('an oblique plane cuts a hexagon through a cube centre, ordered around it', () => {
    const cube = { min: [-1, -1, -1] as Vec3, max: [1, 1, 1] as Vec3 };
    const n = 1 / Math.sqrt(3);
    const right: Vec3 = [1 / Math.SQRT2, -1 / Math.SQRT2, 0];
    const up: Vec3 = [1 / Math.sqrt(6), 1 / Math.sqrt(6), -2 / Math.sqrt(6)];
    const poly = intersectBoxWithPlane(cube, [0, 0, 0], [n, n, n], right, up);
    expect(poly).toHaveLength(6);
    const angles = poly.map((p) => Math.atan2(p[0] * up[0] + p[1] * up[1] + p[2] * up[2], p[0] * right[0] + p[1] * right[1]));
    expect([...angles].sort((a, b) => a - b)).toEqual(angles);
  });

  it('has 12 edges and validates boxes', () => {
    expect(boxEdges(box)).toHaveLength(12);
    expect(isValidBox(box)).toBe(true);
    expect(isValidBox({ min: [0, 0, 5], max: [1, 1, 4] })).toBe(false);
  });
});

describe('crosshair lines', () => {
  it('clips a line to the viewport', () => {
    expect(clipLineToRect([50, 20], [1, 0], 100, 40)).toEqual({ from: [0, 20], to: [100, 20] });
    expect(clipLineToRect([50, 60], [1, 0], 100, 40)).toBeNull();
  });

  it('in the axial view: the coronal trace is horizontal and the sagittal trace vertical, through the crosshair', () => {
    const g = grid(IDENTITY);
    const o = sliceOrientations(IDENTITY);
    const crosshair: Vec3 = [5, -3, gridCenter(g)[2]];
    const cam = buildSliceCamera({ grid: g, orientation: o.axial, crosshair, transform: { zoom: 1, pan: [0, 0] }, widthPx: 300, heightPx: 200 });
    const c = worldToScreen(cam, crosshair);
    const lines = crosshairLines(cam, [o.coronal, o.sagittal], crosshair);
    const coronal = lines.find((l) => l.viewId === 'coronal')!;
    const sagittal = lines.find((l) => l.viewId === 'sagittal')!;
    expectVec([coronal.from[1], coronal.to[1]], [c[1], c[1]]);
    expectVec([Math.min(coronal.from[0], coronal.to[0]), Math.max(coronal.from[0], coronal.to[0])], [0, 300]);
    expectVec([sagittal.from[0], sagittal.to[0]], [c[0], c[0]]);
  });
});
