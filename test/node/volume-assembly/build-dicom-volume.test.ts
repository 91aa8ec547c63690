import { describe, expect, it } from 'vitest';
import type { DicomInstance, Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { isRadGroundError } from '../../../electron/core/errors/radground-error';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { mat3Column } from '../../../electron/core/geometry/mat3';
import { addScaled, dot, sub } from '../../../electron/core/geometry/vec3';
import { buildDicomVolume } from '../../../electron/core/volume-assembly/build-dicom-volume';
import type { Volume } from '../../../electron/core/volume-assembly/volume';
import { AXIAL, SAGITTAL, makeBareInstance, type Iop } from '../../support/dicom-instance-factory';
import { fnLoader, shuffled } from './support/synthetic-instances';

const at = (v: Volume, i: number, j: number, k: number) => v.scalars[(k * v.dims[1] + j) * v.dims[0] + i];

/** World position of pixel (col, row) of an instance. */
function pixelWorld(inst: DicomInstance, col: number, row: number): Vec3 {
  const iop = inst.geometry.imageOrientationPatient!;
  const [rs, cs] = inst.geometry.pixelSpacing!;
  const p = addScaled(inst.geometry.imagePositionPatient!, [iop[0], iop[1], iop[2]], col * cs);
  return addScaled(p, [iop[3], iop[4], iop[5]], row * rs);
}

async function rejects(p: Promise<unknown>, code: string, message?: RegExp) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isRadGroundError(e), String(e)).toBe(true);
  expect((e as { code: string }).code).toBe(code);
  if (message) expect((e as Error).message).toMatch(message);
}

describe('buildDicomVolume: slice order', () => {
  it('sorts by position along the normal, not by InstanceNumber or input order', async () => {
    const zs = [0, 2.5, 5, 7.5, 10, 12.5, 15, 17.5];
    const numbers = shuffled(zs.map((_, i) => i + 1), 7);
    const insts = zs.map((z, i) => makeBareInstance({ ipp: [-5, -4, 100 + z], instanceNumber: numbers[i] }));
    const loader = fnLoader((inst, _f, c) => inst.geometry.imagePositionPatient![2] * 10 + c);
    const v = await buildDicomVolume(shuffled(insts, 3), loader);
    expect(v.dims).toEqual([10, 8, 8]);
    expect(v.spacing[2]).toBeCloseTo(2.5, 9);
    expect(v.origin).toEqual([-5, -4, 100]);
    expect(mat3Column(v.direction, 2)).toEqual([0, 0, 1]);
    for (let k = 0; k < 8; k++) {
      expect(at(v, 3, 2, k)).toBeCloseTo((100 + zs[k]!) * 10 + 3, 3);
      expect(v.sopInstanceUids[k]).toBe(insts[k]!.sopInstanceUid);
    }
    expect(v.warnings).toEqual([]);
    expect([...loader.calls.values()].every((n) => n === 1)).toBe(true);
  });

  it('sorts a sagittal stack along its normal (row x col = -x), where z says nothing', async () => {
    // row +y, col -z => normal = (0,1,0) x (0,0,-1) = (-1, 0, 0): k increases toward patient RIGHT.
    const xs = [-20, -16, -12, -8, -4];
    const insts = shuffled(xs.map((x, i) => makeBareInstance({ ipp: [x, -50, 60], iop: SAGITTAL, instanceNumber: i + 1 })), 5);
    const v = await buildDicomVolume(insts, fnLoader((inst) => inst.geometry.imagePositionPatient![0]));
    expect(mat3Column(v.direction, 2)).toEqual([-1, 0, 0]);
    expect(v.origin[0]).toBe(-4);
    expect(v.spacing[2]).toBeCloseTo(4, 9);
    expect(Array.from({ length: 5 }, (_, k) => at(v, 0, 0, k))).toEqual([-4, -8, -12, -16, -20]);
    // world of voxel (0,0,k) is the IPP of the slice it came from
    for (let k = 0; k < 5; k++) {
      const src = insts.find((s) => s.sopInstanceUid === v.sopInstanceUids[k])!;
      expect(indexToWorld(v, [0, 0, k])).toEqual(src.geometry.imagePositionPatient);
    }
  });

  it('uses positions, not SliceThickness, for the spacing', async () => {
    const insts = [0, 3, 6].map((z) => makeBareInstance({ ipp: [0, 0, z], sliceThickness: 5 }));
    const v = await buildDicomVolume(insts, fnLoader(() => 0));
    expect(v.spacing[2]).toBeCloseTo(3, 9);
  });

  it('keeps distinct overlapping positions and drops exact duplicates (first by InstanceNumber) with a warning', async () => {
    const a = makeBareInstance({ ipp: [0, 0, 0], instanceNumber: 1 });
    const b = makeBareInstance({ ipp: [0, 0, 2], instanceNumber: 2 });
    const dupLate = makeBareInstance({ ipp: [0, 0, 2], instanceNumber: 9 });
    const c = makeBareInstance({ ipp: [0, 0, 4], instanceNumber: 3 });
    const v = await buildDicomVolume([dupLate, c, a, b], fnLoader((inst) => inst.instanceNumber!));
    expect(v.dims[2]).toBe(3);
    expect(v.sopInstanceUids).toEqual([a.sopInstanceUid, b.sopInstanceUid, c.sopInstanceUid]);
    expect(at(v, 0, 0, 1)).toBe(2);
    expect(v.warnings.join(' ')).toMatch(/duplicate the position/);
  });
});

