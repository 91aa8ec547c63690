import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRadGroundError } from '../../../electron/core/errors/radground-error';
import {
  modalityOutputType,
  parseDicomFileBytes,
  readDicomHeader,
  readModalityFrames,
  readModalityFramesInto,
} from '../../../electron/core/dicom/index';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { basicOffsetTableFor, buildSyntheticDicom, TS, testUid } from './support/synthetic-dicom';
import { encodeJpegLossless, encodeJpegLs, encodeRleFrame } from './support/test-encoders';

const hasData = requireSharedData();

const ROWS = 7; // odd sizes catch row/column mix-ups and odd byte counts
const COLS = 9;
const N = ROWS * COLS;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'radground-dicom-synthetic-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function writeTemp(name: string, bytes: Uint8Array): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}

/** Stored 16-bit words for frame f: a ramp over the signed 12-bit range, with junk in the top 4 bits. */
function storedWords12(frame: number): Uint16Array {
  const words = new Uint16Array(N);
  for (let i = 0; i < N; i++) {
    const value12 = ((i * 67 + frame * 1000) % 4096) & 0xfff;
    const junk = (i * 5 + frame) & 0xf;
    words[i] = (junk << 12) | value12;
  }
  return words;
}

const signExtend12 = (w: number): number => ((w & 0xfff) ^ 0x800) - 0x800;

function toBytes(words: Uint16Array | Uint32Array, bigEndian: boolean): Uint8Array {
  const size = words.BYTES_PER_ELEMENT;
  const out = new Uint8Array(words.length * size);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => (size === 2 ? view.setUint16(i * 2, w, !bigEndian) : view.setUint32(i * 4, w, !bigEndian)));
  return out;
}

