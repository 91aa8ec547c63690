/** Unit tests of the chest-ct building blocks, and the whole analysis on a small synthetic chest. */
import { describe, expect, it } from 'vitest';
import { analyzeChestCt } from '../../../electron/core/analysis/chest-ct';
import { decide, type FindingFeatures } from '../../../electron/core/analysis/chest-ct/finding-rules';
import { fillHolesPerSlice, geodesicGrow, label3d } from '../../../electron/core/analysis/chest-ct/mask-ops';
import { maskFromVoxels, masksFromWorkingLabels } from '../../../electron/core/analysis/chest-ct/region-masks';
import { nearestWorkingIndex, resampleToWorkingGrid, workingGridFor } from '../../../electron/core/analysis/chest-ct/working-grid';
import { zoneAt } from '../../../electron/core/analysis/chest-ct/zones';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { isRadGroundError } from '../../../electron/core/errors/radground-error';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import type { Volume } from '../../../electron/core/volume-assembly/volume';
import { decodeMask, runChestCt } from './support/chest-ct';

function volumeOf(dims: Vec3, spacing: Vec3, fill: (i: number, j: number, k: number) => number, extra: Partial<Volume> = {}): Volume {
  const scalars = new Int16Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) scalars[(k * dims[1] + j) * dims[0] + i] = fill(i, j, k);
  return {
    scalars,
    dims,
    spacing,
    origin: [-(dims[0] * spacing[0]) / 2, -(dims[1] * spacing[1]) / 2, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    units: 'HU',
    modality: 'CT',
    frameOfReferenceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.4',
    sopInstanceUids: Array.from({ length: dims[2] }, () => null),
    invertForDisplay: false,
    defaultWindow: null,
    warnings: [],
    ...extra,
  };
}