describe('buildDicomVolume: uneven spacing', () => {
  it('resamples a missing slice with linear interpolation and warns', async () => {
    const zs = [0, 2, 4, 8, 10];
    const insts = zs.map((z) => makeBareInstance({ ipp: [0, 0, z] }));
    const v = await buildDicomVolume(shuffled(insts), fnLoader((inst, _f, c, r) => inst.geometry.imagePositionPatient![2] * 100 + c + 10 * r));
    expect(v.dims[2]).toBe(6);
    expect(v.spacing[2]).toBeCloseTo(2, 9);
    expect(at(v, 4, 5, 3)).toBeCloseTo(600 + 4 + 50, 3); // interpolated z=6
    expect(at(v, 4, 5, 4)).toBeCloseTo(800 + 54, 3);
    expect(v.sopInstanceUids[3]).toBeNull();
    expect(v.sopInstanceUids.filter((u) => u !== null)).toHaveLength(5);
    expect(v.warnings.join(' ')).toMatch(/Uneven slice spacing.*resampled/);
  });

  it('uses the smallest step, keeps both ends on the grid, and interpolates correctly', async () => {
    // steps 4, 1, 7 (like the GE head CT's 4 / 1.08 / 7 mm)
    const zs = [0, 4, 5, 12];
    const insts = zs.map((z) => makeBareInstance({ ipp: [0, 0, z] }));
    const v = await buildDicomVolume(insts, fnLoader((inst) => inst.geometry.imagePositionPatient![2] ** 2));
    expect(v.dims[2]).toBe(13);
    expect(v.spacing[2]).toBeCloseTo(1, 9);
    const expected = [0, 4, 8, 12, 16, 25, 36, 49, 64, 81, 100, 121, 144].map((_, k) => {
      // piecewise-linear interpolation of z^2 between the source slices
      const z = k;
      const s: [number, number] = z <= 4 ? [0, 4] : z <= 5 ? [4, 5] : [5, 12];
      const t = (z - s[0]) / (s[1] - s[0]);
      return s[0] ** 2 + t * (s[1] ** 2 - s[0] ** 2);
    });
    expect(Array.from({ length: 13 }, (_, k) => at(v, 0, 0, k))).toEqual(expected.map((e) => expect.closeTo(e, 3)));
    expect(v.sopInstanceUids[0]).toBe(insts[0]!.sopInstanceUid);
    expect(v.sopInstanceUids[4]).toBe(insts[1]!.sopInstanceUid);
    expect(v.sopInstanceUids[5]).toBe(insts[2]!.sopInstanceUid);
    expect(v.sopInstanceUids[12]).toBe(insts[3]!.sopInstanceUid);
    expect(v.sopInstanceUids[6]).toBeNull();
  });

  it('does not resample when positions are even within tolerance', async () => {
    const zs = [0, 2.001, 3.999, 6.0005, 8];
    const v = await buildDicomVolume(zs.map((z) => makeBareInstance({ ipp: [0, 0, z] })), fnLoader(() => 1));
    expect(v.dims[2]).toBe(5);
    expect(v.warnings).toEqual([]);
  });

  it('detects slow drift that each step alone would hide', async () => {
    // steps 2.0 x 10 then 2.04 x 10: every step within 0.05 mm of the median, but the far end is 0.4 mm off
    const zs: number[] = [0];
    for (let i = 0; i < 20; i++) zs.push(zs[zs.length - 1]! + (i < 10 ? 2 : 2.04));
    const v = await buildDicomVolume(zs.map((z) => makeBareInstance({ ipp: [0, 0, z] })), fnLoader(() => 1));
    expect(v.warnings.join(' ')).toMatch(/Uneven slice spacing/);
  });
});