function concatFrames(frames: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

/** Count of positions where two frames differ (fast on 512x512; toEqual on typed arrays is slow). */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

const pixelModule = (bitsAllocated: number, bitsStored: number, pixelRepresentation: number, frames = 1): Record<string, unknown> => ({
  Rows: ROWS,
  Columns: COLS,
  BitsAllocated: bitsAllocated,
  BitsStored: bitsStored,
  HighBit: bitsStored - 1,
  PixelRepresentation: pixelRepresentation,
  ...(frames > 1 ? { NumberOfFrames: String(frames) } : {}),
});

describe('uncompressed encodings', () => {
  it('explicit VR big endian, signed 12-in-16 bits with junk high bits, 2 frames', async () => {
    const words = [storedWords12(0), storedWords12(1)];
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.explicitBE,
      dataset: { ...pixelModule(16, 12, 1, 2), RescaleSlope: '1', RescaleIntercept: '-1024' },
      pixelData: { kind: 'native', bytes: concatFrames(words.map((w) => toBytes(w, true))) },
    });
    const expected = words.map((w) => Array.from(w, (x) => signExtend12(x) - 1024));

    const parsed = parseDicomFileBytes(bytes, 'be.dcm');
    expect(parsed.pixelData.bigEndian).toBe(true);
    expect([parsed.rows, parsed.columns, parsed.numberOfFrames, parsed.bitsStored]).toEqual([ROWS, COLS, 2, 12]);
    const frames = await readModalityFrames(parsed, bytes);
    expect(frames.map((f) => Array.from(f))).toEqual(expected);
    expect(frames[0]).toBeInstanceOf(Int16Array);

    // Straight from disk into a volume-like buffer (the direct read path, with byte swapping).
    const file = await writeTemp('be.dcm', bytes);
    const instance = await readDicomHeader(file);
    const volume = new Int16Array(3 * N).fill(7);
    await readModalityFramesInto(instance, volume, N);
    expect(Array.from(volume.subarray(0, N))).toEqual(new Array(N).fill(7));
    expect(Array.from(volume.subarray(N, 2 * N))).toEqual(expected[0]);
    expect(Array.from(volume.subarray(2 * N))).toEqual(expected[1]);
  });

  it('implicit VR little endian, unsigned 12-in-16 bits: junk above bit 11 is masked off', async () => {
    const words = storedWords12(3);
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.implicitLE,
      dataset: { ...pixelModule(16, 12, 0), RescaleSlope: '1', RescaleIntercept: '-1024' },
      pixelData: { kind: 'native', bytes: toBytes(words, false) },
    });
    const expected = Array.from(words, (w) => (w & 0xfff) - 1024);
    const file = await writeTemp('implicit.dcm', bytes);
    const fromDisk = await readModalityFrames(await readDicomHeader(file));
    expect(Array.from(fromDisk[0]!)).toEqual(expected);
    // Same bytes at an odd address: no aligned typed-array view is possible.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const odd = shifted.subarray(1);
    const fromOdd = await readModalityFrames(parseDicomFileBytes(odd, 'odd.dcm'), odd);
    expect(Array.from(fromOdd[0]!)).toEqual(expected);
    // Float32 target takes the generic path: same values.
    const asFloat = new Float32Array(N);
    await readModalityFramesInto(parseDicomFileBytes(odd, 'odd.dcm'), asFloat, 0, odd);
    expect(Array.from(asFloat)).toEqual(expected);
  });

  it('explicit VR little endian, signed 16 bits, fractional slope -> Float32Array', async () => {
    const values = Int16Array.from({ length: N }, (_, i) => (i % 2 === 0 ? -1 : 1) * i * 500);
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.explicitLE,
      dataset: { ...pixelModule(16, 16, 1), RescaleSlope: '2.5', RescaleIntercept: '-10' },
      pixelData: { kind: 'native', bytes: new Uint8Array(values.buffer) },
    });
    const instance = parseDicomFileBytes(bytes, 'slope.dcm');
    expect(modalityOutputType(instance)).toBe('float32');
    const [frame] = await readModalityFrames(instance, bytes);
    expect(frame).toBeInstanceOf(Float32Array);
    expect(Array.from(frame!)).toEqual(Array.from(values, (v) => v * 2.5 - 10));
    let caught: unknown;
    await readModalityFramesInto(instance, new Int16Array(N), 0, bytes).catch((e: unknown) => (caught = e));
    expect(isRadGroundError(caught) && caught.code).toBe('BAD_REQUEST');
  });

  it('8-bit unsigned (OB) and 32-bit unsigned data', async () => {
    const eight = Uint8Array.from({ length: N }, (_, i) => (i * 37) & 0xff);
    const bytes8 = await buildSyntheticDicom({
      transferSyntaxUid: TS.explicitLE,
      dataset: { ...pixelModule(8, 8, 0) },
      pixelData: { kind: 'native', bytes: eight, vr: 'OB' },
    });
    const [frame8] = await readModalityFrames(parseDicomFileBytes(bytes8, 'eight.dcm'), bytes8);
    expect(frame8).toBeInstanceOf(Int16Array);
    expect(Array.from(frame8!)).toEqual(Array.from(eight));

    const wide = Uint32Array.from({ length: N }, (_, i) => i * 70000 + 3);
    const bytes32 = await buildSyntheticDicom({
      transferSyntaxUid: TS.explicitLE,
      dataset: { ...pixelModule(32, 32, 0) },
      pixelData: { kind: 'native', bytes: toBytes(wide, false), vr: 'OW' },
    });
    const [frame32] = await readModalityFrames(parseDicomFileBytes(bytes32, 'wide.dcm'), bytes32);
    expect(frame32).toBeInstanceOf(Float32Array);
    expect(Array.from(frame32!)).toEqual(Array.from(wide, (v) => Math.fround(v)));
  });

  it('deflated explicit VR little endian', async () => {
    const words = storedWords12(5);
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.deflated,
      dataset: { ...pixelModule(16, 12, 1), RescaleSlope: '1', RescaleIntercept: '0', PatientName: 'Deflated^Test' },
      pixelData: { kind: 'native', bytes: toBytes(words, false) },
    });
    const file = await writeTemp('deflated.dcm', bytes);
    const instance = await readDicomHeader(file);
    expect(instance.transferSyntaxUid).toBe(TS.deflated);
    expect(instance.patientName).toBe('Deflated^Test');
    expect(instance.pixelData.deflated).toBe(true);
    const [frame] = await readModalityFrames(instance);
    expect(Array.from(frame!)).toEqual(Array.from(words, signExtend12));
  });
});

