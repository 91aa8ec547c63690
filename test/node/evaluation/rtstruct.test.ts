/** RTSTRUCT reader on a structure set written in the test with dcmjs (no shared-data RTSTRUCT exists). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaseReference } from '../../../electron/core/evaluation/read-annotations';
import { parseRtstruct } from '../../../electron/core/evaluation/rtstruct';
import { loadDcmjs } from '../dicom/support/dcmjs-module';
import { syntheticVolume } from './support/synthetic';

const RTSTRUCT = '1.2.840.10008.5.1.4.1.1.481.3';

/** A square contour of half-width h (mm) around (cx, cy) at z, as DICOM ContourData. */
function square(cx: number, cy: number, z: number, h: number): number[] {
  return [cx - h, cy - h, z, cx + h, cy - h, z, cx + h, cy + h, z, cx - h, cy + h, z];
}

async function writeRtstruct(path: string, rois: { number: number; name: string; contours: number[][] }[]): Promise<void> {
  const dcmjs = await loadDcmjs();
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const uid = '1.2.826.0.1.3680043.10.999.77.1';
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: RTSTRUCT,
    MediaStorageSOPInstanceUID: uid,
    TransferSyntaxUID: '1.2.840.10008.1.2.1',
    ImplementationClassUID: '1.2.826.0.1.3680043.10.999',
  };
  const dataset = {
    SOPClassUID: RTSTRUCT,
    SOPInstanceUID: uid,
    Modality: 'RTSTRUCT',
    StructureSetROISequence: rois.map((r) => ({ ROINumber: r.number, ROIName: r.name, ReferencedFrameOfReferenceUID: '1.2.3' })),
    ROIContourSequence: rois.map((r) => ({
      ReferencedROINumber: r.number,
      ContourSequence: r.contours.map((c) => ({ ContourGeometricType: 'CLOSED_PLANAR', NumberOfContourPoints: c.length / 3, ContourData: c })),
    })),
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  writeFileSync(path, Buffer.from(dict.write()));
}

describe('rtstruct reader (generated structure set)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rg-rtstruct-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // 64 x 64 x 20, 1 mm pixels, 2 mm slices; world x = i - 32, y = j - 32, z = 2k.
  const volume = syntheticVolume([64, 64, 20], [1, 1, 2], [-32, -32, 0]);

  it('reads ROI names and contours, keeps the ROIs matching roiPattern, and makes one lesion per connected piece', async () => {
    const path = join(dir, 'rs.dcm');
    await writeRtstruct(path, [
      // A 10 x 10 mm GTV on the patient's left (+x), slices k = 5, 6, 7 (z = 10, 12, 14).
      { number: 1, name: 'GTV primary', contours: [square(15, 0, 10, 5), square(15, 0, 12, 5), square(15, 0, 14, 5)] },
      // A second piece of another GTV on the right, far away: its own lesion.
      { number: 2, name: 'gtv_node', contours: [square(-20, 5, 20, 3)] },
      { number: 3, name: 'Lung_L', contours: [square(10, 0, 12, 15)] },
    ]);
    const rois = parseRtstruct(new Uint8Array(readFileSync(path)), path);
    expect(rois.map((r) => r.name)).toEqual(['GTV primary', 'gtv_node', 'Lung_L']);
    expect(rois[0]!.contours).toHaveLength(3);

    const ref = await readCaseReference([{ format: 'rtstruct', path, roiPattern: 'GTV' }], volume, 0);
    expect(ref.notes.join(' ')).toMatch(/Lung_L \(not matched\)/);
    expect(ref.lesions).toHaveLength(2);
    const left = ref.lesions.find((l) => l.side === 'left')!;
    const right = ref.lesions.find((l) => l.side === 'right')!;
    expect(left.slices).toEqual({ first: 5, last: 7, count: 3 });
    expect(left.centre[0]).toBeCloseTo(15, 0);
    expect(left.centre[2]).toBeCloseTo(12, 5);
    // A 10 mm square outlined through pixel centres: 11 pixels a side, diagonal ~14 mm.
    expect(left.sizeMm).toBeGreaterThan(13);
    expect(left.sizeMm).toBeLessThan(15);
    expect(right.slices).toEqual({ first: 10, last: 10, count: 1 });
    expect(right.readers).toBe(1);
    expect(right.counted).toBe(true);
  });

  it('without roiPattern every ROI is a lesion; a non-RTSTRUCT or garbage file is a typed error', async () => {
    const path = join(dir, 'all.dcm');
    await writeRtstruct(path, [{ number: 7, name: 'anything', contours: [square(0, 0, 4, 4)] }]);
    expect((await readCaseReference([{ format: 'rtstruct', path }], volume, 0)).lesions).toHaveLength(1);
    const junk = join(dir, 'junk.dcm');
    writeFileSync(junk, Buffer.alloc(300, 7));
    await expect(readCaseReference([{ format: 'rtstruct', path: junk }], volume, 0)).rejects.toMatchObject({ code: 'CORRUPT_INPUT' });
    await expect(readCaseReference([{ format: 'rtstruct', path: join(dir, 'missing.dcm') }], volume, 0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
