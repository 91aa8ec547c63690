import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DicomInstance, Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { indexToWorld, voxelBoxToWorldBox, worldToIndex } from '../../../electron/shared/geometry/grid';
import { mat3Column } from '../../../electron/core/geometry/mat3';
import { cross, dot, normalize, sub } from '../../../electron/core/geometry/vec3';
import { buildDicomVolume, groupSeriesStacks, planDicomStack, readNiftiVolume } from '../../../electron/core/volume-assembly';
import type { Volume } from '../../../electron/core/volume-assembly/volume';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { dicomReader } from './support/dicom-reader-choice';

const hasData = requireSharedData();

const at = (v: Volume, i: number, j: number, k: number): number => {
  const x = v.scalars[(k * v.dims[1] + j) * v.dims[0] + i];
  if (x === undefined) throw new Error(`voxel (${i}, ${j}, ${k}) is outside the ${v.dims.join(' x ')} volume`);
  return x;
};

async function readSeries(rel: string): Promise<DicomInstance[]> {
  const dir = sharedData(rel);
  const files = readdirSync(dir).filter((f) => !f.endsWith('.txt')).sort();
  return Promise.all(files.map((f) => dicomReader.readInstance(`${dir}/${f}`)));
}

function bilinear(img: ArrayLike<number>, cols: number, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y), fx = x - x0, fy = y - y0;
  const p = (c: number, r: number) => img[r * cols + c]!;
  const top = p(x0, y0) * (1 - fx) + p(x0 + 1, y0) * fx;
  const bottom = p(x0, y0 + 1) * (1 - fx) + p(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}