describe('RLE, JPEG lossless and JPEG-LS (encoded in the test)', () => {
  it('RLE lossless, signed 16-bit, 3 frames (one fragment each, empty offset table)', async () => {
    const frames = [0, 1, 2].map((f) => Int16Array.from({ length: N }, (_, i) => ((i * 911 + f * 4099) % 65536) - 32768));
    // Runs as well as literals:
    frames[1]!.fill(-1234, 10, 40);
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.rle,
      dataset: { ...pixelModule(16, 16, 1, 3), RescaleSlope: '1', RescaleIntercept: '0' },
      pixelData: { kind: 'encapsulated', fragments: frames.map((f) => encodeRleFrame(f, 2)) },
    });
    const file = await writeTemp('rle16.dcm', bytes);
    const decoded = await readModalityFrames(await readDicomHeader(file));
    expect(decoded.map((f) => Array.from(f))).toEqual(frames.map((f) => Array.from(f)));
  });

  it('RLE lossless, 8-bit, with a Basic Offset Table', async () => {
    const frames = [0, 1].map((f) => Uint8Array.from({ length: N }, (_, i) => (i < 20 ? 200 : (i * 13 + f) & 0xff)));
    const fragments = frames.map((f) => encodeRleFrame(f, 1));
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.rle,
      dataset: { ...pixelModule(8, 8, 0, 2) },
      pixelData: { kind: 'encapsulated', fragments, basicOffsetTable: basicOffsetTableFor(fragments.map((f) => [f])) },
    });
    const decoded = await readModalityFrames(parseDicomFileBytes(bytes, 'rle8.dcm'), bytes);
    expect(decoded.map((f) => Array.from(f))).toEqual(frames.map((f) => Array.from(f)));
  });

  it('a broken RLE segment is CORRUPT_INPUT', async () => {
    const fragment = encodeRleFrame(new Uint16Array(N).fill(300), 2);
    new DataView(fragment.buffer).setUint32(0, 3, true); // claims 3 segments
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.rle,
      dataset: { ...pixelModule(16, 16, 0) },
      pixelData: { kind: 'encapsulated', fragments: [fragment] },
    });
    let caught: unknown;
    await readModalityFrames(parseDicomFileBytes(bytes, 'bad-rle.dcm'), bytes).catch((e: unknown) => (caught = e));
    expect(isRadGroundError(caught) && caught.code).toBe('CORRUPT_INPUT');
    expect(String(caught)).toMatch(/RLE: 3 segments, expected 2/);
  });

  it('JPEG lossless (1.2.840.10008.1.2.4.70): unsigned 12-bit and signed 16-bit', async () => {
    const unsigned = Uint16Array.from({ length: N }, (_, i) => (i * 61) % 4096);
    const bytesU = await buildSyntheticDicom({
      transferSyntaxUid: TS.jpegLossless,
      dataset: { ...pixelModule(16, 12, 0), RescaleSlope: '1', RescaleIntercept: '-1024' },
      pixelData: { kind: 'encapsulated', fragments: [encodeJpegLossless(unsigned, ROWS, COLS, 12)] },
    });
    const [frameU] = await readModalityFrames(parseDicomFileBytes(bytesU, 'jll-u.dcm'), bytesU);
    expect(Array.from(frameU!)).toEqual(Array.from(unsigned, (v) => v - 1024));

    const signed = Int16Array.from({ length: N }, (_, i) => (i % 3 === 0 ? -1 : 1) * i * 400);
    const bytesS = await buildSyntheticDicom({
      transferSyntaxUid: TS.jpegLossless,
      dataset: { ...pixelModule(16, 16, 1) },
      pixelData: { kind: 'encapsulated', fragments: [encodeJpegLossless(new Uint16Array(signed.buffer), ROWS, COLS, 16)] },
    });
    const [frameS] = await readModalityFrames(parseDicomFileBytes(bytesS, 'jll-s.dcm'), bytesS);
    expect(Array.from(frameS!)).toEqual(Array.from(signed));
  });

  it('JPEG-LS lossless (1.2.840.10008.1.2.4.80), 16-bit split over two fragments', async () => {
    const values = Uint16Array.from({ length: N }, (_, i) => (i * 1013) % 65536);
    const encoded = await encodeJpegLs(values, ROWS, COLS, 16);
    const half = encoded.length >> 1;
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.jpegLs,
      dataset: { ...pixelModule(16, 16, 0), RescaleSlope: '1', RescaleIntercept: '-32768' },
      pixelData: { kind: 'encapsulated', fragments: [encoded.subarray(0, half & ~1), encoded.subarray(half & ~1)] },
    });
    const instance = parseDicomFileBytes(bytes, 'jls.dcm');
    expect(modalityOutputType(instance)).toBe('int16');
    const [frame] = await readModalityFrames(instance, bytes);
    expect(Array.from(frame!)).toEqual(Array.from(values, (v) => v - 32768));
  });
});

