/**
 * Issue 14.2: every common pixel encoding, made in a temporary folder from a real MR slice with the
 * reference tools (DCMTK, GDCM, OpenJPEG, OpenJPH) or, where no tool writes one, with the synthetic writer,
 * then decoded by RadGround and by the reference. Lossless encodings must give the exact stored values.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDicomHeader, readModalityFrames, readRgbFrames, type RgbFrame } from '../../../electron/core/dicom/index';
import { isRadGroundError } from '../../../electron/core/errors/radground-error';
import { dcmtkPixelBytes } from '../../support/dcmtk';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { assertReferenceTools, differences, missingReferenceTools, NO_REFERENCE_TOOLS_REASON, pnmBytes, readPnm, run } from './support/reference-tools';
import { buildSyntheticDicom, testUid } from './support/synthetic-dicom';

const hasData = requireSharedData();

const requireTools = process.env.CI === 'true';
const runs = hasData && (missingReferenceTools.length === 0 || requireTools);
if (!runs) console.warn(`pixel encodings skipped: ${hasData ? NO_REFERENCE_TOOLS_REASON : NO_SHARED_DATA_REASON}`);

const MR = ['mr', 'brain_t1_sag', '0001_1.3.12.2.1107.5.2.43.67060.2022040715053454597060816.dcm'] as const;
const SIZE = 256;
const PIXELS = SIZE * SIZE;

let dir = '';
/** The MR slice's 12-bit stored values. */
let grey: Uint16Array;
/** Color test images built from it: neighbouring pixels in different channels, so every channel differs. */
let rgb8: Uint8Array;
let rgb16: Uint16Array;

const path = (name: string): string => join(dir, name);

function toPlanar<T extends Uint8Array | Uint16Array>(interleaved: T): T {
  const out = interleaved.slice() as T;
  for (let i = 0; i < PIXELS; i++) for (let c = 0; c < 3; c++) out[c * PIXELS + i] = interleaved[i * 3 + c]!;
  return out;
}

function bytesOf(samples: Uint8Array | Uint16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}

/** An uncompressed RGB file written by GDCM's gdcmimg from raw samples. */
function gdcmRgb(name: string, samples: Uint8Array | Uint16Array, planar: 0 | 1): string {
  const raw = path(`${name}-input.raw`);
  writeFileSync(raw, bytesOf(planar ? toPlanar(samples) : samples));
  const bits = samples instanceof Uint8Array ? 8 : 16;
  run('gdcmimg', ['--spp', '3', '--pc', String(planar), '--depth', String(bits), '-s', `${SIZE},${SIZE}`, '--pi', 'RGB', '-i', raw, '-o', path(name)]);
  return path(name);
}

/** The one RGB frame of a single-frame file. */
async function rgbFrameOf(file: string): Promise<RgbFrame> {
  const frames = await readRgbFrames(await readDicomHeader(file));
  expect(frames).toHaveLength(1);
  return frames[0]!;
}

async function rgbOf(file: string): Promise<Uint8Array | Uint16Array> {
  return (await rgbFrameOf(file)).samples;
}

/** DCMTK's 8-bit rendering of an image as a PGM/PPM. */
function dcm2pnm(file: string, frame = 1): ReturnType<typeof readPnm> {
  const out = path(`${file.split('/').pop()}.${frame}.pnm`);
  run('dcm2pnm', ['+F', String(frame), file, out]);
  return readPnm(out);
}

/** Wraps one compressed codestream per frame as an encapsulated file (the same attributes the tools write). */
async function encapsulated(name: string, transferSyntaxUid: string, frames: Uint8Array[], dataset: Record<string, unknown>): Promise<string> {
  writeFileSync(
    path(name),
    await buildSyntheticDicom({
      transferSyntaxUid,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
      dataset: { Rows: SIZE, Columns: SIZE, NumberOfFrames: String(frames.length), PixelRepresentation: 0, Modality: 'OT', ...dataset },
      pixelData: { kind: 'encapsulated', fragments: frames },
    }),
  );
  return path(name);
}

