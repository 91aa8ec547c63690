import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { axialAxisOf, convexHull2d, longestAxialDiameterMm } from '../../../electron/core/regions/axial-diameter';
import { lateralityOf } from '../../../electron/core/regions/laterality';
import { maskToIndices, paintMask } from '../../../electron/core/regions/region-mask';
import { regionsFromLabelVolume, type LabelSpec } from '../../../electron/core/regions/regions-from-label-volume';
import type { Mat3, Volume } from '../../../electron/core/volume-assembly/volume';

function vol(dims: Vec3, geometry: { spacing?: Vec3; origin?: Vec3; direction?: Mat3; units?: 'HU' | 'raw' } = {}, scalars?: Int16Array): Volume {
  return {
    scalars: scalars ?? new Int16Array(dims[0] * dims[1] * dims[2]),
    dims,
    spacing: geometry.spacing ?? [1, 1, 1],
    origin: geometry.origin ?? [0, 0, 0],
    direction: geometry.direction ?? [1, 0, 0, 0, 1, 0, 0, 0, 1],
    units: geometry.units ?? 'HU',
    modality: 'CT',
    frameOfReferenceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.4',
    sopInstanceUids: [],
    invertForDisplay: false,
    defaultWindow: null,
    warnings: [],
  };
}

function paint(labels: Uint8Array, dims: Vec3, lo: Vec3, hi: Vec3, v: number): void {
  for (let k = lo[2]; k <= hi[2]; k++) for (let j = lo[1]; j <= hi[1]; j++) for (let i = lo[0]; i <= hi[0]; i++) labels[i + dims[0] * (j + dims[1] * k)] = v;
}

const nodule: LabelSpec = { value: 1, label: 'nodule', kind: 'finding', code: { scheme: 'SCT', value: '27925004', meaning: 'Nodule' } };

