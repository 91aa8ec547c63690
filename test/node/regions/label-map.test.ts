import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { buildLabelMap } from '../../../electron/core/regions/label-map';
import type { Region } from '../../../electron/core/regions/region';
import { maskFromSortedIndices } from '../../../electron/core/regions/region-mask';

const DIMS: Vec3 = [4, 3, 2];
const idx = (i: number, j: number, k: number): number => k * DIMS[0] * DIMS[1] + j * DIMS[0] + i;

function region(id: string, over: Partial<Region>, indices: number[] | null): Region {
  return {
    id, label: id, kind: 'anatomy', code: null, laterality: null, zone: null, volumeId: '1.2', seriesInstanceUid: null,
    frameOfReferenceUid: null, voxelBox: { min: [0, 0, 0], max: [0, 0, 0] }, worldBox: { min: [0, 0, 0], max: [0, 0, 0] },
    centroid: [0, 0, 0], volumeMl: 0, diameterMm: null, meanHu: null, confidence: 1, runId: 'r',
    mask: indices ? maskFromSortedIndices([...indices].sort((a, b) => a - b), DIMS) : null,
    ...over,
  };
}

describe('buildLabelMap', () => {
  // The finding is listed first but must still be painted over the right lung.
  const nodule = region('nodule-1', { label: 'nodule', kind: 'finding', laterality: 'right', diameterMm: 8 }, [idx(1, 1, 1)]);
  const right = region('lung-r', { label: 'right lung', laterality: 'right' }, [idx(0, 0, 1), idx(1, 0, 1), idx(0, 1, 1), idx(1, 1, 1)]);
  const left = region('lung-l', { label: 'left lung', laterality: 'left' }, [idx(3, 2, 0)]);
  const zone = region('zone-r', { label: 'right lower lung zone', laterality: 'right', zone: 'lower' }, [idx(2, 2, 1)]);
  const body = region('body', { label: 'body' }, [idx(2, 0, 0)]);
  const measurement = region('m', { kind: 'measurement' }, null);
  const map = buildLabelMap([nodule, right, zone, left, body, measurement], DIMS);
  const valueOf = (id: string): number => map.labels.find((l) => l.regionId === id)!.value;

  it('lists anatomy before findings and skips zones, the body and maskless regions', () => {
    expect(map.labels.map((l) => l.regionId)).toEqual(['lung-r', 'lung-l', 'nodule-1']);
    expect(map.labels.map((l) => l.value)).toEqual([1, 2, 3]);
    expect(map.dims).toEqual(DIMS);
  });

  it('paints each mask with its value, findings over anatomy, in the volume grid (i fastest)', () => {
    expect(map.data.length).toBe(24);
    expect(map.data[idx(1, 1, 1)]).toBe(valueOf('nodule-1'));
    expect(map.data[idx(0, 0, 1)]).toBe(valueOf('lung-r'));
    expect(map.data[idx(1, 0, 1)]).toBe(valueOf('lung-r'));
    expect(map.data[idx(0, 1, 1)]).toBe(valueOf('lung-r'));
    expect(map.data[idx(3, 2, 0)]).toBe(valueOf('lung-l'));
    expect(map.data[idx(2, 2, 1)]).toBe(0); // zone only
    expect(map.data[idx(2, 0, 0)]).toBe(0); // body only
    expect([...map.data].filter((v) => v !== 0).length).toBe(5);
  });

  it('gives the two lungs different hues and findings a color of their own', () => {
    const colors = map.labels.map((l) => l.color.join(','));
    expect(new Set(colors).size).toBe(3);
  });

  it('skips masks of another grid', () => {
    const other = region('x', { label: 'right lung', laterality: 'right' }, null);
    other.mask = { dims: [8, 3, 2], slices: [{ k: 0, runs: [0, 2] }] };
    expect(buildLabelMap([other], DIMS).labels).toEqual([]);
  });
});