describe('working grid', () => {
  const v = volumeOf([100, 80, 12], [0.8, 0.8, 5], (i, j, k) => 3 * i + 2 * j + 10 * k);
  const g = workingGridFor(v);

  it('has the fixed working spacing along the volume axes, centred on the volume', () => {
    expect(g.spacing).toEqual([2, 2, 2.5]);
    expect(g.dims).toEqual([40, 32, 24]);
    indexToWorld(v, g.offset).forEach((x, a) => expect(x).toBeCloseTo(g.origin[a]!, 9));
    // Centres coincide: working centre maps to the original centre.
    for (const a of [0, 1, 2] as const) expect(g.offset[a] + ((g.dims[a] - 1) / 2) * g.ratio[a]).toBeCloseTo((v.dims[a] - 1) / 2, 9);
  });

  it('resamples a linear ramp to the ramp at the mapped positions (away from the clamped borders)', () => {
    const hu = resampleToWorkingGrid(v, g);
    const [mx, my] = g.dims;
    for (const [i, j, k] of [[10, 10, 5], [20, 15, 12], [30, 25, 18]] satisfies Vec3[]) {
      const u: Vec3 = [g.offset[0] + i * g.ratio[0], g.offset[1] + j * g.ratio[1], g.offset[2] + k * g.ratio[2]];
      // A tent sampled at integer positions is not exactly symmetric: within a tenth of a voxel.
      expect(Math.abs(hu[(k * my + j) * mx + i]! - (3 * u[0] + 2 * u[1] + 10 * u[2]))).toBeLessThan(0.3);
    }
  });

  it('maps every original index to its nearest working index', () => {
    const wi = nearestWorkingIndex(g, 0);
    for (let t = 0; t < v.dims[0]; t++) {
      const exact = (t - g.offset[0]) / g.ratio[0];
      expect(Math.abs(wi[t]! - Math.min(g.dims[0] - 1, Math.max(0, exact)))).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });
});

describe('masks', () => {
  it('labels 6-connected components, fills per-slice holes and grows geodesically', () => {
    const dims: Vec3 = [6, 5, 2];
    const m = new Uint8Array(60);
    const set = (i: number, j: number, k: number) => (m[(k * 5 + j) * 6 + i] = 1);
    // a ring in slice 0 (hole at 2,2), a separate voxel diagonal to it in slice 1
    for (const [i, j] of [[1, 1], [2, 1], [3, 1], [1, 2], [3, 2], [1, 3], [2, 3], [3, 3]] satisfies [number, number][]) set(i, j, 0);
    set(4, 4, 1);
    const cc = label3d(m, dims);
    expect(cc.count).toBe(2);
    expect([...cc.sizes].slice(1).sort()).toEqual([1, 8]);
    fillHolesPerSlice(m, dims);
    expect(m[(0 * 5 + 2) * 6 + 2]).toBe(1);
    expect(m[0]).toBe(0);
    const seeds = new Uint8Array(60);
    seeds[(0 * 5 + 1) * 6 + 1] = 1;
    seeds[(0 * 5 + 3) * 6 + 3] = 2;
    geodesicGrow(seeds, m, dims);
    expect(seeds[(0 * 5 + 1) * 6 + 2]).toBe(1);
    expect(seeds[(0 * 5 + 3) * 6 + 2]).toBe(2);
    expect(seeds[(1 * 5 + 4) * 6 + 4]).toBe(0); // not connected
  });

  it('encodes original-grid voxels as maximal runs per slice, with box, centroid and mean', () => {
    const dims: Vec3 = [4, 3, 2];
    const scalars = new Int16Array(24).map((_, p) => p);
    // row end (3) and next row start (4) are contiguous in j*nx+i: one run
    const stats = maskFromVoxels(Int32Array.from([3, 4, 5, 10, 12 + 0]), dims, scalars)!;
    expect(stats.mask.slices).toEqual([
      { k: 0, runs: [3, 3, 10, 1] },
      { k: 1, runs: [0, 1] },
    ]);
    expect(stats.voxels).toBe(5);
    expect(stats.min).toEqual([0, 0, 0]);
    expect(stats.max).toEqual([3, 2, 1]);
    expect(stats.meanHu).toBeCloseTo((3 + 4 + 5 + 10 + 12) / 5, 9);
  });

  it('maps a working-grid label map back to the original grid by nearest working voxel', () => {
    const v = volumeOf([40, 40, 8], [1, 1, 2.5], () => 0);
    const g = workingGridFor(v); // 20 x 20 x 8
    const labels = new Uint8Array(g.dims[0] * g.dims[1] * g.dims[2]);
    for (let k = 2; k < 4; k++) for (let j = 5; j < 10; j++) for (let i = 5; i < 10; i++) labels[(k * g.dims[1] + j) * g.dims[0] + i] = 1;
    const [m] = masksFromWorkingLabels(labels, g, v.scalars, 1, (l) => (l ? 0 : -1));
    expect(m!.voxels).toBe(2 * 10 * 10); // each working voxel is 2 x 2 x 1 original voxels
    const dense = decodeMask(m!.mask);
    expect(dense.reduce((a, b) => a + b, 0)).toBe(200);
  });
});

describe('zones and finding rules', () => {
  it('splits a lung into craniocaudal thirds', () => {
    const e = { top: 90, bottom: -90, truncated: false };
    expect(zoneAt(e, 80)).toBe('upper');
    expect(zoneAt(e, 0)).toBe('middle');
    expect(zoneAt(e, -80)).toBe('lower');
  });

  const round: FindingFeatures = {
    diameterMm: 8, volumeMl: 0.27, meanHu: 10, contrastHu: 850, elongation: 1.1, fill: 0.9, cutRatio: 0, cutFraction: 0,
    wallFraction: 0, lungFraction: 0.95, depthMm: 20, equivalentRadiusMm: 4, blobness: 150, axialAspect: 1.1, slices: 4,
    seedRadiusMm: 4.3, adjacentRatio: 0,
  };

  it('accepts round isolated lesions, rejects tubes, branches, wedges and vessels that go on', () => {
    expect(decide(round)).toMatchObject({ accepted: true, label: 'nodule' });
    expect(decide({ ...round, diameterMm: 35, volumeMl: 20 })).toMatchObject({ accepted: true, label: 'mass' });
    expect(decide({ ...round, elongation: 3 }).accepted).toBe(false);
    expect(decide({ ...round, fill: 0.4 }).accepted).toBe(false);
    expect(decide({ ...round, cutRatio: 1 }).accepted).toBe(false);
    expect(decide({ ...round, adjacentRatio: 1 }).accepted).toBe(false);
    expect(decide({ ...round, axialAspect: 3 }).accepted).toBe(false);
    expect(decide({ ...round, depthMm: 1 }).accepted).toBe(false);
    expect(decide({ ...round, diameterMm: 3 }).accepted).toBe(false);
    expect(decide({ ...round, meanHu: 600 }).accepted).toBe(false);
  });

  it('gives a confidence in (0, 1] that grows with roundness, contrast and size', () => {
    const c = decide(round).confidence;
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThanOrEqual(1);
    expect(decide({ ...round, contrastHu: 300 }).confidence).toBeLessThan(c);
    expect(decide({ ...round, elongation: 1.8 }).confidence).toBeLessThan(c);
    expect(decide({ ...round, diameterMm: 4.5 }).confidence).toBeLessThan(c);
  });
});

describe('analyzeChestCt input checks', () => {
  const tiny = volumeOf([16, 16, 4], [1, 1, 2.5], () => 0);
  const never = async () => {
    throw new Error('should not run');
  };

  it('refuses non-CT volumes and non-axial slices', async () => {
    const mr = { ...tiny, units: 'raw' as const, modality: 'MR' };
    await expect(analyzeChestCt(mr, never)).rejects.toSatisfy((e: unknown) => isRadGroundError(e) && e.code === 'UNSUPPORTED_INPUT');
    const sagittal: Volume = { ...tiny, direction: [0, 1, 0, 0, 0, -1, 1, 0, 0] };
    await expect(analyzeChestCt(sagittal, never)).rejects.toSatisfy((e: unknown) => isRadGroundError(e) && e.code === 'UNSUPPORTED_INPUT');
  });

  it('reports a graph that does not honour the contract as MODEL_INVALID', async () => {
    const wrong = async () => ({ body: { data: new Float32Array(1), dims: [1] } });
    await expect(analyzeChestCt(tiny, wrong)).rejects.toSatisfy((e: unknown) => isRadGroundError(e) && e.code === 'MODEL_INVALID');
  });

  it('stops with CANCELLED when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(analyzeChestCt(tiny, never, { signal: ac.signal })).rejects.toSatisfy((e: unknown) => isRadGroundError(e) && e.code === 'CANCELLED');
  });
});

