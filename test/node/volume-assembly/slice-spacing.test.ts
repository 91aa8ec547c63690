import { describe, expect, it } from 'vitest';
import { planSliceSpacing } from '../../../electron/core/volume-assembly/slice-spacing';

describe('planSliceSpacing', () => {
  it('even positions: copy every slice, mean step', () => {
    const p = planSliceSpacing([0, 5, 10, 15]);
    expect(p.resampled).toBe(false);
    expect(p.step).toBe(5);
    expect(p.output).toEqual([0, 1, 2, 3].map((src) => ({ kind: 'copy', src })));
  });

  it('the GE head CT pattern (13 x 4, 1.08, 13 x 7 mm) resamples at ~1.08 mm, ends exact', () => {
    const along = [0];
    for (let i = 0; i < 13; i++) along.push(along[along.length - 1]! + 4);
    along.push(along[along.length - 1]! + 1.08);
    for (let i = 0; i < 13; i++) along.push(along[along.length - 1]! + 7);
    const p = planSliceSpacing(along);
    expect(p.resampled).toBe(true);
    expect(p.step).toBeLessThanOrEqual(1.08);
    expect(p.step).toBeGreaterThan(1.07);
    expect(p.output[0]).toEqual({ kind: 'copy', src: 0 });
    expect(p.output[p.output.length - 1]).toEqual({ kind: 'copy', src: along.length - 1 });
    expect((p.output.length - 1) * p.step).toBeCloseTo(along[along.length - 1]!, 9);
    for (const o of p.output) {
      if (o.kind !== 'blend') continue;
      expect(o.t).toBeGreaterThan(0);
      expect(o.t).toBeLessThan(1);
      expect(o.hi).toBe(o.lo + 1);
    }
  });

  it('an isolated near-duplicate does not multiply the slice count beyond 4x', () => {
    const p = planSliceSpacing([0, 5, 10, 10.2, 15, 20]);
    expect(p.step).toBeCloseTo(20 / 16, 9); // floor at median/4 = 1.25 mm
    expect(p.output.length).toBe(17);
  });
});