describe('header details', () => {
  it('Enhanced CT: geometry per frame from functional groups, rescale from Pixel Value Transformation', async () => {
    const frames = [0, 1, 2].map((f) => Uint16Array.from({ length: N }, (_, i) => (i * 29 + f * 7) % 4096));
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.explicitLE,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2.1',
      dataset: {
        ...pixelModule(16, 12, 0, 3),
        SharedFunctionalGroupsSequence: [
          {
            PixelMeasuresSequence: [{ PixelSpacing: [0.5, 0.75], SliceThickness: 1.25 }],
            PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }],
            PixelValueTransformationSequence: [{ RescaleIntercept: -1024, RescaleSlope: 1, RescaleType: 'HU' }],
            FrameVOILUTSequence: [{ WindowCenter: [40, 400], WindowWidth: [350, 1500] }],
          },
        ],
        PerFrameFunctionalGroupsSequence: [0, 1, 2].map((f) => ({
          PlanePositionSequence: [{ ImagePositionPatient: [-100, -120, 30 + 1.25 * f] }],
        })),
      },
      pixelData: { kind: 'native', bytes: concatFrames(frames.map((f) => toBytes(f, false))) },
    });
    const instance = parseDicomFileBytes(bytes, 'enhanced.dcm');
    expect(instance.numberOfFrames).toBe(3);
    expect(instance.rescaleIntercept).toBe(-1024);
    expect([instance.windowCenter, instance.windowWidth]).toEqual([40, 350]);
    expect(instance.sliceThickness).toBe(1.25);
    expect(instance.geometry).toEqual({
      imagePositionPatient: null,
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [0.5, 0.75],
    });
    expect(instance.perFrameGeometry).toEqual(
      [0, 1, 2].map((f) => ({
        imagePositionPatient: [-100, -120, 30 + 1.25 * f],
        imageOrientationPatient: [1, 0, 0, 0, 1, 0],
        pixelSpacing: [0.5, 0.75],
      })),
    );
    const decoded = await readModalityFrames(instance, bytes);
    expect(decoded.map((f) => Array.from(f))).toEqual(frames.map((f) => Array.from(f, (v) => v - 1024)));
  });

  it('Enhanced MR with a different rescale per frame applies each frame its own', async () => {
    const frames = [0, 1].map(() => Uint16Array.from({ length: N }, (_, i) => i * 10));
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.explicitLE,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.4.1',
      dataset: {
        ...pixelModule(16, 16, 0, 2),
        Modality: 'MR',
        PerFrameFunctionalGroupsSequence: [
          { PixelValueTransformationSequence: [{ RescaleIntercept: 0, RescaleSlope: 1 }] },
          { PixelValueTransformationSequence: [{ RescaleIntercept: 5, RescaleSlope: 0.5 }] },
        ],
      },
      pixelData: { kind: 'native', bytes: concatFrames(frames.map((f) => toBytes(f, false))) },
    });
    const instance = parseDicomFileBytes(bytes, 'enhanced-mr.dcm');
    expect(instance.perFrameRescale).toEqual([
      { slope: 1, intercept: 0 },
      { slope: 0.5, intercept: 5 },
    ]);
    const decoded = await readModalityFrames(instance, bytes);
    expect(decoded[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(decoded[0]!)).toEqual(Array.from(frames[0]!));
    expect(Array.from(decoded[1]!)).toEqual(Array.from(frames[1]!, (v) => v * 0.5 + 5));
  });

  it('SOP Class UID only in the file meta, UTF-8 names', async () => {
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.explicitLE,
      sopClassOnlyInMeta: true,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
      dataset: {
        ...pixelModule(8, 8, 0),
        SpecificCharacterSet: 'ISO_IR 192',
        PatientName: 'Müller^Zoë',
        StudyDescription: 'Тест',
        WindowCenter: ['40', '400'],
        WindowWidth: ['350', '2000'],
      },
      pixelData: { kind: 'native', bytes: new Uint8Array(N), vr: 'OB' },
    });
    const instance = parseDicomFileBytes(bytes, 'meta-only.dcm');
    expect(instance.sopClassUid).toBe('1.2.840.10008.5.1.4.1.1.4');
    expect(instance.patientName).toBe('Müller^Zoë');
    expect(instance.studyDescription).toBe('Тест');
    expect([instance.windowCenter, instance.windowWidth]).toEqual([40, 350]);
  });

  it('color images parse but are refused for modality frames; non-images are refused at parse', async () => {
    const rgb = await buildSyntheticDicom({
      transferSyntaxUid: TS.explicitLE,
      dataset: { ...pixelModule(8, 8, 0), SamplesPerPixel: 3, PhotometricInterpretation: 'RGB', PlanarConfiguration: 0 },
      pixelData: { kind: 'native', bytes: new Uint8Array(N * 3), vr: 'OB' },
    });
    const instance = parseDicomFileBytes(rgb, 'rgb.dcm');
    expect(instance.samplesPerPixel).toBe(3);
    let caught: unknown;
    await readModalityFrames(instance, rgb).catch((e: unknown) => (caught = e));
    expect(isRadGroundError(caught) && caught.code).toBe('UNSUPPORTED_INPUT');
    expect(String(caught)).toMatch(/color images \(3 samples per pixel, RGB\)/);

    const short = await buildSyntheticDicom({
      transferSyntaxUid: TS.explicitLE,
      dataset: { ...pixelModule(16, 16, 0), SamplesPerPixel: 3, PhotometricInterpretation: 'RGB' },
      pixelData: { kind: 'native', bytes: new Uint8Array(N * 2) },
    });
    let lengthError: unknown;
    try {
      parseDicomFileBytes(short, 'short-rgb.dcm');
    } catch (e) {
      lengthError = e;
    }
    expect(isRadGroundError(lengthError) && lengthError.code).toBe('CORRUPT_INPUT');
    expect(String(lengthError)).toMatch(new RegExp(`pixel data length ${N * 2}, expected ${N * 6}`));
  });
});

