import vtkCamera from '@kitware/vtk.js/Rendering/Core/Camera';
import { describe, expect, it } from 'vitest';
import { gridCenter, gridCorners } from '../../../electron/shared/geometry/grid';
import { distanceFromPlane, mmPerPixel, screenToWorld, worldToScreen } from '../../../renderer/src/viewer/geometry/projection';
import { buildSliceCamera, cameraPosition, FIT_MARGIN, type SliceCamera } from '../../../renderer/src/viewer/geometry/slice-camera';
import { sliceOrientation } from '../../../renderer/src/viewer/geometry/slice-orientation';
import type { SliceViewId, Vec3 } from '../../../renderer/src/viewer/types';
import { expectVec, grid, IDENTITY, rotatedDirection } from './fixtures';

function camera(view: SliceViewId, direction = IDENTITY, opts: { zoom?: number; pan?: [number, number]; crosshair?: Vec3; w?: number; h?: number } = {}): SliceCamera {
  const g = grid(direction);
  return buildSliceCamera({
    grid: g,
    orientation: sliceOrientation(direction, view),
    crosshair: opts.crosshair ?? gridCenter(g),
    transform: { zoom: opts.zoom ?? 1, pan: opts.pan ?? [0, 0] },
    widthPx: opts.w ?? 400,
    heightPx: opts.h ?? 300,
  });
}

/** Where vtk.js's own camera math puts a world point, in CSS px of the viewport. */
function vtkScreen(cam: SliceCamera, p: Vec3): [number, number] {
  const c = vtkCamera.newInstance();
  c.setParallelProjection(true);
  c.setFocalPoint(...cam.focalPoint);
  c.setPosition(...cameraPosition(cam));
  c.setViewUp(...cam.viewUp);
  c.setParallelScale(cam.parallelScale);
  c.setClippingRange(cam.clippingRange[0], cam.clippingRange[1]);
  const m = c.getCompositeProjectionMatrix(cam.widthPx / cam.heightPx, -1, 1);
  const v = [p[0], p[1], p[2], 1] as const;
  const row = (r: number) => m[r * 4]! * v[0] + m[r * 4 + 1]! * v[1] + m[r * 4 + 2]! * v[2] + m[r * 4 + 3]! * v[3];
  const w = row(3);
  return [((row(0) / w + 1) / 2) * cam.widthPx, ((1 - row(1) / w) / 2) * cam.heightPx];
}

describe('world <-> screen helpers', () => {
  it('agree with the vtk.js camera that renders the pixels (identity, flipped, oblique; zoomed and panned)', () => {
    const cases: Array<[SliceViewId, number[]]> = [
      ['axial', IDENTITY],
      ['coronal', IDENTITY],
      ['sagittal', IDENTITY],
      ['axial', [-1, 0, 0, 0, -1, 0, 0, 0, 1]],
      ['axial', rotatedDirection('z', 25)],
      ['sagittal', rotatedDirection('x', 12)],
    ];
    for (const [view, direction] of cases) {
      const cam = camera(view, direction, { zoom: 1.7, pan: [12, -5], w: 420, h: 260 });
      for (const p of [cam.focalPoint, [0, 0, 100], [15, -20, 130], [-30, 10, 90]] as Vec3[]) {
        const mine = worldToScreen(cam, p);
        const theirs = vtkScreen(cam, p);
        expect(mine[0]).toBeCloseTo(theirs[0], 6);
        expect(mine[1]).toBeCloseTo(theirs[1], 6);
      }
    }
  });

  it('patient left is right of centre and anterior above centre in the axial view', () => {
    const cam = camera('axial');
    const c = cam.focalPoint;
    expect(worldToScreen(cam, [c[0] + 10, c[1], c[2]])[0]).toBeGreaterThan(200);
    expect(worldToScreen(cam, [c[0], c[1] - 10, c[2]])[1]).toBeLessThan(150);
  });

  it('screenToWorld inverts worldToScreen on the slice plane', () => {
    const cam = camera('coronal', rotatedDirection('z', 25), { zoom: 2, pan: [3, 4] });
    for (const s of [
      [0, 0],
      [123.5, 77],
      [400, 300],
    ] as [number, number][]) {
      const w = screenToWorld(cam, s);
      expect(distanceFromPlane(cam, w)).toBeCloseTo(0, 9);
      expectVec(worldToScreen(cam, w), s, 9);
    }
  });

  it('the focal point is the viewport centre; mm per pixel follows the zoom', () => {
    const cam1 = camera('axial', IDENTITY, { zoom: 1 });
    const cam2 = camera('axial', IDENTITY, { zoom: 2 });
    expectVec(worldToScreen(cam1, cam1.focalPoint), [200, 150]);
    expect(mmPerPixel(cam2)).toBeCloseTo(mmPerPixel(cam1) / 2, 12);
  });

  it('fits the whole volume: every corner projects inside the viewport, one side touching the margin', () => {
    const g = grid();
    for (const view of ['axial', 'coronal', 'sagittal'] as const) {
      const cam = camera(view, IDENTITY, { w: 500, h: 200 });
      const pts = gridCorners(g).map((p) => worldToScreen(cam, p));
      for (const [x, y] of pts) {
        expect(x).toBeGreaterThanOrEqual(-1e-6);
        expect(x).toBeLessThanOrEqual(500 + 1e-6);
        expect(y).toBeGreaterThanOrEqual(-1e-6);
        expect(y).toBeLessThanOrEqual(200 + 1e-6);
      }
      const spanX = Math.max(...pts.map((p) => p[0])) - Math.min(...pts.map((p) => p[0]));
      const spanY = Math.max(...pts.map((p) => p[1])) - Math.min(...pts.map((p) => p[1]));
      expect(Math.max(spanX / 500, spanY / 200)).toBeCloseTo(1 / FIT_MARGIN, 6);
    }
  });

  it('the slice plane passes through the crosshair; panning moves the framing, not the plane', () => {
    const crosshair: Vec3 = [3, 4, 120];
    const cam = camera('axial', IDENTITY, { crosshair, pan: [10, 20] });
    expect(distanceFromPlane(cam, crosshair)).toBeCloseTo(0, 12);
    expect(cam.focalPoint[2]).toBeCloseTo(120, 12);
    // pan = focal offset along screen right (+x) and up (-y = anterior).
    const centred = camera('axial', IDENTITY, { crosshair });
    expectVec([cam.focalPoint[0] - centred.focalPoint[0], cam.focalPoint[1] - centred.focalPoint[1]], [10, -20]);
  });
});