const GREY_12 = { SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', BitsAllocated: 16, BitsStored: 12, HighBit: 11 };
const COLOR_8 = { SamplesPerPixel: 3, PlanarConfiguration: 0, BitsAllocated: 8, BitsStored: 8, HighBit: 7 };

beforeAll(() => {
  if (!runs) return;
  assertReferenceTools();
  dir = mkdtempSync(join(tmpdir(), 'radground-encodings-'));
  const stored = dcmtkPixelBytes(sharedData(...MR), dir);
  grey = new Uint16Array(stored.slice().buffer, 0, PIXELS);
  rgb8 = new Uint8Array(PIXELS * 3);
  rgb16 = new Uint16Array(PIXELS * 3);
  for (let i = 0; i < PIXELS; i++) {
    const [a, b, c] = [grey[i]!, grey[(i + 1) % PIXELS]!, grey[(i + SIZE) % PIXELS]!];
    rgb8.set([Math.min(255, a >> 2), 255 - Math.min(255, b >> 2), (c * 3) & 255], i * 3);
    rgb16.set([a * 16, 65535 - b * 13, (c * 37) & 0xffff], i * 3);
  }
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!runs)('color: RGB, YBR_FULL, YBR_FULL_422, YBR_ICT, YBR_RCT', () => {
  for (const planar of [0, 1] as const) {
    it(`uncompressed RGB, 8 and 16 bits, planar configuration ${planar}: exact, and as DCMTK stores them`, async () => {
      for (const samples of [rgb8, rgb16]) {
        const file = gdcmRgb(`rgb${samples.BYTES_PER_ELEMENT * 8}-pc${planar}.dcm`, samples, planar);
        const ours = await rgbOf(file);
        expect(differences(ours, samples)).toEqual([]);
        const stored = dcmtkPixelBytes(file, dir);
        const dcmtk = samples instanceof Uint8Array ? stored : new Uint16Array(stored.slice().buffer);
        expect(differences(planar ? toPlanar(ours) : ours, dcmtk)).toEqual([]);
      }
    });
  }

  /** GDCM's YBR -> RGB conversion (gdcmconv -P RGB), read back as DCMTK stores it. */
  function gdcmAsRgb(file: string): Uint8Array {
    const rgb = `${file}.rgb.dcm`;
    run('gdcmconv', ['-P', 'RGB', file, rgb]);
    return dcmtkPixelBytes(rgb, dir);
  }

  it('uncompressed YBR_FULL (gdcmconv -P): RGB exactly as GDCM converts it back, within 1 of the original', async () => {
    const ybr = path('ybr-full.dcm');
    run('gdcmconv', ['-P', 'YBR_FULL', gdcmRgb('for-ybr.dcm', rgb8, 0), ybr]);
    const instance = await readDicomHeader(ybr);
    expect(instance.photometricInterpretation).toBe('YBR_FULL');
    const ours = await rgbOf(ybr);
    expect(differences(ours, gdcmAsRgb(ybr))).toEqual([]);
    expect(differences(ours, rgb8, 1)).toEqual([]); // the round trip through YBR only rounds
  });

  it('uncompressed YBR_FULL_422 (2 samples per pixel): not "truncated"; RGB as GDCM converts the same samples at full resolution', async () => {
    const full = path('ybr-full-for-422.dcm');
    run('gdcmconv', ['-P', 'YBR_FULL', gdcmRgb('for-422.dcm', rgb8, 0), full]);
    const ybr = dcmtkPixelBytes(full, dir);
    const sub = new Uint8Array(PIXELS * 2);
    const upsampled = new Uint8Array(PIXELS * 3);
    for (let p = 0, o = 0; p < PIXELS; p += 2, o += 4) {
      // Y1 Y2 Cb Cr, chroma averaged over the pair as encoders do; each pixel of the pair shares it.
      const cb = (ybr[p * 3 + 1]! + ybr[p * 3 + 4]!) >> 1;
      const cr = (ybr[p * 3 + 2]! + ybr[p * 3 + 5]!) >> 1;
      sub.set([ybr[p * 3]!, ybr[p * 3 + 3]!, cb, cr], o);
      upsampled.set([ybr[p * 3]!, cb, cr, ybr[p * 3 + 3]!, cb, cr], p * 3);
    }
    const write = async (name: string, photometric: string, bytes: Uint8Array): Promise<string> => {
      writeFileSync(
        path(name),
        await buildSyntheticDicom({
          transferSyntaxUid: '1.2.840.10008.1.2.1',
          sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
          dataset: { Rows: SIZE, Columns: SIZE, ...COLOR_8, PhotometricInterpretation: photometric, Modality: 'OT' },
          pixelData: { kind: 'native', bytes, vr: 'OB' },
        }),
      );
      return path(name);
    };
    const file = await write('ybr-422.dcm', 'YBR_FULL_422', sub);
    // GDCM converts uncompressed YBR_FULL but not YBR_FULL_422: the reference is the same samples at full resolution.
    const reference = gdcmAsRgb(await write('ybr-422-upsampled.dcm', 'YBR_FULL', upsampled));
    expect(differences(await rgbOf(file), reference)).toEqual([]);
  });

  it('RLE (dcmcrle), 8 and 16 bits: exact', async () => {
    for (const samples of [rgb8, rgb16]) {
      const bits = samples.BYTES_PER_ELEMENT * 8;
      const rle = path(`rgb${bits}-rle.dcm`);
      run('dcmcrle', [gdcmRgb(`for-rle${bits}.dcm`, samples, 0), rle]);
      expect(differences(await rgbOf(rle), samples)).toEqual([]);
    }
  });

  it('JPEG lossless (dcmcjpeg +e1), 8 bits: exact; JPEG baseline YBR_FULL_422 (dcmcjpeg +eb): as dcmdjpeg decodes it (+-1)', async () => {
    const source = gdcmRgb('for-jpeg.dcm', rgb8, 0);
    const lossless = path('rgb-jpeg-lossless.dcm');
    run('dcmcjpeg', ['+e1', source, lossless]);
    expect(differences(await rgbOf(lossless), rgb8)).toEqual([]);
    const baseline = path('rgb-jpeg-baseline.dcm');
    const decoded = path('rgb-jpeg-baseline-dcmdjpeg.dcm');
    run('dcmcjpeg', ['+eb', source, baseline]);
    run('dcmdjpeg', [baseline, decoded]);
    expect((await readDicomHeader(baseline)).photometricInterpretation).toBe('YBR_FULL_422');
    expect(differences(await rgbOf(baseline), dcmtkPixelBytes(decoded, dir), 1)).toEqual([]);
  });

  it('JPEG lossless 16-bit RGB, process 14 SV1 (.70, dcmcjpeg +e1) and SV 2-7 (.57, dcmcjpeg +el +sv N): exact, as dcmdjpeg decodes them', async () => {
    const source = gdcmRgb('for-jpeg16.dcm', rgb16, 0);
    const variants: Array<[string, string[], string]> = [['sv1', ['+e1'], '1.2.840.10008.1.2.4.70']];
    for (const sv of [2, 3, 4, 5, 6, 7]) variants.push([`sv${sv}`, ['+el', '+sv', String(sv)], '1.2.840.10008.1.2.4.57']);
    for (const [name, flags, syntax] of variants) {
      const file = path(`rgb16-lossless-${name}.dcm`);
      const decoded = path(`rgb16-lossless-${name}-dcmdjpeg.dcm`);
      run('dcmcjpeg', [...flags, source, file]);
      run('dcmdjpeg', [file, decoded]);
      const instance = await readDicomHeader(file);
      expect(instance.transferSyntaxUid, name).toBe(syntax);
      expect(instance.bitsStored, name).toBe(16);
      const ours = await rgbOf(file);
      expect(differences(ours, rgb16), name).toEqual([]);
      expect(differences(ours, new Uint16Array(dcmtkPixelBytes(decoded, dir).slice().buffer)), `${name} by dcmdjpeg`).toEqual([]);
    }
  });

  it('JPEG 2000 lossless RGB (gdcmconv --j2k), 8 and 16 bits: exact', async () => {
    for (const samples of [rgb8, rgb16]) {
      const bits = samples.BYTES_PER_ELEMENT * 8;
      const j2k = path(`rgb${bits}-j2k.dcm`);
      run('gdcmconv', ['--j2k', gdcmRgb(`for-j2k${bits}.dcm`, samples, 0), j2k]);
      expect(differences(await rgbOf(j2k), samples)).toEqual([]);
    }
  });

  it('JPEG 2000 with its color transform (opj_compress -mct 1): YBR_RCT exact, YBR_ICT as opj_decompress decodes it (+-1)', async () => {
    const ppm = path('color.ppm');
    writeFileSync(ppm, pnmBytes(SIZE, SIZE, 3, 255, rgb8));
    const rct = path('rct.j2k');
    const ict = path('ict.j2k');
    run('opj_compress', ['-i', ppm, '-o', rct, '-mct', '1']);
    run('opj_compress', ['-i', ppm, '-o', ict, '-mct', '1', '-I', '-r', '8']);
    const { readFileSync } = await import('node:fs');
    const rctFile = await encapsulated('ybr-rct.dcm', '1.2.840.10008.1.2.4.90', [new Uint8Array(readFileSync(rct))], { ...COLOR_8, PhotometricInterpretation: 'YBR_RCT' });
    expect(differences(await rgbOf(rctFile), rgb8)).toEqual([]);
    const ictFile = await encapsulated('ybr-ict.dcm', '1.2.840.10008.1.2.4.91', [new Uint8Array(readFileSync(ict))], { ...COLOR_8, PhotometricInterpretation: 'YBR_ICT' });
    const reference = path('ict-decoded.ppm');
    run('opj_decompress', ['-i', ict, '-o', reference]);
    const ours = await rgbOf(ictFile);
    expect(differences(ours, readPnm(reference).samples, 1)).toEqual([]);
    expect(differences(ours, rgb8).length).toBeGreaterThan(0); // lossy: the test would notice a lossless stand-in
  });

  it('color images are refused as grey levels with a typed reason', async () => {
    const file = gdcmRgb('refused.dcm', rgb8, 0);
    const caught = await readModalityFrames(await readDicomHeader(file)).catch((e: unknown) => e);
    expect(isRadGroundError(caught) && caught.code).toBe('UNSUPPORTED_INPUT');
    expect(String(caught)).toMatch(/color images \(3 samples per pixel, RGB\) have no grey-level modality values/);
  });
});

describe.skipIf(!runs)('12-bit color JPEG with subsampled chroma, YBR_PARTIAL_422 / YBR_PARTIAL_420', () => {
  /** 12-bit RGB (the 16-bit test image's top 12 bits), uncompressed: the input of the 12-bit encoders. */
  async function rgb12File(name: string): Promise<{ file: string; samples: Uint16Array }> {
    const samples = Uint16Array.from(rgb16, (v) => v >> 4);
    writeFileSync(
      path(name),
      await buildSyntheticDicom({
        transferSyntaxUid: '1.2.840.10008.1.2.1',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
        dataset: { Rows: SIZE, Columns: SIZE, SamplesPerPixel: 3, PlanarConfiguration: 0, BitsAllocated: 16, BitsStored: 12, HighBit: 11, PixelRepresentation: 0, PhotometricInterpretation: 'RGB', Modality: 'OT' },
        pixelData: { kind: 'native', bytes: bytesOf(samples), vr: 'OW' },
      }),
    );
    return { file: path(name), samples };
  }

  /** The h x v sampling factors of each component in a file's first JPEG frame header (SOF0/SOF1). */
  function samplingFactors(file: string): string[] {
    const bytes = readFileSync(file);
    const sof = Math.max(bytes.indexOf(Buffer.from([0xff, 0xc0])), bytes.indexOf(Buffer.from([0xff, 0xc1])));
    const count = bytes[sof + 9]!;
    return Array.from({ length: count }, (_, c) => `${bytes[sof + 11 + c * 3]! >> 4}x${bytes[sof + 11 + c * 3]! & 15}`);
  }

  it('12-bit JPEG extended, 3 components, 4:2:2 and 4:2:0 chroma (dcmcjpeg +ee, +ee +n1): RGB exactly as dcmdjpeg decodes it', async () => {
    const { file: source, samples } = await rgb12File('rgb12.dcm');
    for (const [name, flags, photometric, factors] of [
      ['422', [], 'YBR_FULL_422', ['2x1', '1x1', '1x1']],
      // DCMTK's "4:1:1" (+n1) samples chroma at half the rows and half the columns: 4:2:0 in JPEG's terms.
      ['420', ['+n1'], 'YBR_FULL', ['2x2', '1x1', '1x1']],
    ] as const) {
      const jpeg = path(`rgb12-${name}.dcm`);
      const decoded = path(`rgb12-${name}-dcmdjpeg.dcm`);
      run('dcmcjpeg', ['+ee', ...flags, source, jpeg]);
      run('dcmdjpeg', [jpeg, decoded]);
      const instance = await readDicomHeader(jpeg);
      expect(instance.transferSyntaxUid, name).toBe('1.2.840.10008.1.2.4.51');
      expect(instance.photometricInterpretation, name).toBe(photometric);
      expect(samplingFactors(jpeg), name).toEqual(factors);
      const ours = await rgbOf(jpeg);
      expect(differences(ours, new Uint16Array(dcmtkPixelBytes(decoded, dir).slice().buffer)), `${name} by dcmdjpeg`).toEqual([]);
      expect(differences(ours, samples).length, name).toBeGreaterThan(0); // lossy: a lossless stand-in would not pass unnoticed
    }
  });


  it('sampling factors that are not integral ratios (3x1 luma, 2x1 chroma) stay UNSUPPORTED_INPUT, naming them', async () => {
    const jpeg = path('rgb12-for-patch.dcm');
    run('dcmcjpeg', ['+ee', (await rgb12File('rgb12-source-for-patch.dcm')).file, jpeg]);
    const bytes = new Uint8Array(readFileSync(jpeg));
    const sof = Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xc1]));
    expect(bytes[sof + 11]).toBe(0x21);
    bytes[sof + 11] = 0x31; // luma 3x1
    bytes[sof + 14] = 0x21; // first chroma 2x1: 3 is not a multiple of 2
    const patched = path('rgb12-non-integral.dcm');
    writeFileSync(patched, bytes);
    const caught = await readRgbFrames(await readDicomHeader(patched)).catch((e: unknown) => e);
    expect(isRadGroundError(caught) && caught.code).toBe('UNSUPPORTED_INPUT');
    expect(String(caught)).toMatch(/sampling factors 3x1, 2x1, 1x1 are not integral ratios/);
  });

  /** RGB -> YBR_PARTIAL (8 bits) with the equations of PS3.3 C.7.6.3.1.2, rounded: what a YBR_PARTIAL encoder stores. */
  function toPartial(rgb: Uint8Array): Uint8Array {
    const out = new Uint8Array(rgb.length);
    for (let i = 0; i < rgb.length; i += 3) {
      const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
      out[i] = Math.round(0.2568 * r + 0.5041 * g + 0.0979 * b + 16);
      out[i + 1] = Math.round(-0.1482 * r - 0.291 * g + 0.4392 * b + 128);
      out[i + 2] = Math.round(0.4392 * r - 0.3678 * g - 0.0714 * b + 128);
    }
    return out;
  }

  /** Each pair of pixels of a row given the first one's color, so 4:2:2 chroma loses nothing. */
  const pairedRgb8 = (): Uint8Array => rgb8.map((v, i) => (Math.floor(i / 3) % 2 === 1 ? rgb8[i - 3]! : v));

  async function nativeColor(name: string, photometric: string, bytes: Uint8Array): Promise<string> {
    writeFileSync(
      path(name),
      await buildSyntheticDicom({
        transferSyntaxUid: '1.2.840.10008.1.2.1',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.6.1',
        dataset: { Rows: SIZE, Columns: SIZE, ...COLOR_8, PixelRepresentation: 0, PhotometricInterpretation: photometric, Modality: 'US' },
        pixelData: { kind: 'native', bytes, vr: 'OB' },
      }),
    );
    return path(name);
  }

  it('uncompressed YBR_PARTIAL_422 (old ultrasound): RGB as dcm2pnm converts it (-1..+2, DCMTK truncates), and the encoded RGB back (+-2)', async () => {
    const source = pairedRgb8();
    const partial = toPartial(source);
    const sub = new Uint8Array(PIXELS * 2);
    for (let p = 0, o = 0; p < PIXELS; p += 2, o += 4) sub.set([partial[p * 3]!, partial[p * 3 + 3]!, partial[p * 3 + 1]!, partial[p * 3 + 2]!], o);
    const file = await nativeColor('ybr-partial-422.dcm', 'YBR_PARTIAL_422', sub);
    const ours = await rgbOf(file);
    const dcmtk = dcm2pnm(file).samples;
    expect(dcmtk).toHaveLength(ours.length);
    // DCMTK (diyp2pxt.h) truncates its floating-point result where RadGround rounds: ours is never below
    // dcm2pnm's value by more than 1 nor above it by more than 2, and is the closer of the two to the source.
    const below = Array.from(ours).filter((v, i) => v - dcmtk[i]! < -1).length;
    const above = Array.from(ours).filter((v, i) => v - dcmtk[i]! > 2).length;
    expect({ below, above }).toEqual({ below: 0, above: 0 });
    const error = (values: ArrayLike<number>): number => Array.from(source).reduce((sum, v, i) => sum + Math.abs(values[i]! - v), 0);
    expect(error(ours)).toBeLessThan(error(dcmtk));
    // 8-bit limited range cannot hold every RGB: the round trip through the stored samples is within 2.
    expect(differences(ours, source, 2)).toEqual([]);
    expect(differences(ours, source, 0).length).toBeGreaterThan(0);
  });

  it('JPEG baseline YBR_PARTIAL_420 (limited-range YCbCr, 4:2:0): components as dcmdjpeg +cn decodes them, RGB by the BT.601 inverse (+-1)', async () => {
    // No reference tool converts RGB to YBR_PARTIAL and JPEG-compresses it: the test converts the RGB with the
    // standard's equations, GDCM's libjpeg compresses those samples as they are (an input marked YBR_FULL is
    // not color-converted; it samples chroma 4:2:0), and DCMTK's dcmodify names them YBR_PARTIAL_420.
    const asFull = path('partial-as-ybr-full.dcm');
    const raw = path('partial.raw');
    writeFileSync(raw, toPartial(rgb8));
    run('gdcmimg', ['--spp', '3', '--pc', '0', '--depth', '8', '-s', `${SIZE},${SIZE}`, '--pi', 'YBR_FULL', '-i', raw, '-o', asFull]);
    const jpeg = path('ybr-partial-420.dcm');
    run('gdcmconv', ['--jpeg', '--lossy', '-q', '95', asFull, jpeg]);
    run('dcmodify', ['-nb', '-m', '(0028,0004)=YBR_PARTIAL_420', jpeg]);
    const instance = await readDicomHeader(jpeg);
    expect(instance.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
    expect(instance.photometricInterpretation).toBe('YBR_PARTIAL_420');
    expect(samplingFactors(jpeg)).toEqual(['2x2', '1x1', '1x1']);
    const stored = path('ybr-partial-420-dcmdjpeg.dcm');
    run('dcmdjpeg', ['+cn', jpeg, stored]);
    const ycc = dcmtkPixelBytes(stored, dir);
    // The textbook BT.601 inverse (limited range), written independently of RadGround's matrix inverse.
    const expected = new Uint8Array(ycc.length);
    const clamp = (v: number): number => Math.min(255, Math.max(0, Math.round(v)));
    for (let i = 0; i < ycc.length; i += 3) {
      const y = 1.164 * (ycc[i]! - 16);
      const cb = ycc[i + 1]! - 128;
      const cr = ycc[i + 2]! - 128;
      expected.set([clamp(y + 1.596 * cr), clamp(y - 0.392 * cb - 0.813 * cr), clamp(y + 2.017 * cb)], i);
    }
    const ours = await rgbOf(jpeg);
    expect(differences(ours, expected, 1)).toEqual([]);
    // Read as full-range YCbCr (what libjpeg-turbo's own conversion assumes) the colors would be off by far more.
    const fullRange = path('ybr-partial-420-as-full.dcm');
    run('dcmdjpeg', ['+ca', jpeg, fullRange]);
    expect(differences(ours, dcmtkPixelBytes(fullRange, dir), 8).length).toBeGreaterThan(ours.length / 10);
  });

  it('uncompressed YBR_PARTIAL_420 (the standard defines it for compressed data only) stays UNSUPPORTED_INPUT, naming it', async () => {
    const file = await nativeColor('ybr-partial-420-native.dcm', 'YBR_PARTIAL_420', toPartial(rgb8));
    const caught = await readRgbFrames(await readDicomHeader(file)).catch((e: unknown) => e);
    expect(isRadGroundError(caught) && caught.code).toBe('UNSUPPORTED_INPUT');
    expect(String(caught)).toMatch(/uncompressed YBR_PARTIAL_420 is not supported/);
  });
});