describe.skipIf(!hasData)(`encapsulated fragment layouts from real JPEG 2000 frames${hasData ? '' : ` (skipped: ${NO_SHARED_DATA_REASON})`}`, () => {
  async function realCodestreams(count: number): Promise<{ codestreams: Uint8Array[]; expected: Int16Array[] }> {
    const folder = sharedData('ct', 'upper_abdomen_j2k');
    const files = (await readdir(folder)).sort().slice(0, count).map((f) => join(folder, f));
    const codestreams: Uint8Array[] = [];
    const expected: Int16Array[] = [];
    for (const file of files) {
      const bytes = await readFile(file);
      const instance = parseDicomFileBytes(bytes, file);
      const fragments = instance.pixelData.fragments!;
      expect(fragments).toHaveLength(1);
      const fragment = fragments[0]!;
      codestreams.push(bytes.subarray(fragment.offset, fragment.offset + fragment.length));
      expected.push((await readModalityFrames(instance, bytes))[0] as Int16Array);
    }
    return { codestreams, expected };
  }

  const split = (data: Uint8Array, parts: number): Uint8Array[] => {
    const size = Math.ceil(data.length / parts / 2) * 2;
    return Array.from({ length: parts }, (_, k) => data.subarray(k * size, Math.min(data.length, (k + 1) * size))).filter((p) => p.length > 0);
  };

  const dataset = (frames: number): Record<string, unknown> => ({
    Rows: 512,
    Columns: 512,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    RescaleSlope: '1',
    RescaleIntercept: '-1024',
    SOPInstanceUID: testUid(),
    ...(frames > 1 ? { NumberOfFrames: String(frames) } : {}),
  });

  it('one frame spread over three fragments', async () => {
    const { codestreams, expected } = await realCodestreams(1);
    const bytes = await buildSyntheticDicom({
      transferSyntaxUid: TS.j2kLossless,
      dataset: dataset(1),
      pixelData: { kind: 'encapsulated', fragments: split(codestreams[0]!, 3) },
    });
    const instance = parseDicomFileBytes(bytes, 'j2k-3frag.dcm');
    expect(instance.pixelData.fragments).toHaveLength(3);
    const [frame] = await readModalityFrames(instance, bytes);
    expect(differences(frame!, expected[0]!)).toBe(0);
  });

  it('three frames of two fragments each, with and without a Basic Offset Table', async () => {
    const { codestreams, expected } = await realCodestreams(3);
    const perFrame = codestreams.map((c) => split(c, 2));
    for (const basicOffsetTable of [basicOffsetTableFor(perFrame), undefined]) {
      const bytes = await buildSyntheticDicom({
        transferSyntaxUid: TS.j2kLossless,
        dataset: dataset(3),
        pixelData: { kind: 'encapsulated', fragments: perFrame.flat(), basicOffsetTable },
      });
      const instance = parseDicomFileBytes(bytes, 'j2k-multiframe.dcm');
      expect(instance.pixelData.fragments).toHaveLength(6);
      const frames = await readModalityFrames(instance, bytes);
      expect(frames).toHaveLength(3);
      frames.forEach((frame, k) => expect(differences(frame, expected[k]!)).toBe(0));
    }
  });
});
