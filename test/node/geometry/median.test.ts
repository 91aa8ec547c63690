import { describe, expect, it } from 'vitest';
import { median } from '../../../electron/shared/math/median';

describe('median', () => {
  it('is the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([-2, 10])).toBe(4);
  });

  it('sorts numerically and leaves its argument unchanged', () => {
    const values = [10, 9, 100, 2, 1];
    expect(median(values)).toBe(9);
    expect(values).toEqual([10, 9, 100, 2, 1]);
  });

  it('is NaN for an empty list', () => {
    expect(median([])).toBeNaN();
  });
});
