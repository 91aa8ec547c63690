/**
 * The readers behind restoring a report from its SR + SEG: SEG frames placed into another volume's
 * grid by their own positions (shifted and coarser grids), person names and DICOM date-times back
 * to text, and the tracking pair a restored region keeps.
 */
import { describe, expect, it } from 'vitest';
import { maskToIndices } from '../../../electron/core/regions/region-mask';
import type { Region } from '../../../electron/core/regions/region';
import { maskExtent, segmentMaskInGrid, type SegDocument } from '../../../electron/core/standards/seg-reader';
import { dicomDateTimeToIso, personNameText } from '../../../electron/core/standards/sr-reader';
import { importedRegionId, trackingOf } from '../../../electron/core/standards/tracking';

/** A 4x4 SEG, one frame per z in `zs`, with the pixels (row, column) set. */
function seg(zs: number[], pixels: [number, number][]): SegDocument {
  const frameSize = 16;
  const bits = new Uint8Array(Math.ceil((zs.length * frameSize) / 8));
  zs.forEach((_z, n) => {
    for (const [r, c] of pixels) {
      const bit = n * frameSize + r * 4 + c;
      bits[bit >> 3]! |= 1 << (bit & 7);
    }
  });
  return {
    sopInstanceUid: '2.25.1',
    referencedSeriesUid: null,
    frameOfReferenceUid: null,
    rows: 4,
    columns: 4,
    pixelSpacing: [1, 1],
    segments: [{ number: 1, label: 'x', anatomy: false, type: null, trackingId: null, trackingUid: null }],
    frames: zs.map((z) => ({ segment: 1, position: [10, 20, z], rowDir: [1, 0, 0], colDir: [0, 1, 0] })),
    bits,
  };
}

const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];

describe('SEG frames into a volume grid', () => {
  it('on the same grid every pixel lands on its voxel; extent and centroid follow', () => {
    const g = { dims: [4, 4, 3] as [number, number, number], spacing: [1, 1, 2] as [number, number, number], origin: [10, 20, 0] as [number, number, number], direction: identity };
    const placed = segmentMaskInGrid(seg([2, 4], [[1, 2], [3, 3]]), 1, g);
    expect(placed.outside).toBe(0);
    expect([...maskToIndices(placed.mask!)]).toEqual([16 + 6, 16 + 15, 32 + 6, 32 + 15]);
    const e = maskExtent(placed.mask!, g);
    expect(e.voxelBox).toEqual({ min: [2, 1, 1], max: [3, 3, 2] });
    expect(e.worldBox).toEqual({ min: [11.5, 20.5, 1], max: [13.5, 23.5, 5] });
    expect(e.centroid).toEqual([12.5, 22, 3]);
  });

  it('on a shifted grid the voxels shift; pixels outside it are counted, not placed', () => {
    const g = { dims: [4, 4, 1] as [number, number, number], spacing: [1, 1, 1] as [number, number, number], origin: [11, 20, 4] as [number, number, number], direction: identity };
    const placed = segmentMaskInGrid(seg([4], [[0, 0], [0, 1], [2, 3]]), 1, g);
    expect(placed.outside).toBe(1); // column 0 lies at x = 10, left of the grid
    expect([...maskToIndices(placed.mask!)]).toEqual([0, 2 * 4 + 2]);
  });

  it('on a coarser grid pixels go to the nearest voxel', () => {
    const g = { dims: [2, 2, 1] as [number, number, number], spacing: [2, 2, 1] as [number, number, number], origin: [10.5, 20.5, 0] as [number, number, number], direction: identity };
    const placed = segmentMaskInGrid(seg([0], [[0, 0], [0, 1], [3, 3]]), 1, g);
    expect([...maskToIndices(placed.mask!)]).toEqual([0, 3]);
    expect(segmentMaskInGrid(seg([0], [[0, 0]]), 2, g).mask).toBeNull();
  });
});

describe('SR values back to text', () => {
  it('person names', () => {
    expect(personNameText([{ Alphabetic: 'Reader^Jane' }])).toBe('Jane Reader');
    expect(personNameText('Doe^Jane^Q^Dr')).toBe('Dr Jane Q Doe');
    expect(personNameText('Solo')).toBe('Solo');
    expect(personNameText(undefined)).toBeNull();
  });

  it('date-times with and without offsets, and date + time', () => {
    expect(dicomDateTimeToIso('20261207103248+0000 ')).toBe('2026-12-07T10:32:48.000Z');
    expect(dicomDateTimeToIso('20261207103248.5+0100')).toBe('2026-12-07T09:32:48.500Z');
    expect(dicomDateTimeToIso('20261207', '1032')).toBe('2026-12-07T10:32:00.000Z');
    expect(dicomDateTimeToIso('yesterday')).toBeNull();
  });
});

describe('tracking of restored regions', () => {
  const region = (id: string, label: string) => ({ id, label }) as Region;

  it('a restored region keeps the tracking pair it was exported with', () => {
    const was = trackingOf(region('run-1:finding-1', 'mass'));
    const id = importedRegionId('abc123', was.uid, was.id, 'mass');
    expect(trackingOf(region(id, 'mass'))).toEqual(was);
  });

  it('a tracking id that does not start with the label still gives a unique, parseable id', () => {
    const id = importedRegionId('abc123', '2.25.42', 'something else: odd', 'mass');
    expect(trackingOf(region(id, 'mass')).uid).toBe('2.25.42');
  });
});
