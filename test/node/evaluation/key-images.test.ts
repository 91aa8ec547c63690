/** Key images of misses and false positives (rendered by the report exports' key-image code). */
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../../electron/core/evaluation/evaluate-case';
import { caseKeyImages } from '../../../electron/core/evaluation/key-images';
import { lesionsFromMarks } from '../../../electron/core/evaluation/reference-lesions';
import { maskToIndices } from '../../../electron/core/regions/region-mask';
import { boxMask, findingRegion, syntheticVolume } from './support/synthetic';

describe('evaluation key images', () => {
  it('one PNG per missed counted lesion (>= 3 mm) and per false positive, on the slice through each', () => {
    const dims: [number, number, number] = [32, 32, 8];
    const volume = syntheticVolume(dims, [1, 1, 1], [0, 0, 0]);
    const marks = [
      { reader: 'a', voxels: maskToIndices(boxMask(dims, [20, 10, 2], [25, 15, 3])) },
      { reader: 'a', voxels: maskToIndices(boxMask(dims, [2, 2, 6], [2, 2, 6])) }, // a 1-voxel mark: under 3 mm, no image
    ];
    const lesions = lesionsFromMarks(marks, volume, 'test', 16, 1);
    const fp = findingRegion('fp', 'nodule', dims, [5, 20, 5], [8, 23, 5], 'right');
    const result = {
      id: 'c',
      lesions: lesions.map((l) => ({ ...l, found: false })),
      falsePositives: [{ id: 'fp', label: 'nodule', laterality: 'right', zone: null, diameterMm: 4, confidence: 0.8, centroid: fp.centroid }],
    } as unknown as CaseResult;
    const images = caseKeyImages(result, { volume, regions: [fp], lesions });
    expect(images.map((i) => [i.kind, i.sliceIndex])).toEqual([
      ['miss', 3],
      ['false-positive', 5],
    ]);
    for (const i of images) expect([...i.png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(images[0]!.caption).toMatch(/missed: .* mm lesion, patient's left/);
  });
});
