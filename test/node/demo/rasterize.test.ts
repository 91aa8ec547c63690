/**
 * The rasteriser skips runs of voxels using a Lipschitz bound on each distance function. That is only
 * correct if the bounds hold, so compare against evaluating every voxel, for the rotated prior pose
 * (rows not aligned with the body) on a coarse grid to keep it quick.
 */
import { describe, expect, it } from 'vitest';
import { buildPhantomModel, demoExamSpec } from '../../../electron/core/demo';
import { paint } from '../../../electron/core/demo/rasterize';
import { tablePainters } from '../../../electron/core/demo/torso';

describe('rasterize', () => {
  it('gives exactly the same voxels and labels with and without skipping', () => {
    const base = demoExamSpec('prior', { sliceSpacingMm: 10 });
    // Half the in-plane resolution (same field of view) to keep the exhaustive pass quick.
    const exam = { ...base, dims: [256, 256, base.dims[2]] as typeof base.dims, spacing: [base.spacing[0] * 2, base.spacing[1] * 2, base.spacing[2]] as typeof base.spacing };
    const model = buildPhantomModel(exam.seed, 'prior');
    const painters = [...tablePainters(exam.tableTopY), ...model.painters];
    const n = exam.dims[0] * exam.dims[1] * exam.dims[2];
    const fast = { hu: new Int16Array(n).fill(-1000), labels: new Uint8Array(n) };
    const slow = { hu: new Int16Array(n).fill(-1000), labels: new Uint8Array(n) };
    paint(fast, exam, painters, model.lungs);
    paint(slow, exam, painters, model.lungs, { exhaustive: true });
    let huDiff = 0;
    let labelDiff = 0;
    for (let i = 0; i < n; i++) {
      if (fast.hu[i] !== slow.hu[i]) huDiff++;
      if (fast.labels[i] !== slow.labels[i]) labelDiff++;
    }
    expect(huDiff).toBe(0);
    expect(labelDiff).toBe(0);
    // Sanity: something was drawn (lungs, body, bone).
    const counts = new Map<number, number>();
    for (const label of fast.labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    expect(counts.get(2)).toBeGreaterThan(10000);
    expect(counts.get(3)).toBeGreaterThan(10000);
    expect(counts.get(5)).toBeGreaterThan(1000);
  });
});