describe.skipIf(!hasData)(`real DICOM volumes (${dicomReader.name} reader)`, () => {
  if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});

  describe('A0001 chest CT', () => {
    let insts: DicomInstance[];
    let v: Volume;
    it('builds 512x512x64 at ~0.842 x 0.842 x 5 mm, one stack', async () => {
      insts = await readSeries('ct/chest_lung_pet_ct_dx_A0001');
      expect(groupSeriesStacks(insts)).toHaveLength(1);
      v = await buildDicomVolume(insts, dicomReader.loadFrames);
      expect(v.dims).toEqual([512, 512, 64]);
      expect(v.spacing[0]).toBeCloseTo(0.842, 3);
      expect(v.spacing[1]).toBeCloseTo(0.842, 3);
      expect(v.spacing[2]).toBeCloseTo(5, 6);
      expect(v.units).toBe('HU');
      expect(v.scalars).toBeInstanceOf(Int16Array);
      expect(v.warnings).toEqual([]);
      expect(v.frameOfReferenceUid).toBe(insts[0]!.frameOfReferenceUid);
    });

    it('k increases consistently: voxel (0,0,k) is the ImagePositionPatient of sopInstanceUids[k], z strictly increasing', () => {
      const byUid = new Map(insts.map((i) => [i.sopInstanceUid, i]));
      let lastZ = -Infinity;
      for (let k = 0; k < 64; k++) {
        const src = byUid.get(v.sopInstanceUids[k]!)!;
        const w = indexToWorld(v, [0, 0, k]);
        src.geometry.imagePositionPatient!.forEach((x, a) => expect(w[a]).toBeCloseTo(x, 4));
        expect(w[2]).toBeGreaterThan(lastZ);
        lastZ = w[2];
      }
      expect(mat3Column(v.direction, 2)).toEqual([0, 0, 1]);
    });

    it("the annotated adenocarcinoma boxes map to the patient's LEFT (LPS +x of the body centre), on soft tissue", () => {
      const dir = sharedData('annotations/lung_pet_ct_dx_A0001');
      const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
      expect(files.length).toBe(11);
      for (const f of files) {
        const xml = readFileSync(`${dir}/${f}`, 'utf8');
        const n = (tag: string) => Number(xml.match(new RegExp(`<${tag}>([\\d.]+)</${tag}>`))![1]);
        const [xmin, ymin, xmax, ymax] = [n('xmin'), n('ymin'), n('xmax'), n('ymax')];
        const k = v.sopInstanceUids.indexOf(f.replace(/\.xml$/, ''));
        expect(k).toBeGreaterThanOrEqual(0);
        const centre = indexToWorld(v, [(xmin + xmax) / 2, (ymin + ymax) / 2, k]);
        // body centre line of this slice: mean x of body voxels (> -500 HU)
        let sx = 0, m = 0;
        for (let j = 0; j < 512; j++) for (let i = 0; i < 512; i++) if (at(v, i, j, k) > -500) { sx += i; m++; }
        const bodyX = indexToWorld(v, [sx / m, 0, k])[0];
        expect(centre[0] - bodyX).toBeGreaterThan(20); // clearly on the patient's left
        // the box centre region is denser than aerated lung (the mass), so the box is on the right slice
        let sum = 0, cnt = 0;
        const ci = Math.round((xmin + xmax) / 2), cj = Math.round((ymin + ymax) / 2);
        for (let dj = -5; dj <= 5; dj++) for (let di = -5; di <= 5; di++) { sum += at(v, ci + di, cj + dj, k); cnt++; }
        expect(sum / cnt).toBeGreaterThan(-400);
      }
    });

    it('slice pixels are the decoded frames, unchanged', async () => {
      const k = 17;
      const src = insts.find((i) => i.sopInstanceUid === v.sopInstanceUids[k])!;
      const frame = (await dicomReader.loadFrames(src))[0]!;
      expect(Array.from(v.scalars.subarray(k * 512 * 512, (k + 1) * 512 * 512))).toEqual(Array.from(frame));
    });
  });

  describe('GE head CT with gantry tilt and uneven spacing', () => {
    it('is corrected onto an orthogonal grid, with tilt and uneven-spacing warnings', async () => {
      const insts = await readSeries('ct/head_gantry_tilt');
      const v = await buildDicomVolume(insts, dicomReader.loadFrames);
      const tilt = v.warnings.find((w) => /Gantry tilt/.test(w));
      expect(tilt).toMatch(/18\.5°/);
      expect(v.warnings.some((w) => /Uneven slice spacing.*1\.08.*7 mm/.test(w))).toBe(true);

      const r = mat3Column(v.direction, 0), c = mat3Column(v.direction, 1), n = mat3Column(v.direction, 2);
      expect(Math.abs(dot(r, n))).toBeLessThan(1e-9);
      expect(Math.abs(dot(c, n))).toBeLessThan(1e-9);
      const iop = insts[0]!.geometry.imageOrientationPatient!;
      normalize(cross([iop[0], iop[1], iop[2]], [iop[3], iop[4], iop[5]]))!.forEach((x, a) => expect(n[a]).toBeCloseTo(x, 6));
      expect(v.dims.slice(0, 2)).toEqual([512, 512]);
      // total extent along the normal: 13 x 4 + 1.08 + 13 x 7 = 144.08 mm
      expect((v.dims[2] - 1) * v.spacing[2]).toBeCloseTo(144.08, 1);
      expect(v.spacing[2]).toBeLessThanOrEqual(1.08 + 1e-6);

      // Independent check through world space: the last output slice must equal the last source image
      // sampled where each voxel actually is (source pixel = (world - its IPP) projected on its axes).
      const byUid = new Map(insts.map((i) => [i.sopInstanceUid, i]));
      const kLast = v.dims[2] - 1;
      const last = byUid.get(v.sopInstanceUids[kLast]!)!;
      const frame = (await dicomReader.loadFrames(last))[0]!;
      const [rs, cs] = last.geometry.pixelSpacing!;
      const row: Vec3 = [iop[0], iop[1], iop[2]], col: Vec3 = [iop[3], iop[4], iop[5]];
      let checked = 0, maxShift = 0;
      for (let s = 0; s < 400; s++) {
        const i = 20 + ((s * 97) % 470), j = 20 + ((s * 61) % 470);
        const d = sub(indexToWorld(v, [i, j, kLast]), last.geometry.imagePositionPatient!);
        const x = dot(d, row) / cs, y = dot(d, col) / rs;
        if (x < 0 || y < 0 || x >= 511 || y >= 511) continue;
        maxShift = Math.max(maxShift, Math.abs(y - j));
        expect(Math.abs(at(v, i, j, kLast) - bilinear(frame, 512, x, y))).toBeLessThanOrEqual(1);
        checked++;
      }
      expect(checked).toBeGreaterThan(100);
      expect(maxShift).toBeGreaterThan(50); // the correction really moved this slice (~99 px)
    });
  });

  describe('Siemens sagittal brain MR', () => {
    it('sorts along the sagittal normal (-x): 256x256x35', async () => {
      const insts = await readSeries('mr/brain_t1_sag');
      const v = await buildDicomVolume(insts, dicomReader.loadFrames);
      expect(v.dims).toEqual([256, 256, 35]);
      expect(v.units).toBe('raw');
      expect(mat3Column(v.direction, 2).map((x) => x + 0)).toEqual([-1, 0, 0]);
      const byUid = new Map(insts.map((i) => [i.sopInstanceUid, i]));
      for (let k = 0; k < 35; k++) {
        const ipp = byUid.get(v.sopInstanceUids[k]!)!.geometry.imagePositionPatient!;
        indexToWorld(v, [0, 0, k]).forEach((x, a) => expect(x).toBeCloseTo(ipp[a]!, 3));
      }
    });
  });

  describe.skipIf(!dicomReader.decodesCompressed)('chest radiographs (single images; need JPEG / 8-bit decoding)', () => {
    it('DX without PixelSpacing: [1024, 1024, 1], 1 mm with a warning', async () => {
      const inst = await dicomReader.readInstance(sharedData('cxr/nih_cxr14_DX_sc_8bit.dcm'));
      expect(groupSeriesStacks([inst]).map((s) => s.kind)).toEqual(['single']);
      const v = await buildDicomVolume([inst], dicomReader.loadFrames);
      expect(v.dims).toEqual([1024, 1024, 1]);
      expect(v.spacing.slice(0, 2)).toEqual([1, 1]);
      expect(v.warnings.join(' ')).toMatch(/No pixel spacing/);
      expect(v.invertForDisplay).toBe(false);
    });
    it('CR with 0.168 mm pixels; the MONOCHROME1 variant is flagged for inverted display, same pixels', async () => {
      const a = await buildDicomVolume([await dicomReader.readInstance(sharedData('cxr/siim_CR_jpegbaseline.dcm'))], dicomReader.loadFrames);
      const b = await buildDicomVolume(
        [await dicomReader.readInstance(sharedData('cxr/siim_CR_jpegbaseline_MONOCHROME1_variant.dcm'))],
        dicomReader.loadFrames,
      );
      expect(a.spacing.slice(0, 2)).toEqual([0.168, 0.168]);
      expect(a.warnings).toEqual([]);
      expect(a.invertForDisplay).toBe(false);
      expect(b.invertForDisplay).toBe(true);
      expect(b.scalars).toEqual(a.scalars); // stored as acquired; the viewer inverts
    });
  });

  describe('JPEG 2000 upper-abdomen CT vs its TotalSegmentator mask', () => {
    it('has the same voxel grid in world space as the organ mask NIfTI (headers only)', async () => {
      const insts = await readSeries('ct/upper_abdomen_j2k');
      const plan = planDicomStack(insts);
      expect(plan.warnings).toEqual([]);
      expect(plan.dims).toEqual([512, 512, 20]);
      expect(plan.spacing[2]).toBeCloseTo(2, 6); // 3 mm slices at 2 mm steps: spacing from positions
      const seg = await readNiftiVolume(sharedData('annotations/totalseg/seg_for_ct_upperabdomen_totalseg_j2k_dicom.nii.gz'));
      expect(seg.dims).toEqual(plan.dims);
      const full = (d: Vec3) => ({ min: [0, 0, 0] as Vec3, max: [d[0] - 1, d[1] - 1, d[2] - 1] as Vec3 });
      const a = voxelBoxToWorldBox(plan, full(plan.dims));
      const b = voxelBoxToWorldBox(seg, full(seg.dims));
      for (let ax = 0; ax < 3; ax++) {
        expect(Math.abs(a.min[ax]! - b.min[ax]!)).toBeLessThan(plan.spacing[ax]!);
        expect(Math.abs(a.max[ax]! - b.max[ax]!)).toBeLessThan(plan.spacing[ax]!);
      }
      // and voxel centres coincide: DICOM voxels land on integer mask indices
      for (const ijk of [[0, 0, 0], [100, 300, 7], [511, 511, 19]] as Vec3[]) {
        const m = worldToIndex(seg, indexToWorld(plan, ijk));
        m.forEach((x) => expect(Math.abs(x - Math.round(x))).toBeLessThan(0.01));
      }
    });

    it.skipIf(!dicomReader.decodesCompressed)('organ labels sampled through world space hit the right tissue (needs J2K decoding)', async () => {
      const insts = await readSeries('ct/upper_abdomen_j2k');
      const ct = await buildDicomVolume(insts, dicomReader.loadFrames);
      const seg = await readNiftiVolume(sharedData('annotations/totalseg/seg_for_ct_upperabdomen_totalseg_j2k_dicom.nii.gz'));
      const LIVER = 5, SPLEEN = 1, T12 = 32; // totalseg_label_map.json, task "total"
      const acc = new Map<number, { n: number; hu: number; x: number }>();
      const [nx, ny] = seg.dims;
      for (let p = 0; p < seg.scalars.length; p++) {
        const label = seg.scalars[p];
        if (label !== LIVER && label !== SPLEEN && label !== T12) continue;
        const w = indexToWorld(seg, [p % nx, Math.floor(p / nx) % ny, Math.floor(p / (nx * ny))]);
        const c = worldToIndex(ct, w).map(Math.round);
        const a = acc.get(label) ?? { n: 0, hu: 0, x: 0 };
        a.n++;
        a.hu += at(ct, c[0]!, c[1]!, c[2]!);
        a.x += w[0];
        acc.set(label, a);
      }
      const mean = (l: number) => ({ hu: acc.get(l)!.hu / acc.get(l)!.n, x: acc.get(l)!.x / acc.get(l)!.n });
      expect(mean(LIVER).hu).toBeGreaterThan(40); // enhanced parenchyma
      expect(mean(LIVER).hu).toBeLessThan(160);
      expect(mean(SPLEEN).hu).toBeGreaterThan(40);
      expect(mean(SPLEEN).hu).toBeLessThan(160);
      expect(mean(T12).hu).toBeGreaterThan(150); // bone
      // LPS +x is the patient's left: the spleen lies left of the liver
      expect(mean(SPLEEN).x - mean(LIVER).x).toBeGreaterThan(50);
    });
  });
});
