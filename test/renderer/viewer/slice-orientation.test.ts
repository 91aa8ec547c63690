import { describe, expect, it } from 'vitest';
import { labelsFromCamera } from '../../../electron/shared/geometry/patient-axes';
import { assignSliceAxes, sliceOrientation, sliceOrientations } from '../../../renderer/src/viewer/geometry/slice-orientation';
import { cross } from '../../../renderer/src/viewer/geometry/vec3';
import { expectVec, IDENTITY, rotatedDirection } from './fixtures';

const labelsOf = (direction: number[], view: 'axial' | 'coronal' | 'sagittal') => {
  const o = sliceOrientation(direction, view);
  return labelsFromCamera(o.directionOfProjection, o.viewUp);
};

describe('slice orientation from the direction matrix (LPS, radiological convention)', () => {
  it('identity: axial from the feet with anterior up, coronal from the front, sagittal from the left', () => {
    const o = sliceOrientations(IDENTITY);
    expect(o.axial.sliceAxis).toBe(2);
    expectVec(o.axial.directionOfProjection, [0, 0, 1]);
    expectVec(o.axial.viewUp, [0, -1, 0]);
    expectVec(o.axial.viewRight, [1, 0, 0]); // patient left on screen right
    expect(o.coronal.sliceAxis).toBe(1);
    expectVec(o.coronal.directionOfProjection, [0, 1, 0]);
    expectVec(o.coronal.viewUp, [0, 0, 1]);
    expectVec(o.coronal.viewRight, [1, 0, 0]);
    expect(o.sagittal.sliceAxis).toBe(0);
    expectVec(o.sagittal.directionOfProjection, [-1, 0, 0]);
    expectVec(o.sagittal.viewUp, [0, 0, 1]);
    expectVec(o.sagittal.viewRight, [0, 1, 0]); // posterior on screen right, anterior left
  });

  it('identity labels', () => {
    expect(labelsOf(IDENTITY, 'axial')).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
    expect(labelsOf(IDENTITY, 'coronal')).toEqual({ top: 'S', bottom: 'I', left: 'R', right: 'L' });
    expect(labelsOf(IDENTITY, 'sagittal')).toEqual({ top: 'S', bottom: 'I', left: 'A', right: 'P' });
  });

  it('flipped rows/columns (i = -x, j = -y) and feet-first (k = -z) keep the radiological screen', () => {
    for (const direction of [
      [-1, 0, 0, 0, -1, 0, 0, 0, 1],
      [1, 0, 0, 0, 1, 0, 0, 0, -1],
      [-1, 0, 0, 0, 1, 0, 0, 0, -1],
    ]) {
      const o = sliceOrientations(direction);
      expectVec(o.axial.viewRight, [1, 0, 0]);
      expectVec(o.axial.viewUp, [0, -1, 0]);
      expectVec(o.coronal.viewRight, [1, 0, 0]);
      expectVec(o.sagittal.viewRight, [0, 1, 0]);
      expect(labelsOf(direction, 'axial')).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
      expect(labelsOf(direction, 'sagittal')).toEqual({ top: 'S', bottom: 'I', left: 'A', right: 'P' });
    }
  });

  it('camera vectors are (anti)parallel to the volume axes, so slices are never resampled obliquely', () => {
    const direction = rotatedDirection('z', 25);
    const axes: [number[], number[], number[]] = [direction.slice(0, 3), direction.slice(3, 6), direction.slice(6, 9)];
    for (const view of ['axial', 'coronal', 'sagittal'] as const) {
      const o = sliceOrientation(direction, view);
      const d = axes[o.sliceAxis];
      const u = axes[o.upAxis];
      const dotD = o.directionOfProjection.reduce((s, v, n) => s + v * d[n]!, 0);
      const dotU = o.viewUp.reduce((s, v, n) => s + v * u[n]!, 0);
      expect(Math.abs(dotD)).toBeCloseTo(1, 9);
      expect(Math.abs(dotU)).toBeCloseTo(1, 9);
      expectVec(o.viewRight, cross(o.directionOfProjection, o.viewUp));
    }
  });

  it('oblique axial (25° about S): labels combine axes, strongest first', () => {
    const direction = rotatedDirection('z', 25);
    // j axis = (-sin25, cos25, 0); up = -j = (0.42, -0.91, 0): mostly anterior, partly left.
    expect(labelsOf(direction, 'axial')).toEqual({ top: 'AL', bottom: 'PR', left: 'RA', right: 'LP' });
    expect(labelsOf(direction, 'coronal')).toEqual({ top: 'S', bottom: 'I', left: 'RA', right: 'LP' });
    expect(labelsOf(direction, 'sagittal')).toEqual({ top: 'S', bottom: 'I', left: 'AL', right: 'PR' });
  });

  it('a small gantry tilt (10° about x) keeps single-letter labels', () => {
    const direction = rotatedDirection('x', 10);
    expect(labelsOf(direction, 'axial')).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
    expect(labelsOf(direction, 'sagittal')).toEqual({ top: 'S', bottom: 'I', left: 'A', right: 'P' });
    // ... but the camera follows the tilted axes exactly.
    const o = sliceOrientation(direction, 'axial');
    expect(o.directionOfProjection[1]).toBeCloseTo(-Math.sin((10 * Math.PI) / 180), 9);
  });

  it('a sagittal acquisition (rows along A-P, slices along L-R) slices each view along the right axis', () => {
    // i = P (column direction posterior), j = I (rows going down), k = L.
    const direction = [0, 1, 0, 0, 0, -1, 1, 0, 0];
    expect(assignSliceAxes(direction)).toEqual({ axial: 1, coronal: 0, sagittal: 2 });
    expect(labelsOf(direction, 'axial')).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
    expect(labelsOf(direction, 'coronal')).toEqual({ top: 'S', bottom: 'I', left: 'R', right: 'L' });
    expect(labelsOf(direction, 'sagittal')).toEqual({ top: 'S', bottom: 'I', left: 'A', right: 'P' });
  });

  it('at 45° two views still get different slice axes', () => {
    const a = assignSliceAxes(rotatedDirection('z', 45));
    expect(new Set([a.axial, a.coronal, a.sagittal]).size).toBe(3);
  });

  it('rejects non-unit or non-orthogonal directions', () => {
    expect(() => sliceOrientation([2, 0, 0, 0, 1, 0, 0, 0, 1], 'axial')).toThrow(/unit/);
    expect(() => sliceOrientation([1, 0, 0, 1, 0, 0, 0, 0, 1], 'axial')).toThrow(/orthogonal/);
    expect(() => sliceOrientation([1, 0, 0], 'axial')).toThrow(/9/);
  });
});
