import { describe, expect, it } from 'vitest';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { buildSliceAnnotations } from '../../../renderer/src/viewer/geometry/slice-annotations';
import { buildSliceCamera } from '../../../renderer/src/viewer/geometry/slice-camera';
import { sliceOrientations } from '../../../renderer/src/viewer/geometry/slice-orientation';
import type { LengthMeasurement, SliceViewId, Vec3 } from '../../../renderer/src/viewer/types';
import { grid, IDENTITY, rotatedDirection } from './fixtures';

function setup(direction: number[], crosshairIndex: Vec3) {
  const g = grid(direction);
  const orientations = sliceOrientations(direction);
  const crosshair = indexToWorld(g, crosshairIndex);
  const cam = (view: SliceViewId) =>
    buildSliceCamera({ grid: g, orientation: orientations[view], crosshair, transform: { zoom: 1, pan: [0, 0] }, widthPx: 400, heightPx: 400 });
  return { g, orientations, crosshair, cam };
}

describe('2D annotations of a highlighted region', () => {
  it('outlines a box where it crosses each slice, at the anatomically right place', () => {
    const { g, orientations, crosshair: c, cam } = setup(IDENTITY, [32, 24, 15]);
    const box = (min: Vec3, max: Vec3) => ({ id: 'r', label: 'L nodule', worldBox: { min, max }, centroid: min.map((v, n) => (v + max[n]!) / 2) as Vec3 });
    const at = (view: SliceViewId, highlight: ReturnType<typeof box>) =>
      buildSliceAnnotations({ camera: cam(view), grid: g, orientations, crosshair: c, highlight, measurements: [], draft: null });

    // Left (+x) and anterior (-y) of the crosshair, spanning its axial plane only.
    const leftAnterior = box([c[0] + 5, c[1] - 9, c[2] - 3], [c[0] + 17, c[1] - 3, c[2] + 3]);
    const axial = at('axial', leftAnterior);
    expect(axial.highlight?.points).toHaveLength(4);
    expect(Math.min(...axial.highlight!.points.map((p) => p[0]))).toBeGreaterThan(axial.crosshairCenter[0]); // screen right
    expect(Math.max(...axial.highlight!.points.map((p) => p[1]))).toBeLessThan(axial.crosshairCenter[1]); // screen up
    expect(at('coronal', leftAnterior).highlight).toBeNull();
    expect(at('sagittal', leftAnterior).highlight).toBeNull();

    // Anterior and superior, spanning the sagittal plane only.
    const anteriorSuperior = box([c[0] - 3, c[1] - 9, c[2] + 4], [c[0] + 3, c[1] - 3, c[2] + 10]);
    const sagittal = at('sagittal', anteriorSuperior);
    expect(Math.max(...sagittal.highlight!.points.map((p) => p[0]))).toBeLessThan(sagittal.crosshairCenter[0]); // anterior = screen left
    expect(Math.max(...sagittal.highlight!.points.map((p) => p[1]))).toBeLessThan(sagittal.crosshairCenter[1]); // superior = up
    expect(at('axial', anteriorSuperior).highlight).toBeNull();

    // Left and superior, spanning the coronal plane only.
    const leftSuperior = box([c[0] + 4, c[1] - 2, c[2] + 4], [c[0] + 9, c[1] + 2, c[2] + 9]);
    const coronal = at('coronal', leftSuperior);
    expect(Math.min(...coronal.highlight!.points.map((p) => p[0]))).toBeGreaterThan(coronal.crosshairCenter[0]); // left = screen right
    expect(Math.max(...coronal.highlight!.points.map((p) => p[1]))).toBeLessThan(coronal.crosshairCenter[1]);
    expect(coronal.highlight?.label).toBe('L nodule');
  });

  it('draws crosshair traces of the two other planes and only on-slice measurements', () => {
    const { g, orientations, crosshair, cam } = setup(rotatedDirection('z', 20), [30, 20, 10]);
    const onSlice: LengthMeasurement = { id: 'a', kind: 'length', p1: crosshair, p2: [crosshair[0] + 5, crosshair[1], crosshair[2]], lengthMm: 5, viewId: 'axial' };
    const offSlice: LengthMeasurement = { ...onSlice, id: 'b', p1: [crosshair[0], crosshair[1], crosshair[2] + 5], p2: [crosshair[0] + 5, crosshair[1], crosshair[2] + 5] };
    const a = buildSliceAnnotations({ camera: cam('axial'), grid: g, orientations, crosshair, highlight: null, measurements: [onSlice, offSlice], draft: null });
    expect(a.crosshair.map((l) => l.viewId).sort()).toEqual(['coronal', 'sagittal']);
    expect(a.measurements.map((m) => m.id)).toEqual(['a']);
    expect(a.measurements[0]!.text).toBe('5.0 mm');
  });
});
