import { describe, expect, it } from 'vitest';
import { mat3Determinant, mat3Inverse, mat3Mul, mat3MulVec, mat3Transpose, type Mat3 } from '../../../electron/core/geometry/mat3';
import { cross, dot, normalize, unit } from '../../../electron/core/geometry/vec3';

describe('mat3 (column-major)', () => {
  const m: Mat3 = [2, 0, 1, 1, 3, 0, 0, 1, 4]; // columns (2,0,1), (1,3,0), (0,1,4)

  it('multiplies by columns', () => {
    expect(mat3MulVec(m, [1, 0, 0])).toEqual([2, 0, 1]);
    expect(mat3MulVec(m, [0, 0, 1])).toEqual([0, 1, 4]);
    expect(mat3MulVec(m, [1, 1, 1])).toEqual([3, 4, 5]);
  });

  it('inverse times matrix is the identity', () => {
    const inv = mat3Inverse(m)!;
    const id = mat3Mul(inv, m);
    const expected = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    id.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    mat3Mul(m, inv).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('determinant equals the triple product of the columns; singular has no inverse', () => {
    expect(mat3Determinant(m)).toBeCloseTo(dot([2, 0, 1], cross([1, 3, 0], [0, 1, 4])), 12);
    expect(mat3Inverse([1, 2, 3, 2, 4, 6, 0, 0, 1])).toBeNull();
  });

  it('transpose swaps rows and columns', () => {
    expect(mat3Transpose(m)).toEqual([2, 1, 0, 0, 3, 1, 1, 0, 4]);
  });
});

describe('vec3', () => {
  it('cross of x and y is z; normalize rejects zero', () => {
    expect(cross([1, 0, 0], [0, 1, 0])).toEqual([0, 0, 1]);
    expect(normalize([0, 0, 0])).toBeNull();
    expect(normalize([3, 0, 4])).toEqual([0.6, 0, 0.8]);
  });

  it('a zero or non-finite vector has no direction: normalize gives null, unit throws', () => {
    expect(normalize([0, 0, 0])).toBeNull();
    expect(normalize([NaN, 1, 0])).toBeNull();
    expect(unit([0, 3, 4])).toEqual([0, 0.6, 0.8]);
    expect(() => unit([0, 0, 0])).toThrow(RangeError);
    expect(() => unit([Infinity, 0, 0])).toThrow(RangeError);
  });
});