describe('buildDicomVolume: gantry tilt', () => {
  const theta = 20 * (Math.PI / 180);
  // GE-style tilted acquisition: row = +x, column tilted in the y-z plane, table (positions) along +z.
  const iop: Iop = [1, 0, 0, 0, Math.cos(theta), -Math.sin(theta)];
  const normal: Vec3 = [0, Math.sin(theta), Math.cos(theta)];

  function tiltedStack(zs: number[], headerTilt: number | null) {
    return zs.map((z, n) =>
      makeBareInstance({ ipp: [-10, -8, z], iop, ps: [0.5, 0.5], rows: 48, columns: 40, gantryDetectorTilt: headerTilt, instanceNumber: n + 1 }),
    );
  }

  it('shears a tilted stack onto an orthogonal grid: a linear field is reproduced exactly', async () => {
    const f = (p: Vec3) => 2 * p[0] + 3 * p[1] + 5 * p[2] + 7;
    const insts = tiltedStack([0, 2, 4, 6, 7, 10, 13, 16], 20);
    const v = await buildDicomVolume(shuffled(insts), fnLoader((inst, _f, c, r) => f(pixelWorld(inst, c, r))));
    // orthogonal output: k axis is the slice normal
    const kdir = mat3Column(v.direction, 2);
    kdir.forEach((x, a) => expect(x).toBeCloseTo(normal[a]!, 9));
    expect(v.warnings.some((w) => /Gantry tilt of 20° corrected.*0018,1120.*20°/.test(w))).toBe(true);
    expect(v.warnings.some((w) => /Uneven slice spacing/.test(w))).toBe(true);
    // every voxel that is inside its source image holds f(world)
    let checked = 0;
    for (let k = 0; k < v.dims[2]; k++) {
      for (let j = 0; j < v.dims[1]; j++) {
        for (let i = 0; i < v.dims[0]; i += 3) {
          const w = indexToWorld(v, [i, j, k]);
          // is the point inside the acquired slab? (source rows 0..47 at this position)
          const rowInFirst = dot(sub(w, insts[0]!.geometry.imagePositionPatient!), [0, Math.cos(theta), -Math.sin(theta)]) / 0.5;
          const along = dot(sub(w, insts[0]!.geometry.imagePositionPatient!), normal);
          const shiftRows = (-along * Math.tan(theta)) / 0.5; // rows the source image moved at this height
          const srcRow = rowInFirst - shiftRows;
          // interpolated slices blend two sources up to 3 mm apart (~2 rows of shift): keep a margin
          if (srcRow < 3 || srcRow > 44) continue;
          expect(at(v, i, j, k)).toBeCloseTo(f(w), 2);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('a cylinder along the tilted normal becomes straight (it drifts in the raw stack)', async () => {
    const zs = Array.from({ length: 12 }, (_, n) => n * 2);
    const insts = tiltedStack(zs, null);
    const axisPoint: Vec3 = [0, 3, 4];
    const rod = (p: Vec3) => {
      const d = sub(p, axisPoint);
      const along = dot(d, normal);
      const r2 = dot(d, d) - along * along;
      return 1000 * Math.exp(-r2 / (2 * 1.5 * 1.5));
    };
    const loader = fnLoader((inst, _f, c, r) => rod(pixelWorld(inst, c, r)));
    const centroid = (img: ArrayLike<number>, cols: number, rows: number): [number, number] => {
      let m = 0, sx = 0, sy = 0;
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) { const x = img[r * cols + c]!; m += x; sx += x * c; sy += x * r; }
      return [sx / m, sy / m];
    };
    // raw source images: the rod drifts ~1.37 px per slice along the rows
    const raw = await Promise.all(insts.map(async (s) => centroid((await loader(s))[0]!, 40, 48)));
    expect(Math.abs(raw[11]![1] - raw[0]![1])).toBeGreaterThan(10);

    const v = await buildDicomVolume(insts, loader);
    expect(v.warnings.join(' ')).toMatch(/Gantry tilt of 20° corrected \(measured from slice positions\).*along the column direction/);
    const first = centroid(v.scalars.subarray(0, 40 * 48), 40, 48);
    for (let k = 1; k < v.dims[2]; k++) {
      const c = centroid(v.scalars.subarray(k * 40 * 48, (k + 1) * 40 * 48), 40, 48);
      expect(Math.abs(c[0] - first[0])).toBeLessThan(0.05);
      expect(Math.abs(c[1] - first[1])).toBeLessThan(0.05);
    }
    // ...and it sits on the rod's axis in world space
    const w = indexToWorld(v, [first[0], first[1], 0]);
    const d = sub(w, axisPoint);
    expect(Math.sqrt(dot(d, d) - dot(d, normal) ** 2)).toBeLessThan(0.05);
    // tilt-corrected slices keep their source UIDs (same plane, shifted in-plane)
    expect(v.sopInstanceUids).toEqual(insts.map((s) => s.sopInstanceUid));
  });

  it('fills voxels shifted in from outside the field of view with the series minimum', async () => {
    const insts = tiltedStack([0, 2, 4, 6], 20);
    const v = await buildDicomVolume(insts, fnLoader((inst, _f, c) => 100 + c + (inst.instanceNumber ?? 0)));
    // last slice moved by ~4.1 rows: its first rows (or last) come from outside the image
    const k = 3;
    const row0 = Array.from({ length: 40 }, (_, i) => at(v, i, 0, k));
    const row47 = Array.from({ length: 40 }, (_, i) => at(v, i, 47, k));
    const filled = [...row0, ...row47].filter((x) => x === 101);
    expect(filled.length).toBe(40);
  });

  it('header tilt without in-plane drift: no shear, a note', async () => {
    const insts = [0, 2, 4].map((a) => makeBareInstance({ ipp: addScaled([0, 0, 0], normal, a), iop, gantryDetectorTilt: 20 }));
    const v = await buildDicomVolume(insts, fnLoader(() => 5));
    expect(v.warnings.join(' ')).toMatch(/already lie along the slice normal/);
    expect(v.spacing[2]).toBeCloseTo(2, 9);
  });
});

describe('buildDicomVolume: single images, multi-frame, metadata', () => {
  it('a radiograph without geometry: [cols, rows, 1], 1 mm with a warning', async () => {
    const cr = makeBareInstance({ modality: 'DX', ipp: null, iop: null, ps: null, rows: 6, columns: 9, photometricInterpretation: 'MONOCHROME1', windowCenter: null });
    const v = await buildDicomVolume([cr], fnLoader((_i, _f, c, r) => c + r * 100, 'int16'));
    expect(v.dims).toEqual([9, 6, 1]);
    expect(v.spacing).toEqual([1, 1, 2]);
    expect(v.warnings.join(' ')).toMatch(/No pixel spacing/);
    expect(v.invertForDisplay).toBe(true);
    expect(v.units).toBe('raw');
    expect(v.defaultWindow).toBeNull();
    expect(v.scalars).toBeInstanceOf(Int16Array);
    expect(at(v, 8, 5, 0)).toBe(508);
  });

  it('pixel spacing [row, col] maps to spacing [col, row]', async () => {
    const v = await buildDicomVolume([makeBareInstance({ ps: [0.2, 0.3], modality: 'CR' })], fnLoader(() => 0));
    expect(v.spacing.slice(0, 2)).toEqual([0.3, 0.2]);
    expect(v.warnings).toEqual([]);
  });

  it('CT: HU units, header window, frame of reference, Int16 when all frames are Int16', async () => {
    const insts = [0, 1].map((z) => makeBareInstance({ ipp: [0, 0, z] }));
    const v = await buildDicomVolume(insts, fnLoader(() => -1000, 'int16'));
    expect(v.units).toBe('HU');
    expect(v.defaultWindow).toEqual({ center: 40, width: 400 });
    expect(v.frameOfReferenceUid).toBe('2.25.3000');
    expect(v.seriesInstanceUid).toBe('2.25.2000');
    expect(v.scalars).toBeInstanceOf(Int16Array);
    const mixed = await buildDicomVolume(insts, async (inst) => [inst === insts[0] ? new Int16Array(80) : new Float32Array(80)]);
    expect(mixed.scalars).toBeInstanceOf(Float32Array);
  });

  it('multi-frame enhanced object: frames placed by perFrameGeometry', async () => {
    const zs = [8, 6, 4, 2, 0]; // stored top-down
    const mf = makeBareInstance({
      numberOfFrames: 5,
      ipp: null,
      perFrameGeometry: zs.map((z) => ({ imagePositionPatient: [1, 2, z] as Vec3, imageOrientationPatient: null, pixelSpacing: null })),
    });
    const v = await buildDicomVolume([mf], fnLoader((_i, f) => f));
    expect(v.dims[2]).toBe(5);
    expect(v.origin).toEqual([1, 2, 0]);
    expect(Array.from({ length: 5 }, (_, k) => at(v, 0, 0, k))).toEqual([4, 3, 2, 1, 0]);
    expect(v.sopInstanceUids).toEqual(Array(5).fill(mf.sopInstanceUid));
  });

  it('multi-frame without per-frame positions is UNSUPPORTED_INPUT', async () => {
    await rejects(buildDicomVolume([makeBareInstance({ numberOfFrames: 3 })], fnLoader(() => 0)), 'UNSUPPORTED_INPUT', /per-frame/);
  });
});

describe('buildDicomVolume: bad input never crashes', () => {
  it('rejects mixed orientations (they must be grouped first)', async () => {
    const insts = [makeBareInstance({ ipp: [0, 0, 0] }), makeBareInstance({ ipp: [0, 0, 2], iop: SAGITTAL })];
    await rejects(buildDicomVolume(insts, fnLoader(() => 0)), 'UNSUPPORTED_INPUT', /groupSeriesStacks/);
  });
  it('rejects color, empty input, and frames of the wrong size', async () => {
    await rejects(buildDicomVolume([makeBareInstance({ samplesPerPixel: 3, photometricInterpretation: 'RGB' })], fnLoader(() => 0)), 'UNSUPPORTED_INPUT');
    await rejects(buildDicomVolume([], fnLoader(() => 0)), 'UNSUPPORTED_INPUT');
    await rejects(buildDicomVolume([makeBareInstance()], async () => [new Int16Array(7)]), 'CORRUPT_INPUT', /pixels/);
    await rejects(buildDicomVolume([makeBareInstance()], async () => []), 'CORRUPT_INPUT', /missing/);
  });
  it('rejects a stack where some images lack a position', async () => {
    const insts = [makeBareInstance({ ipp: [0, 0, 0] }), makeBareInstance({ ipp: null })];
    await rejects(buildDicomVolume(insts, fnLoader(() => 0)), 'UNSUPPORTED_INPUT', /ImagePositionPatient/);
  });
  it('multi-frame with frames in different planes is UNSUPPORTED_INPUT', async () => {
    const mf = makeBareInstance({
      numberOfFrames: 2,
      perFrameGeometry: [
        { imagePositionPatient: [0, 0, 0], imageOrientationPatient: AXIAL, pixelSpacing: null },
        { imagePositionPatient: [0, 0, 0], imageOrientationPatient: SAGITTAL, pixelSpacing: null },
      ],
    });
    await rejects(buildDicomVolume([mf], fnLoader(() => 0)), 'UNSUPPORTED_INPUT', /multi-frame instance/);
  });
  it('a failing loader rejects the build and stops starting new loads', async () => {
    const insts = [0, 1, 2, 3, 4, 5].map((z) => makeBareInstance({ ipp: [0, 0, z] }));
    let calls = 0;
    const loader = async (inst: DicomInstance) => {
      calls++;
      if (inst === insts[1]) throw new Error('disk on fire');
      return [new Float32Array(80)];
    };
    await expect(buildDicomVolume(insts, loader, { concurrency: 1 })).rejects.toThrow('disk on fire');
    expect(calls).toBe(2);
  });
  it('honours an abort signal', async () => {
    const ac = new AbortController();
    ac.abort();
    await rejects(buildDicomVolume([makeBareInstance()], fnLoader(() => 0), { signal: ac.signal }), 'CANCELLED');
  });
});