describe.skipIf(!runs)('PALETTE COLOR', () => {
  /** 8-bit indices from the MR slice. */
  const indices = (): Uint8Array => Uint8Array.from(grey, (v) => Math.min(255, v >> 2));
  const ramp = (k: number, channel: number): number => [k * 257, 65535 - k * 200, (k * k) % 65536][channel]!;

  async function paletteFile(name: string, lut: Record<string, unknown>): Promise<string> {
    writeFileSync(
      path(name),
      await buildSyntheticDicom({
        transferSyntaxUid: '1.2.840.10008.1.2.1',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.6.1',
        dataset: { Rows: SIZE, Columns: SIZE, BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelRepresentation: 0, PhotometricInterpretation: 'PALETTE COLOR', Modality: 'US', ...lut },
        pixelData: { kind: 'native', bytes: indices(), vr: 'OB' },
      }),
    );
    return path(name);
  }

  const descriptor = (entries: number, first: number, bits: number): number[] => [entries, first, bits];
  const words = (values: number[]): ArrayBuffer => Uint16Array.from(values).buffer;

  it('16-bit LUT with a first mapped value: every pixel as the table says, and as dcm2pnm renders it (+-1 in 8 bits)', async () => {
    const first = 16;
    const table = (c: number) => Array.from({ length: 240 }, (_, k) => ramp(k, c));
    const file = await paletteFile('palette16.dcm', {
      RedPaletteColorLookupTableDescriptor: descriptor(240, first, 16),
      GreenPaletteColorLookupTableDescriptor: descriptor(240, first, 16),
      BluePaletteColorLookupTableDescriptor: descriptor(240, first, 16),
      RedPaletteColorLookupTableData: words(table(0)),
      GreenPaletteColorLookupTableData: words(table(1)),
      BluePaletteColorLookupTableData: words(table(2)),
    });
    const expected = new Uint16Array(PIXELS * 3);
    indices().forEach((v, i) => {
      const k = Math.min(239, Math.max(0, v - first));
      for (let c = 0; c < 3; c++) expected[i * 3 + c] = ramp(k, c);
    });
    const frame = await rgbFrameOf(file);
    expect(frame.bits).toBe(16);
    expect(differences(frame.samples, expected)).toEqual([]);
    const display = Uint8Array.from(frame.samples, (v) => v >> 8);
    expect(differences(display, dcm2pnm(file).samples, 1)).toEqual([]);
  });

  it('8-bit LUT (one entry per word): as the table says, and as dcm2pnm renders it', async () => {
    const table = (c: number) => Array.from({ length: 256 }, (_, k) => ramp(k, c) >> 8);
    const file = await paletteFile('palette8.dcm', {
      RedPaletteColorLookupTableDescriptor: descriptor(256, 0, 8),
      GreenPaletteColorLookupTableDescriptor: descriptor(256, 0, 8),
      BluePaletteColorLookupTableDescriptor: descriptor(256, 0, 8),
      RedPaletteColorLookupTableData: words(table(0)),
      GreenPaletteColorLookupTableData: words(table(1)),
      BluePaletteColorLookupTableData: words(table(2)),
    });
    const expected = new Uint8Array(PIXELS * 3);
    indices().forEach((v, i) => {
      for (let c = 0; c < 3; c++) expected[i * 3 + c] = ramp(v, c) >> 8;
    });
    const frame = await rgbFrameOf(file);
    expect(frame.bits).toBe(8);
    expect(differences(frame.samples, expected)).toEqual([]);
    expect(differences(frame.samples, dcm2pnm(file).samples)).toEqual([]);
  });

  it('segmented LUTs (discrete, linear and indirect segments) expand as PS3.3 C.7.9.2 defines', async () => {
    // red: 0 then linear to 65280 over 255 steps; green: discrete 0..127 x 256, then an indirect copy of those
    // two segments' worth (discrete 128 values) shifted: simplest is a linear ramp down; blue: constant.
    const red = [0, 1, 0, 1, 255, 65280];
    const green = [0, 128, ...Array.from({ length: 128 }, (_, k) => k * 256), 2, 1, 0, 0];
    const blue = [0, 1, 4660, 1, 255, 4660];
    const file = await paletteFile('palette-segmented.dcm', {
      RedPaletteColorLookupTableDescriptor: descriptor(256, 0, 16),
      GreenPaletteColorLookupTableDescriptor: descriptor(256, 0, 16),
      BluePaletteColorLookupTableDescriptor: descriptor(256, 0, 16),
      SegmentedRedPaletteColorLookupTableData: words(red),
      SegmentedGreenPaletteColorLookupTableData: words(green),
      SegmentedBluePaletteColorLookupTableData: words(blue),
    });
    const expectedOf = (k: number): number[] => [k * 256, (k % 128) * 256, 4660];
    const expected = new Uint16Array(PIXELS * 3);
    indices().forEach((v, i) => expected.set(expectedOf(v), i * 3));
    const frame = await rgbFrameOf(file);
    expect(differences(frame.samples, expected)).toEqual([]);
  });

  it('a segmented LUT that expands past its descriptor is CORRUPT_INPUT', async () => {
    const file = await paletteFile('palette-bad.dcm', {
      RedPaletteColorLookupTableDescriptor: descriptor(16, 0, 16),
      GreenPaletteColorLookupTableDescriptor: descriptor(16, 0, 16),
      BluePaletteColorLookupTableDescriptor: descriptor(16, 0, 16),
      SegmentedRedPaletteColorLookupTableData: words([0, 1, 0, 1, 40, 100]),
      SegmentedGreenPaletteColorLookupTableData: words([0, 1, 0, 1, 15, 100]),
      SegmentedBluePaletteColorLookupTableData: words([0, 1, 0, 1, 15, 100]),
    });
    const caught = await readRgbFrames(await readDicomHeader(file)).catch((e: unknown) => e);
    expect(isRadGroundError(caught) && caught.code).toBe('CORRUPT_INPUT');
    expect(String(caught)).toMatch(/segmented LUT expands past its 16 entries/);
  });
});

