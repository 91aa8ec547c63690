import { describe, expect, it } from 'vitest';
import { groupSeriesStacks } from '../../../electron/core/volume-assembly/series-grouping';
import { AXIAL, CORONAL, SAGITTAL, makeBareInstance, type Iop } from '../../support/dicom-instance-factory';
import { shuffled } from './support/synthetic-instances';

describe('groupSeriesStacks', () => {
  const series = '1.2.3.4';
  const axial = [0, 1, 2, 3, 4].map((z, n) => makeBareInstance({ seriesInstanceUid: series, ipp: [0, 0, z], instanceNumber: 10 + n }));
  const sag = [0, 1, 2].map((x, n) => makeBareInstance({ seriesInstanceUid: series, ipp: [x, 0, 0], iop: SAGITTAL, instanceNumber: 1 + n }));
  const cor = [0, 1].map((y, n) => makeBareInstance({ seriesInstanceUid: series, ipp: [0, y, 0], iop: CORONAL, instanceNumber: 20 + n }));
  const noisy: Iop = [1, 1e-5, 0, -1e-5, 1, 2e-5];
  const axialNoisy = makeBareInstance({ seriesInstanceUid: series, ipp: [0, 0, 5], iop: noisy, instanceNumber: 15 });
  const scout = makeBareInstance({ seriesInstanceUid: series, ipp: null, iop: null, instanceNumber: 30 });
  const all = [...axial, ...sag, ...cor, axialNoisy, scout];

  it('splits mixed orientations into stacks with stable ids, tolerating tiny cosine noise', () => {
    const stacks = groupSeriesStacks(all);
    expect(stacks.map((s) => [s.id, s.kind, s.instances.length])).toEqual([
      [series, 'stack', 3], // sagittal: lowest InstanceNumber (1)
      [`${series}.2`, 'stack', 6], // axial incl. the noisy one
      [`${series}.3`, 'stack', 2], // coronal
      [`${series}.4`, 'single', 1], // no geometry
    ]);
    expect(stacks[1]!.instances).toContain(axialNoisy);
  });

  it('gives the same ids whatever the input order', () => {
    const a = groupSeriesStacks(all).map((s) => [s.id, s.instances.map((i) => i.sopInstanceUid)]);
    for (const seed of [1, 2, 3]) {
      const b = groupSeriesStacks(shuffled(all, seed)).map((s) => [s.id, s.instances.map((i) => i.sopInstanceUid)]);
      expect(b).toEqual(a);
    }
  });

  it('splits on rows/cols, pixel spacing, frame of reference, and series', () => {
    const base = { seriesInstanceUid: 's', iop: AXIAL };
    const insts = [
      makeBareInstance({ ...base, ipp: [0, 0, 0] }),
      makeBareInstance({ ...base, ipp: [0, 0, 1] }),
      makeBareInstance({ ...base, ipp: [0, 0, 2], rows: 16 }),
      makeBareInstance({ ...base, ipp: [0, 0, 3], ps: [0.5, 0.5] }),
      makeBareInstance({ ...base, ipp: [0, 0, 4], frameOfReferenceUid: 'other' }),
      makeBareInstance({ ...base, ipp: [0, 0, 5], seriesInstanceUid: 't' }),
    ];
    const stacks = groupSeriesStacks(insts);
    expect(stacks.map((s) => [s.id, s.instances.length])).toEqual([
      ['s', 2],
      ['s.2', 1],
      ['s.3', 1],
      ['s.4', 1],
      ['t', 1],
    ]);
  });

  it('keeps each multi-frame object as its own stack', () => {
    const mf = (n: number) =>
      makeBareInstance({ seriesInstanceUid: 'm', numberOfFrames: 2, instanceNumber: n, perFrameGeometry: [0, 1].map((z) => ({ imagePositionPatient: [0, 0, z], imageOrientationPatient: null, pixelSpacing: null })) });
    const stacks = groupSeriesStacks([mf(2), mf(1)]);
    expect(stacks.map((s) => [s.id, s.kind])).toEqual([
      ['m', 'multiframe'],
      ['m.2', 'multiframe'],
    ]);
  });
});
