/**
 * Issue 15 conformance: grey slices of every shared series (CT and MR) re-encoded losslessly by the
 * reference tools (RLE, JPEG-LS, JPEG 2000, deflate, JPEG lossless predictors 2-7), decoded by RadGround
 * and by the tool that wrote them. Every stored value must match exactly; a mismatch fails the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDicomHeader, readModalityFramesInto, TransferSyntax } from '../../../electron/core/dicom/index';
import { dcmtkPixelBytes } from '../../support/dcmtk';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { JPEG_PREDICTORS, LOSSLESS_ENCODINGS, nativeSource, type LosslessEncoding } from './support/lossless-encodings';
import { assertReferenceTools, differences, missingReferenceTools, NO_REFERENCE_TOOLS_REASON } from './support/reference-tools';

const hasData = requireSharedData();
const runs = hasData && (missingReferenceTools.length === 0 || process.env.CI === 'true');
if (!runs) console.warn(`lossless conformance skipped: ${hasData ? NO_REFERENCE_TOOLS_REASON : NO_SHARED_DATA_REASON}`);

/** Two slices of each series (one for the predictors), far apart so the content differs. */
const SERIES = [
  ['ct', 'chest_lung_pet_ct_dx_A0001', ['1-01.dcm', '1-40.dcm']],
  ['ct', 'chest_lidc_idri_0001', ['000030.dcm', '000090.dcm']],
  ['ct', 'upper_abdomen_j2k', ['CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573', 'CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016590']],
  ['ct', 'head_gantry_tilt', ['03.dcm', '20.dcm']],
  ['mr', 'brain_t1_sag', ['0010_1.3.12.2.1107.5.2.43.67060.2022040715053474712260828.dcm', '0020_1.3.12.2.1107.5.2.43.67060.2022040715053476336360838.dcm']],
] as const;

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radground-lossless-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** RadGround's decoded stored values, recovered exactly from its float modality output. */
async function radgroundStored(file: string): Promise<{ stored: Float64Array; bitsStored: number; signed: boolean; transferSyntaxUid: string }> {
  const instance = await readDicomHeader(file);
  const values = new Float32Array(instance.rows * instance.columns * instance.numberOfFrames);
  await readModalityFramesInto(instance, values);
  const { rescaleSlope: slope, rescaleIntercept: intercept } = instance;
  const stored = Float64Array.from(values, (v) => Math.round((v - intercept) / slope));
  // Guard the recovery: each stored value must map back to the exact float RadGround produced.
  expect(differences(Float32Array.from(stored, (s) => Math.fround(s * slope + intercept)), values)).toEqual([]);
  return { stored, bitsStored: instance.bitsStored, signed: instance.pixelRepresentation === 1, transferSyntaxUid: instance.transferSyntaxUid };
}

/** The reference tool's stored values: its raw 16-bit words cut to Bits Stored (sign-extended when signed). */
function referenceStored(native: string, bitsStored: number, signed: boolean): Float64Array {
  const raw = dcmtkPixelBytes(native, dir);
  const words = new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2);
  const mask = bitsStored >= 16 ? 0xffff : (1 << bitsStored) - 1;
  const sign = 1 << (bitsStored - 1);
  return Float64Array.from(words, (w) => {
    const v = w & mask;
    return signed && v & sign ? v - (mask + 1) : v;
  });
}

/** Native copies of the sources (the J2K series is decoded by GDCM once so the DCMTK encoders can read it). */
const natives = new Map<string, string>();
function source(modality: string, series: string, file: string): string {
  const key = `${series}/${file}`;
  let native = natives.get(key);
  if (!native) {
    native = join(dir, `${series}-${file}-native.dcm`);
    nativeSource(sharedData(modality, series, file), native);
    natives.set(key, native);
  }
  return native;
}

const ENCODED_SYNTAX: Record<string, string> = {
  rle: TransferSyntax.RleLossless,
  'jpeg-ls': TransferSyntax.JpegLsLossless,
  j2k: TransferSyntax.Jpeg2000Lossless,
  deflate: TransferSyntax.DeflatedExplicitVRLittleEndian,
};

/** How many values differ, with the first few (index: actual vs expected), or 'no mismatch'. */
function mismatchSummary(actual: Float64Array, expected: Float64Array): string {
  const bad = differences(actual, expected);
  if (!bad.length) return 'no mismatch';
  return `${bad.length} of ${actual.length} differ: ${bad.slice(0, 4).map((i) => `[${i}] ${actual[i]} vs ${expected[i]}`).join(', ')}`;
}

async function check(encoding: LosslessEncoding, modality: string, series: string, file: string): Promise<void> {
  const base = join(dir, `${series}-${file}-${encoding.name}`);
  const original = source(modality, series, file);
  encoding.encode(original, `${base}.dcm`);
  encoding.decode(`${base}.dcm`, `${base}-ref.dcm`);
  const ours = await radgroundStored(`${base}.dcm`);
  const expectedSyntax = ENCODED_SYNTAX[encoding.name] ?? TransferSyntax.JpegLossless;
  expect(ours.transferSyntaxUid).toBe(expectedSyntax);
  const reference = referenceStored(`${base}-ref.dcm`, ours.bitsStored, ours.signed);
  expect(mismatchSummary(ours.stored, reference), `${encoding.name} ${series}/${file}`).toBe('no mismatch');
  // The reference decode is itself lossless: the tool gives back the source's stored values.
  expect(mismatchSummary(reference, referenceStored(original, ours.bitsStored, ours.signed))).toBe('no mismatch');
}

describe.skipIf(!runs)('lossless re-encodings decode to the reference stored values exactly', () => {
  beforeAll(() => assertReferenceTools());

  for (const [modality, series, files] of SERIES) {
    for (const encoding of LOSSLESS_ENCODINGS) {
      for (const file of files) {
        it(`${encoding.name}: ${series}/${file.slice(0, 12)}`, () => check(encoding, modality, series, file));
      }
    }
    it(`JPEG lossless predictors 2-7: ${series}/${files[0].slice(0, 12)}`, async () => {
      for (const encoding of JPEG_PREDICTORS) await check(encoding, modality, series, files[0]);
    });
  }
});