describe.skipIf(!runs)('12-bit JPEG extended, HTJ2K, 1-bit, missing preamble or file meta', () => {
  it('12-bit JPEG extended, process 4 (dcmcjpeg +ee): every value as dcmdjpeg decodes it (same islow IDCT)', async () => {
    const jpeg = path('mr-jpeg12.dcm');
    const decoded = path('mr-jpeg12-dcmdjpeg.dcm');
    run('dcmcjpeg', ['+ee', sharedData(...MR), jpeg]);
    run('dcmdjpeg', [jpeg, decoded]);
    const instance = await readDicomHeader(jpeg);
    expect(instance.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.51');
    const [ours] = await readModalityFrames(instance);
    const reference = dcmtkPixelBytes(decoded, dir);
    expect(differences(ours!, new Uint16Array(reference.slice().buffer))).toEqual([]);
    expect(differences(ours!, grey).length).toBeGreaterThan(0); // lossy: a lossless stand-in would not pass unnoticed
  });

  it('HTJ2K lossless grey (.201) and color with the RCT (.203, YBR_RCT), from ojph_compress: exact; irreversible as ojph_expand decodes it', async () => {
    const { readFileSync } = await import('node:fs');
    const pgm = path('mr.pgm');
    writeFileSync(pgm, pnmBytes(SIZE, SIZE, 1, 4095, grey));
    const greyStream = path('mr.j2c');
    run('ojph_compress', ['-i', pgm, '-o', greyStream, '-reversible', 'true']);
    const greyFile = await encapsulated('mr-htj2k.dcm', '1.2.840.10008.1.2.4.201', [new Uint8Array(readFileSync(greyStream))], GREY_12);
    const [ours] = await readModalityFrames(await readDicomHeader(greyFile));
    expect(differences(ours!, grey), 'grey lossless').toEqual([]);

    const ppm = path('color-htj2k.ppm');
    writeFileSync(ppm, pnmBytes(SIZE, SIZE, 3, 255, rgb8));
    const colorStream = path('color.j2c');
    run('ojph_compress', ['-i', ppm, '-o', colorStream, '-reversible', 'true', '-colour_trans', 'true']);
    const colorFile = await encapsulated('color-htj2k.dcm', '1.2.840.10008.1.2.4.203', [new Uint8Array(readFileSync(colorStream))], {
      ...COLOR_8,
      PhotometricInterpretation: 'YBR_RCT',
    });
    expect(differences(await rgbOf(colorFile), rgb8), 'color lossless').toEqual([]);

    const lossyStream = path('mr-lossy.j2c');
    run('ojph_compress', ['-i', pgm, '-o', lossyStream, '-qstep', '0.01']);
    const lossyFile = await encapsulated('mr-htj2k-lossy.dcm', '1.2.840.10008.1.2.4.203', [new Uint8Array(readFileSync(lossyStream))], GREY_12);
    const expanded = path('mr-lossy.pgm');
    run('ojph_expand', ['-i', lossyStream, '-o', expanded]);
    const [lossy] = await readModalityFrames(await readDicomHeader(lossyFile));
    expect(differences(lossy!, readPnm(expanded).samples, 1), 'lossy').toEqual([]); // OpenJPH 0.9 (Debian) and the WASM build round alike but for a few values
    expect(differences(lossy!, grey).length).toBeGreaterThan(0);
  });

  it('1-bit packed data across frames (3 frames of 255x255, frames not byte-aligned): the set pixels of every frame as dcm2pnm renders it', async () => {
    const side = 255;
    const frames = [1, 2, 3].map((t) => {
      const bits = new Uint8Array(side * side);
      for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) bits[r * side + c] = grey[r * SIZE + c]! > t * 150 ? 1 : 0;
      return bits;
    });
    const all = frames.flatMap((f) => Array.from(f));
    const packed = new Uint8Array(Math.ceil(all.length / 8));
    all.forEach((b, i) => (packed[i >> 3]! |= b << (i & 7)));
    const file = path('bits.dcm');
    writeFileSync(
      file,
      await buildSyntheticDicom({
        transferSyntaxUid: '1.2.840.10008.1.2.1',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
        dataset: { Rows: side, Columns: side, NumberOfFrames: '3', BitsAllocated: 1, BitsStored: 1, HighBit: 0, PixelRepresentation: 0, Modality: 'OT', SOPInstanceUID: testUid() },
        pixelData: { kind: 'native', bytes: packed, vr: 'OB' },
      }),
    );
    const ours = await readModalityFrames(await readDicomHeader(file));
    expect(ours).toHaveLength(3);
    for (let f = 0; f < 3; f++) {
      expect(differences(ours[f]!, frames[f]!), `frame ${f + 1}`).toEqual([]);
      const rendered = dcm2pnm(file, f + 1).samples;
      // dcm2pnm renders set bits as non-zero grey levels (not always 255): compare which pixels are set.
      expect(differences(ours[f]!, Uint8Array.from(rendered, (v) => (v > 0 ? 1 : 0))), `frame ${f + 1} by dcm2pnm`).toEqual([]);
    }
  });

  it('no preamble, no "DICM", bare data sets in implicit/explicit LE and explicit BE (dcmconv -F): stored values as DCMTK reads the original', async () => {
    const { readFileSync } = await import('node:fs');
    const original = sharedData('ct', 'chest_lidc_idri_0001', '000001.dcm');
    const whole = readFileSync(original);
    const variants: Record<string, string> = {};
    writeFileSync((variants.noPreamble = path('no-preamble.dcm')), whole.subarray(128));
    writeFileSync((variants.noMagic = path('no-magic.dcm')), whole.subarray(132));
    for (const [name, flag] of [['bareImplicit', '+ti'], ['bareExplicit', '+te'], ['bareBigEndian', '+tb']] as const) {
      run('dcmconv', ['-F', flag, original, (variants[name] = path(`${name}.dcm`))]);
    }
    const instance = await readDicomHeader(original);
    const reference = dcmtkPixelBytes(original, dir);
    const stored = new Int16Array(reference.slice().buffer);
    const expected = Array.from(stored, (v) => v * instance.rescaleSlope + instance.rescaleIntercept);
    for (const [name, file] of Object.entries(variants)) {
      const read = await readDicomHeader(file);
      expect(read.sopInstanceUid, name).toBe(instance.sopInstanceUid);
      const [values] = await readModalityFrames(read);
      expect(differences(values!, expected), name).toEqual([]);
    }
    expect(readdirSync(dir).length).toBeGreaterThan(0);
  });
});
