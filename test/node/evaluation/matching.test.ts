/** Matching rules: centre in the finding's mask, or 3D IoU >= 0.1 of the world boxes; false positives; lesion-type labels. */
import { describe, expect, it } from 'vitest';
import { isLesionFinding, maskContains, matchesAnyLesion, matchLesion, worldBoxIou } from '../../../electron/core/evaluation/matching';
import { boxMask, findingRegion, syntheticVolume } from './support/synthetic';

const dims: [number, number, number] = [50, 50, 20];
// Unit spacing at the origin: world = index.
const volume = syntheticVolume(dims, [1, 1, 1], [0, 0, 0]);
const lesion = (min: [number, number, number], max: [number, number, number]) => ({
  centre: min.map((v, a) => (v + max[a]!) / 2) as [number, number, number],
  worldBox: { min: min.map((v) => v - 0.5) as [number, number, number], max: max.map((v) => v + 0.5) as [number, number, number] },
  mask: boxMask(dims, min, max),
});

describe('evaluation matching rules', () => {
  it('maskContains reads the RLE runs of the right slice', () => {
    const m = boxMask(dims, [10, 10, 5], [12, 11, 6]);
    expect(maskContains(m, [10, 10, 5])).toBe(true);
    expect(maskContains(m, [12, 11, 6])).toBe(true);
    expect(maskContains(m, [13, 11, 6])).toBe(false);
    expect(maskContains(m, [10, 10, 7])).toBe(false);
    expect(maskContains(m, [-1, 10, 5])).toBe(false);
  });

  it('worldBoxIou: identical 1, disjoint 0, half-overlapping cubes 1/3', () => {
    const a = { min: [0, 0, 0] as [number, number, number], max: [2, 2, 2] as [number, number, number] };
    expect(worldBoxIou(a, a)).toBe(1);
    expect(worldBoxIou(a, { min: [3, 3, 3], max: [4, 4, 4] })).toBe(0);
    expect(worldBoxIou(a, { min: [1, 0, 0], max: [3, 2, 2] })).toBeCloseTo(1 / 3, 10);
  });

  it('found by the centre in the mask even with a small IoU (a large mass around a small lesion)', () => {
    const l = lesion([20, 20, 9], [21, 21, 10]);
    const mass = findingRegion('m', 'mass', dims, [5, 5, 2], [40, 40, 17], 'left');
    expect(worldBoxIou(mass.worldBox, l.worldBox)).toBeLessThan(0.1);
    expect(matchLesion(l, [mass], volume)).toMatchObject({ region: { id: 'm' }, centreInMask: true });
  });

  it('found by IoU >= 0.1 when the centre falls outside the mask; not found below 0.1', () => {
    const l = lesion([10, 10, 5], [19, 19, 14]); // 10^3 voxels, centre (14.5, 14.5, 9.5)
    const beside = findingRegion('b', 'nodule', dims, [16, 10, 5], [22, 19, 14], 'right'); // overlaps 4/10 in x
    const m = matchLesion(l, [beside], volume)!;
    expect(m.centreInMask).toBe(false);
    expect(m.iou).toBeCloseTo((4 * 100) / (1000 + 700 - 400), 5);
    const far = findingRegion('f', 'nodule', dims, [19, 19, 14], [30, 30, 19], 'right');
    expect(worldBoxIou(far.worldBox, l.worldBox)).toBeLessThan(0.1);
    expect(matchLesion(l, [far], volume)).toBeNull();
  });

  it('prefers the finding holding the centre, then the higher IoU', () => {
    const l = lesion([10, 10, 5], [19, 19, 14]);
    const overlapping = findingRegion('iou', 'nodule', dims, [11, 10, 5], [19, 19, 14], 'left'); // IoU 0.9, holds centre too
    const holding = findingRegion('hold', 'mass', dims, [14, 14, 9], [15, 15, 10], 'left'); // holds centre, small IoU
    expect(matchLesion(l, [holding, overlapping], volume)!.region.id).toBe('iou');
    const offCentre = findingRegion('off', 'nodule', dims, [10, 10, 5], [13, 19, 14], 'left'); // IoU 0.4, no centre
    expect(matchLesion(l, [offCentre, holding], volume)!.region.id).toBe('hold');
  });

  it('false positives: a finding matching no lesion; one whose centroid is inside a lesion is explained', () => {
    const l = lesion([10, 10, 5], [39, 39, 14]);
    const inside = findingRegion('in', 'nodule', dims, [35, 35, 12], [36, 36, 13], 'left');
    const outside = findingRegion('out', 'nodule', dims, [44, 44, 16], [46, 46, 18], 'left');
    expect(matchesAnyLesion(inside, [l], volume)).toBe(true);
    expect(matchesAnyLesion(outside, [l], volume)).toBe(false);
  });

  it('lesion-type findings are nodules, masses, consolidation; asymmetry and anatomy are not', () => {
    const f = (label: string) => findingRegion(label, label, dims, [0, 0, 0], [1, 1, 1], null);
    expect(isLesionFinding(f('nodule'))).toBe(true);
    expect(isLesionFinding(f('mass'))).toBe(true);
    expect(isLesionFinding(f('consolidation'))).toBe(true);
    expect(isLesionFinding(f('lung volume asymmetry'))).toBe(false);
    expect(isLesionFinding({ ...f('nodule'), kind: 'anatomy' })).toBe(false);
  });
});