describe('regionsFromLabelVolume', () => {
  it('boxes, centroid, volume, mean HU, diameter of a box-shaped finding', () => {
    const dims: Vec3 = [20, 16, 10];
    const spacing: Vec3 = [0.5, 0.8, 2.5];
    const origin: Vec3 = [-10, 20, 100];
    const scalars = new Int16Array(20 * 16 * 10).map((_, q) => q % 7);
    const v = vol(dims, { spacing, origin }, scalars);
    const labels = new Uint8Array(scalars.length);
    paint(labels, dims, [2, 3, 4], [6, 5, 6], 1); // 5 x 3 x 3 = 45 voxels
    const [r] = regionsFromLabelVolume(labels, v, [nodule]);
    expect(r).toBeDefined();
    expect(r!.voxelBox).toEqual({ min: [2, 3, 4], max: [6, 5, 6] });
    // axis-aligned: world box = voxel edges
    expect(r!.worldBox.min).toEqual([-10 + 1.5 * 0.5, 20 + 2.5 * 0.8, 100 + 3.5 * 2.5].map((x) => expect.closeTo(x, 9)));
    expect(r!.worldBox.max).toEqual([-10 + 6.5 * 0.5, 20 + 5.5 * 0.8, 100 + 6.5 * 2.5].map((x) => expect.closeTo(x, 9)));
    expect(r!.centroid).toEqual([-10 + 4 * 0.5, 20 + 4 * 0.8, 100 + 5 * 2.5].map((x) => expect.closeTo(x, 9)));
    expect(r!.volumeMl).toBeCloseTo((45 * 0.5 * 0.8 * 2.5) / 1000, 12);
    let sum = 0;
    for (let q = 0; q < labels.length; q++) if (labels[q]) sum += scalars[q]!;
    expect(r!.meanHu).toBeCloseTo(sum / 45, 12);
    // axial slices are k: the longest in-slice distance is the corner-to-corner diagonal of 5 x 3 voxel centres
    expect(r!.diameterMm).toBeCloseTo(Math.hypot(4 * 0.5, 2 * 0.8), 12);
    expect(r!.code).toEqual(nodule.code);
    expect(r!.kind).toBe('finding');
    expect(r!.seriesInstanceUid).toBe('1.2.3.4');
    expect(r!.frameOfReferenceUid).toBe('1.2.3');
    expect(r!.laterality).toBeNull();
    expect(r!.confidence).toBe(1);
    // the mask is exactly the painted voxels
    const back = new Uint8Array(labels.length);
    paintMask(r!.mask!, back, 1);
    expect(back).toEqual(labels);
  });

  it('world box under an oblique direction: the 8 transformed corners of the voxel box, axis-aligned in LPS', () => {
    const a = Math.PI / 6;
    const b = Math.PI / 9;
    // rotation about z by a, then about x by b (columns = unit axis vectors)
    const rz = [Math.cos(a), Math.sin(a), 0, -Math.sin(a), Math.cos(a), 0, 0, 0, 1];
    const c0: Vec3 = [rz[0]!, rz[1]! * Math.cos(b), rz[1]! * Math.sin(b)];
    const c1: Vec3 = [rz[3]!, rz[4]! * Math.cos(b), rz[4]! * Math.sin(b)];
    const c2: Vec3 = [0, -Math.sin(b), Math.cos(b)];
    const direction: Mat3 = [...c0, ...c1, ...c2] as Mat3;
    const dims: Vec3 = [16, 16, 8];
    const v = vol(dims, { direction, spacing: [0.7, 0.9, 3], origin: [5, -7, 30] });
    const labels = new Uint8Array(16 * 16 * 8);
    paint(labels, dims, [3, 4, 1], [9, 7, 2], 1);
    const [r] = regionsFromLabelVolume(labels, v, [nodule]);
    const corners: Vec3[] = [];
    for (const i of [2.5, 9.5]) for (const j of [3.5, 7.5]) for (const k of [0.5, 2.5]) corners.push(indexToWorld(v, [i, j, k]));
    for (let ax = 0; ax < 3; ax++) {
      expect(r!.worldBox.min[ax]).toBeCloseTo(Math.min(...corners.map((c) => c[ax]!)), 9);
      expect(r!.worldBox.max[ax]).toBeCloseTo(Math.max(...corners.map((c) => c[ax]!)), 9);
    }
    expect(r!.centroid).toEqual(indexToWorld(v, [6, 5.5, 1.5]).map((x) => expect.closeTo(x, 9)));
    // the volume is independent of the rotation
    expect(r!.volumeMl).toBeCloseTo((7 * 4 * 2 * 0.7 * 0.9 * 3) / 1000, 12);
  });

  it('min size, components per label, largest first, labels in the given order', () => {
    const dims: Vec3 = [30, 30, 4];
    const labels = new Uint8Array(30 * 30 * 4);
    paint(labels, dims, [0, 0, 0], [1, 1, 0], 2); // 4 voxels of label 2
    paint(labels, dims, [10, 10, 0], [11, 10, 0], 1); // 2 voxels
    paint(labels, dims, [20, 20, 0], [24, 24, 1], 1); // 50 voxels
    paint(labels, dims, [5, 20, 2], [6, 21, 2], 1); // 4 voxels
    const liver: LabelSpec = { value: 2, label: 'liver', kind: 'anatomy' };
    const all = regionsFromLabelVolume(labels, vol(dims), [nodule, liver]);
    expect(all.map((r) => [r.label, Math.round(r.volumeMl * 1000)])).toEqual([
      ['nodule', 50],
      ['nodule', 4],
      ['nodule', 2],
      ['liver', 4],
    ]);
    expect(regionsFromLabelVolume(labels, vol(dims), [nodule], { minSizeVoxels: 3 }).map((r) => r.volumeMl * 1000)).toEqual([50, 4].map((x) => expect.closeTo(x, 9)));
    // one region per label
    const merged = regionsFromLabelVolume(labels, vol(dims), [nodule], { connectedComponents: false });
    expect(merged).toHaveLength(1);
    expect(merged[0]!.volumeMl * 1000).toBeCloseTo(56, 9);
    expect(maskToIndices(merged[0]!.mask!).length).toBe(56);
    // anatomy has no diameter unless asked; findings do
    expect(all.at(-1)!.diameterMm).toBeNull();
    expect(regionsFromLabelVolume(labels, vol(dims), [liver], { diameters: 'all' })[0]!.diameterMm).toBeCloseTo(Math.SQRT2, 9);
  });

  it('laterality from the midline (LPS +x = patient left), or fixed by the label', () => {
    const dims: Vec3 = [40, 10, 3];
    const v = vol(dims, { origin: [-20, 0, 0] }); // x = i - 20; midline x = 0 between i = 19 and 20
    const labels = new Uint8Array(40 * 10 * 3);
    paint(labels, dims, [30, 2, 1], [34, 4, 1], 1); // x = 10..14: patient left
    paint(labels, dims, [2, 2, 1], [6, 4, 1], 1); // x = -18..-14: right
    paint(labels, dims, [17, 6, 1], [22, 8, 1], 1); // straddles the midline
    const rs = regionsFromLabelVolume(labels, v, [nodule], { midlineX: 0, connectivity: 6 });
    const byX = rs.sort((a, b) => a.centroid[0] - b.centroid[0]).map((r) => r.laterality);
    expect(byX).toEqual(['right', 'midline', 'left']);
    // the label as a whole spreads over both sides
    expect(regionsFromLabelVolume(labels, v, [nodule], { midlineX: 0, connectedComponents: false })[0]!.laterality).toBe('bilateral');
    expect(regionsFromLabelVolume(labels, v, [{ ...nodule, laterality: 'left' }], { midlineX: 0 }).every((r) => r.laterality === 'left')).toBe(true);
    expect(lateralityOf(0.95, true)).toBe('left');
    expect(lateralityOf(0.05, false)).toBe('right');
  });

  it('confidence is the mean of a per-voxel map; meanHu is null for non-HU volumes', () => {
    const dims: Vec3 = [4, 4, 1];
    const labels = new Uint8Array(16);
    labels[0] = labels[1] = 1;
    const conf = new Float32Array(16).fill(0.2);
    conf[0] = 0.5;
    conf[1] = 0.9;
    const [r] = regionsFromLabelVolume(labels, vol(dims, { units: 'raw' }), [nodule], { confidence: conf, runId: 'run-1', volumeId: 'vol-1', zone: 'upper' });
    expect(r!.confidence).toBeCloseTo(0.7, 6);
    expect(r!.meanHu).toBeNull();
    expect(r).toMatchObject({ runId: 'run-1', volumeId: 'vol-1', zone: 'upper' });
  });
});

