import { describe, expect, it } from 'vitest';
import { labelsFromCamera, orientationLabel } from '../../../electron/shared/geometry/patient-axes';

describe('orientation labels (LPS)', () => {
  it('names each patient direction', () => {
    expect(orientationLabel([1, 0, 0])).toBe('L');
    expect(orientationLabel([-1, 0, 0])).toBe('R');
    expect(orientationLabel([0, 1, 0])).toBe('P');
    expect(orientationLabel([0, -1, 0])).toBe('A');
    expect(orientationLabel([0, 0, 1])).toBe('S');
    expect(orientationLabel([0, 0, -1])).toBe('I');
  });

  it('orders oblique components by strength and drops weak ones', () => {
    expect(orientationLabel([0.5, -0.866, 0])).toBe('AL');
    expect(orientationLabel([-0.6, 0.3, 0.74])).toBe('SRP');
    expect(orientationLabel([0.98, 0.17, 0.1])).toBe('L');
    expect(orientationLabel([0.98, 0.17, 0.1], 0.1)).toBe('LPS');
  });

  it('derives screen-edge labels from a camera: right = DOP × up', () => {
    expect(labelsFromCamera([0, 0, 1], [0, -1, 0])).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
    // Looking from the head (neurological axial): left and right swap.
    expect(labelsFromCamera([0, 0, -1], [0, -1, 0])).toEqual({ top: 'A', bottom: 'P', left: 'L', right: 'R' });
    // 3D anterior view.
    expect(labelsFromCamera([0, 1, 0], [0, 0, 1])).toEqual({ top: 'S', bottom: 'I', left: 'R', right: 'L' });
  });
});