describe('analyzeChestCt on a synthetic chest', () => {
  it('finds two lungs and a 10 mm nodule in the right upper zone, and nothing else', async () => {
    // 0.9 x 0.9 x 2.5 mm, 220 x 180 x 80: an elliptic body (chest wall >= 13 mm), two lung
    // ellipsoids (-850 HU) with
    // vertical vessels (3 mm, 40 HU), a 10 mm nodule in the right lung's upper third.
    const sp: Vec3 = [0.9, 0.9, 2.5];
    const nodule: Vec3 = [-55, -10, 140];
    const v = volumeOf([220, 180, 80], sp, (i, j, k) => {
      const x = -99 + i * sp[0], y = -81 + j * sp[1], z = k * sp[2];
      if ((x / 95) ** 2 + (y / 75) ** 2 > 1) return -1000;
      for (const cx of [-50, 50]) {
        const inLung = ((x - cx) / 32) ** 2 + (y / 50) ** 2 + ((z - 100) / 85) ** 2 <= 1;
        if (!inLung) continue;
        if ((x - nodule[0]) ** 2 + (y - nodule[1]) ** 2 + (z - nodule[2]) ** 2 <= 25) return 40;
        if ((x - cx - 15) ** 2 + (y - 20) ** 2 <= 2.25) return 40; // a vessel along z
        return -850;
      }
      return 30;
    });
    const res = await runChestCt(v);
    const right = res.regions.find((r) => r.label === 'right lung')!;
    const left = res.regions.find((r) => r.label === 'left lung')!;
    // Ellipsoids of 32 x 50 x 85 mm semi-axes: 570 mL each.
    expect(right.volumeMl).toBeGreaterThan(520);
    expect(right.volumeMl).toBeLessThan(620);
    expect(left.volumeMl).toBeGreaterThan(520);
    expect(left.volumeMl).toBeLessThan(620);
    expect(right.centroid[0]).toBeLessThan(0);
    const findings = res.regions.filter((r) => r.kind === 'finding');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ label: 'nodule', laterality: 'right', zone: 'upper' });
    const finding = findings[0]!;
    expect(finding.diameterMm!).toBeGreaterThan(8.5);
    expect(finding.diameterMm!).toBeLessThan(11.5);
    finding.centroid.forEach((c, a) => expect(Math.abs(c - nodule[a]!)).toBeLessThan(2));
  });
});
