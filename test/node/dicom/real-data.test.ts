import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  classifyDicomFiles,
  parseDicomFileBytes,
  readDicomHeader,
  readModalityFrames,
  scanForDicomFiles,
  type ParsedDicomInstance,
} from '../../../electron/core/dicom/index';
import { scalarRange } from '../../../electron/shared/imaging/voxel-arrays';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { loadDcmjs } from './support/dcmjs-module';

const hasData = requireSharedData();

function listDicom(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name !== 'TCIA_LICENSE.txt' && !name.startsWith('.'))
    .map((name) => join(folder, name))
    .sort();
}

function mean(frame: ArrayLike<number>, columns: number, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += frame[y * columns + x]!;
  return sum / ((x1 - x0) * (y1 - y0));
}


/** Distance of a slice along the normal of its orientation. */
function sliceDistance(instance: ParsedDicomInstance): number {
  const o = instance.geometry.imageOrientationPatient!;
  const p = instance.geometry.imagePositionPatient!;
  const n: [number, number, number] = [o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]];
  return n[0] * p[0] + n[1] * p[1] + n[2] * p[2];
}

describe.skipIf(!hasData)(`real data${hasData ? '' : ` (skipped: ${NO_SHARED_DATA_REASON})`}`, () => {
  describe('A0001 chest CT (implicit VR LE, 64 slices)', () => {
    const folder = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');
    let instances: ParsedDicomInstance[] = [];

    beforeAll(async () => {
      instances = await Promise.all(listDicom(folder).map((f) => readDicomHeader(f)));
      instances.sort((a, b) => sliceDistance(a) - sliceDistance(b));
    });

    it('reads 64 headers with the expected geometry and rescale', () => {
      expect(instances).toHaveLength(64);
      for (const inst of instances) {
        expect(inst.transferSyntaxUid).toBe('1.2.840.10008.1.2');
        expect(inst.sopClassUid).toBe('1.2.840.10008.5.1.4.1.1.2');
        expect(inst.modality).toBe('CT');
        expect([inst.rows, inst.columns, inst.numberOfFrames]).toEqual([512, 512, 1]);
        expect(inst.geometry.pixelSpacing![0]).toBeCloseTo(0.842, 3);
        expect(inst.geometry.pixelSpacing![1]).toBeCloseTo(0.842, 3);
        expect(inst.geometry.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
        expect(inst.rescaleSlope).toBe(1);
        expect(inst.rescaleIntercept).toBe(-1024);
        expect(inst.windowCenter).toBe(-600); // first of a multi-valued "-0600\-0600"
        expect(inst.patientId).toBe('Lung_Dx-A0001');
        expect(inst.perFrameGeometry).toBeNull();
        expect(inst.photometricInterpretation).toBe('MONOCHROME2');
      }
      expect(new Set(instances.map((i) => i.seriesInstanceUid)).size).toBe(1);
      expect(new Set(instances.map((i) => i.sopInstanceUid)).size).toBe(64);
      const z = instances.map(sliceDistance);
      for (let k = 1; k < z.length; k++) expect(z[k]! - z[k - 1]!).toBeCloseTo(5, 3);
    });

    it('readDicomHeader (header chunk) and parseDicomFileBytes (whole file) agree', async () => {
      const file = instances[10]!.filePath;
      const parsed = parseDicomFileBytes(await readFile(file), file);
      expect(parsed).toEqual(instances[10]);
    });

    it('decodes to HU: air about -1000, lung about -850, all values within [-1024, 3071]', async () => {
      let globalMin = Infinity;
      let globalMax = -Infinity;
      for (const inst of instances) {
        const frames = await readModalityFrames(inst);
        expect(frames).toHaveLength(1);
        expect(frames[0]).toBeInstanceOf(Int16Array);
        expect(frames[0]).toHaveLength(512 * 512);
        const [min, max] = scalarRange(frames[0]!);
        globalMin = Math.min(globalMin, min);
        globalMax = Math.max(globalMax, max);
      }
      expect(globalMin).toBe(-1024);
      expect(globalMax).toBeGreaterThan(1000); // bone / contrast exists somewhere
      expect(globalMax).toBeLessThanOrEqual(3071);

      const slice = instances.find((i) => i.instanceNumber === 32)!;
      const frame = (await readModalityFrames(slice))[0]!;
      // Air in front of the chest, inside the field of view.
      const air = mean(frame, 512, 160, 64, 224, 96);
      expect(air).toBeGreaterThan(-1010);
      expect(air).toBeLessThan(-980);
      // Patient's right lung (left of the image).
      const lung = mean(frame, 512, 128, 224, 192, 288);
      expect(lung).toBeGreaterThan(-920);
      expect(lung).toBeLessThan(-800);
      // Mediastinum / heart: soft tissue.
      const heart = mean(frame, 512, 256, 224, 320, 288);
      expect(heart).toBeGreaterThan(-100);
      expect(heart).toBeLessThan(150);
    });

    it('matches dcmjs for a slice (independent decoder)', async () => {
      const dcmjs = await loadDcmjs();
      const inst = instances[20]!;
      const bytes = await readFile(inst.filePath);
      const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
      const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as { PixelData: ArrayBuffer[]; RescaleIntercept: number };
      const raw = new Uint16Array(ds.PixelData[0]!);
      const [ours] = await readModalityFrames(inst, bytes);
      expect(ours).toHaveLength(raw.length);
      let mismatches = 0;
      for (let i = 0; i < raw.length; i++) if (ours![i] !== raw[i]! + Number(ds.RescaleIntercept)) mismatches++;
      expect(mismatches).toBe(0);
    });

    it('classifies the folder: 64 DICOM files accepted, the licence text rejected', async () => {
      const candidates = await scanForDicomFiles([folder]);
      expect(candidates).toHaveLength(65);
      const { accepted, rejected } = await classifyDicomFiles(candidates);
      expect(accepted).toHaveLength(64);
      expect(rejected).toEqual([{ path: join(folder, 'TCIA_LICENSE.txt'), reason: expect.stringMatching(/not a DICOM Part 10 file/) }]);
    });
  });

  describe('upper abdomen CT, JPEG 2000 lossless, SOP class only in file meta', () => {
    const folder = sharedData('ct', 'upper_abdomen_j2k');

    it('reads headers: SOP class from (0002,0002), blank series/study UIDs replaced consistently', async () => {
      const instances = await Promise.all(listDicom(folder).map((f) => readDicomHeader(f)));
      expect(instances).toHaveLength(20);
      for (const inst of instances) {
        expect(inst.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.90');
        expect(inst.sopClassUid).toBe('1.2.840.10008.5.1.4.1.1.2');
        expect(inst.sopInstanceUid).toMatch(/^1\.3\.12\.2\.1107\./);
        expect(inst.pixelData.encapsulated).toBe(true);
        expect(inst.pixelData.fragments!.length).toBeGreaterThan(0);
        expect(inst.sliceThickness).toBe(3);
      }
      expect(new Set(instances.map((i) => i.seriesInstanceUid)).size).toBe(1);
      expect(new Set(instances.map((i) => i.studyInstanceUid)).size).toBe(1);
      expect(instances[0]!.seriesInstanceUid).toMatch(/^2\.25\.\d+$/);
    });

    it('decodes to plausible HU', async () => {
      const files = listDicom(folder);
      expect(files).toHaveLength(20);
      for (const file of [files[0]!, files[10]!, files[19]!]) {
        const inst = await readDicomHeader(file);
        const frame = (await readModalityFrames(inst))[0]!;
        expect(frame).toBeInstanceOf(Int16Array);
        const [min, max] = scalarRange(frame);
        expect(min).toBeGreaterThanOrEqual(-1024);
        expect(max).toBeLessThanOrEqual(3071);
        expect(max).toBeGreaterThan(200); // bone / contrast
        // Share of air-like and soft-tissue-like pixels in an abdominal slice.
        let air = 0;
        let soft = 0;
        for (const v of frame) {
          if (v < -900) air++;
          else if (v > -100 && v < 100) soft++;
        }
        expect(air / frame.length).toBeGreaterThan(0.2);
        expect(soft / frame.length).toBeGreaterThan(0.15);
        // Corner is outside the body.
        expect(mean(frame, 512, 0, 0, 32, 32)).toBeLessThan(-900);
      }
    });
  });

  describe('head CT with gantry tilt (explicit VR LE, signed)', () => {
    it('reads the tilt and a tilted orientation', async () => {
      const inst = await readDicomHeader(sharedData('ct', 'head_gantry_tilt', '01.dcm'));
      expect(inst.gantryDetectorTilt).toBe(18.5);
      const o = inst.geometry.imageOrientationPatient!;
      expect(o[4]).toBeCloseTo(Math.cos((18.5 * Math.PI) / 180), 3);
      expect(Math.abs(o[5])).toBeCloseTo(Math.sin((18.5 * Math.PI) / 180), 3);
      expect(inst.pixelRepresentation).toBe(1);
      expect(inst.manufacturer).toMatch(/GE/i);
      const frame = (await readModalityFrames(inst))[0]!;
      const [min, max] = scalarRange(frame);
      expect(min).toBeLessThan(-1000); // signed values survive
      expect(max).toBeGreaterThan(500);
    });
  });

  describe('brain MR (explicit VR LE)', () => {
    it('reads 35 sagittal slices, no rescale, non-negative signal', async () => {
      const files = listDicom(sharedData('mr', 'brain_t1_sag'));
      expect(files).toHaveLength(35);
      const inst = await readDicomHeader(files[17]!);
      expect(inst.modality).toBe('MR');
      expect([inst.rows, inst.columns]).toEqual([256, 256]);
      expect(inst.geometry.imageOrientationPatient).toEqual([0, 1, 0, 0, 0, -1]);
      expect(inst.geometry.pixelSpacing![0]).toBeCloseTo(1.015625, 6);
      expect([inst.rescaleSlope, inst.rescaleIntercept]).toEqual([1, 0]);
      const frame = (await readModalityFrames(inst))[0]!;
      const [min, max] = scalarRange(frame);
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeGreaterThan(100);
      // Brain in the middle is brighter than the background corner.
      expect(mean(frame, 256, 112, 112, 144, 144)).toBeGreaterThan(5 * (mean(frame, 256, 0, 0, 16, 16) + 1));
    });
  });

  describe('chest radiographs', () => {
    it('8-bit DX secondary capture decodes to its stored bytes', async () => {
      const file = sharedData('cxr', 'nih_cxr14_DX_sc_8bit.dcm');
      const inst = await readDicomHeader(file);
      expect(inst.modality).toBe('DX');
      expect([inst.bitsAllocated, inst.rows, inst.columns]).toEqual([8, 1024, 1024]);
      expect(inst.geometry.pixelSpacing).toBeNull();
      const frame = (await readModalityFrames(inst))[0]!;
      expect(frame).toBeInstanceOf(Int16Array);
      const bytes = await readFile(file);
      const stored = bytes.subarray(bytes.length - 1024 * 1024); // pixel data is the last element
      let mismatches = 0;
      for (let i = 0; i < stored.length; i++) if (frame[i] !== stored[i]) mismatches++;
      expect(mismatches).toBe(0);
      const [min, max] = scalarRange(frame);
      expect(max - min).toBeGreaterThan(200);
    });

    it('JPEG baseline CR decodes; the MONOCHROME1 variant is reported, not inverted', async () => {
      const mono2 = await readDicomHeader(sharedData('cxr', 'siim_CR_jpegbaseline.dcm'));
      const mono1 = await readDicomHeader(sharedData('cxr', 'siim_CR_jpegbaseline_MONOCHROME1_variant.dcm'));
      expect(mono2.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
      expect(mono2.photometricInterpretation).toBe('MONOCHROME2');
      expect(mono1.photometricInterpretation).toBe('MONOCHROME1');
      expect(mono2.geometry.pixelSpacing).toEqual([0.168, 0.168]);
      const a = (await readModalityFrames(mono2))[0]!;
      const b = (await readModalityFrames(mono1))[0]!;
      expect(a).toHaveLength(1024 * 1024);
      const [min, max] = scalarRange(a);
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThanOrEqual(255);
      expect(max - min).toBeGreaterThan(150);
      // A chest film: the lungs (mid-left, mid-right) are darker than the mediastinum (centre).
      const centre = mean(a, 1024, 480, 400, 544, 600);
      const lungs = (mean(a, 1024, 250, 350, 350, 550) + mean(a, 1024, 674, 350, 774, 550)) / 2;
      expect(centre).toBeGreaterThan(lungs);
      expect(b).toHaveLength(a.length);
      let differences = 0;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++;
      expect(differences).toBe(0);
    });
  });
});
