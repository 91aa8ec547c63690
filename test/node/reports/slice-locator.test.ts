import { describe, expect, it } from 'vitest';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { parseSentence } from '../../../electron/core/reports/grounding/sentence-parser';
import { sliceLocatorFromHeaders } from '../../../electron/core/reports/drafting/slice-locator';
import { describeSeriesVolumes } from '../../../electron/core/study-volumes/volume-geometry';
import { demoInstances } from './support/report-db';

const headers = demoInstances('current');
const uid = headers[0]!.seriesInstanceUid;
const n = headers.length;

function volumeOf(list: typeof headers) {
  const v = describeSeriesVolumes(list)[0]!;
  return { v, at: (k: number) => indexToWorld({ ...v, direction: v.direction }, [v.dims[0] / 2, v.dims[1] / 2, k]) };
}

describe('slice locator: the image number of the slice the viewer shows through a point', () => {
  it('cites InstanceNumbers when they are distinct (the demo numbers its slices from the top)', () => {
    const { v, at } = volumeOf(headers);
    const locate = sliceLocatorFromHeaders(headers);
    expect(locate(at(40), uid)).toEqual({ seriesNumber: 2, instanceNumber: n - 40 });
    expect(locate(at(40.4), uid)).toEqual({ seriesNumber: 2, instanceNumber: n - 40 });
    expect(locate(at(39.6), uid)).toEqual({ seriesNumber: 2, instanceNumber: n - 40 });
    expect(v.imageNumbering.numbers[40]).toBe(n - 40);
    // a single series may be looked up without its UID; off the volume there is no image
    expect(locate(at(10), null)).toEqual({ seriesNumber: 2, instanceNumber: n - 10 });
    expect(locate(at(-1), uid)).toBeNull();
    expect(locate(at(n), uid)).toBeNull();
  });

  it('cites 1-based positions when an InstanceNumber is missing, as the viewer then shows', () => {
    const list = headers.map((h, k) => (k === 7 ? { ...h, instanceNumber: null } : h));
    const { v, at } = volumeOf(list);
    expect(v.imageNumbering.rule).toBe('position');
    expect(sliceLocatorFromHeaders(list)(at(40), uid)).toEqual({ seriesNumber: 2, instanceNumber: 41 });
  });

  it('cites 1-based positions when an InstanceNumber is repeated', () => {
    const list = headers.map((h, k) => (k === 7 ? { ...h, instanceNumber: headers[8]!.instanceNumber } : h));
    const { at } = volumeOf(list);
    expect(sliceLocatorFromHeaders(list)(at(12), uid)).toEqual({ seriesNumber: 2, instanceNumber: 13 });
  });

  it('names the series only on a slice interpolated across a missing image', () => {
    const list = headers.filter((_, k) => k !== 20);
    const { v, at } = volumeOf(list);
    const locate = sliceLocatorFromHeaders(list);
    const k = v.imageNumbering.numbers.indexOf(null);
    expect(k).toBeGreaterThan(0);
    expect(locate(at(k), uid)).toEqual({ seriesNumber: 2, instanceNumber: null });
    expect(locate(at(k + 1), uid)).toEqual({ seriesNumber: 2, instanceNumber: v.imageNumbering.numbers[k + 1] });
  });

  it('never cites a series whose headers form no volume (no slice positions)', () => {
    const unplaced = headers.map((h) => ({ ...h, geometry: { ...h.geometry, imagePositionPatient: null } }));
    expect(sliceLocatorFromHeaders(unplaced)(volumeOf(headers).at(10), uid)).toBeNull();
  });

  it('cites color series as the 2D viewer numbers them (they form stacks since color display)', () => {
    const color = headers.map((h) => ({ ...h, samplesPerPixel: 3, photometricInterpretation: 'RGB' }));
    expect(sliceLocatorFromHeaders(color)(volumeOf(headers).at(10), uid)).toEqual({ seriesNumber: 2, instanceNumber: n - 10 });
  });
});

describe('an image citation in a sentence is not read as a size or a place', () => {
  it.each([
    ['An 8 mm solid nodule in the right lower lung zone (series 2, image 21).', [8]],
    ['A 21 mm mass in the left upper lung zone (series 2, image 8).', [21]],
    ['Nodule in the left upper lobe, series 3 image 12, 6 mm.', [6]],
    ['See image 21 of series 2: right lower lobe nodule.', []],
  ])('%s', (text, sizes) => {
    const mentions = parseSentence(text).mentions;
    expect(mentions).toHaveLength(1);
    expect(mentions[0]!.sizesMm).toEqual(sizes);
    expect(mentions[0]!.priorSizesMm).toEqual([]);
  });
});