describe('longest axial diameter', () => {
  it('picks the axial axis by the patient z direction (k for axial CT, j for an LIA brain)', () => {
    expect(axialAxisOf([1, 0, 0, 0, 1, 0, 0, 0, 1])).toBe(2);
    expect(axialAxisOf([1, 0, 0, 0, 0, -1, 0, -1, 0])).toBe(1);
    expect(axialAxisOf([0, 0, 1, 1, 0, 0, 0, 1, 0])).toBe(0);
  });

  it('matches a brute-force search over all voxel pairs on an irregular shape', () => {
    const dims: Vec3 = [24, 20, 3];
    const m: Mat3 = [0.7, 0, 0, 0.3, 0.9, 0, 0, 0, 2]; // sheared in-plane
    const dir: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const voxels: number[] = [];
    let s = 12345;
    for (let q = 0; q < 24 * 20; q++) {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      if (s % 5 === 0) voxels.push(q + 24 * 20); // slice k = 1
    }
    let best = 0;
    for (const a of voxels)
      for (const b of voxels) {
        const di = (a % 24) - (b % 24);
        const dj = Math.floor((a % 480) / 24) - Math.floor((b % 480) / 24);
        best = Math.max(best, Math.hypot(di * 0.7 + dj * 0.3, dj * 0.9));
      }
    const box = { min: [0, 0, 1] as Vec3, max: [23, 19, 1] as Vec3 };
    expect(longestAxialDiameterMm(voxels, dims, m, dir, box)).toBeCloseTo(best, 9);
  });

  it('convex hull keeps only the extreme points', () => {
    const hull = convexHull2d([0, 0, 2, 0, 1, 1, 2, 2, 0, 2, 1, 0]);
    expect(hull.length / 2).toBe(4);
  });
});
