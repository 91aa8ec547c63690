import { describe, expect, it } from 'vitest';
import { eulerRotation, eulerRotationDerivatives } from '../../../electron/core/registration/rigid-transform';
import {
  applyTransform,
  axisRotation,
  composeTransforms,
  fromMatrix4,
  invertTransform,
  rotationAngleDeg,
  toMatrix4,
  transformAboutCentre,
} from '../../../electron/core/registration/rigid-transform';
import type { Vec3 } from '../../../electron/core/geometry';

const close = (a: readonly number[], b: readonly number[], tol = 1e-9) => a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(tol));

describe('rigid transforms', () => {
  const t = transformAboutCentre(eulerRotation([0.05, -0.03, 0.08]), [10, -20, 30], [4, 5, -6]);
  const p: Vec3 = [-33, 12.5, 140];

  it('the 4x4 is row-major with the translation in the last column', () => {
    const m = toMatrix4({ rotation: axisRotation(2, Math.PI / 2), translation: [1, 2, 3] });
    // 90 degrees about z sends x to y: row 1, column 0 is 1.
    close(m, [0, -1, 0, 1, 1, 0, 0, 2, 0, 0, 1, 3, 0, 0, 0, 1]);
    close(applyTransform(fromMatrix4(m), [1, 0, 0]), [1, 3, 3]);
  });

  it('inverse, composition and the 4x4 round trip agree', () => {
    close(applyTransform(invertTransform(t), applyTransform(t, p)), p);
    close(applyTransform(composeTransforms(t, invertTransform(t)), p), p);
    close(applyTransform(fromMatrix4(toMatrix4(t)), p), applyTransform(t, p));
    expect(rotationAngleDeg(invertTransform(t))).toBeCloseTo(rotationAngleDeg(t), 9);
  });

  it('a rotation about a centre keeps the centre fixed', () => {
    close(applyTransform(transformAboutCentre(axisRotation(0, 0.1), [5, 6, 7], [0, 0, 0]), [5, 6, 7]), [5, 6, 7]);
    expect(rotationAngleDeg({ rotation: axisRotation(1, (5 * Math.PI) / 180), translation: [0, 0, 0] })).toBeCloseTo(5, 9);
  });

  it('the Euler derivatives match finite differences', () => {
    const a: Vec3 = [0.1, -0.2, 0.3];
    const d = eulerRotationDerivatives(a);
    for (let q = 0; q < 3; q++) {
      const h = 1e-6;
      const plus = [...a] as Vec3;
      plus[q]! += h;
      const numeric = eulerRotation(plus).map((v, i) => (v - eulerRotation(a)[i]!) / h);
      close(d[q]!, numeric, 1e-5);
    }
  });
});
