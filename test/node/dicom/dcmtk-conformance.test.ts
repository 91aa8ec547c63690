/**
 * Decoded values checked against DCMTK on real CT slices re-encoded in a temporary folder: big endian
 * (dcmconv +tb) and JPEG lossless SV1 (dcmcjpeg, decoded back by dcmdjpeg). Lossless means exact.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDicomHeader, readModalityFramesInto } from '../../../electron/core/dicom/index';
import { assertDcmtk, dcmtk, dcmtkPixelBytes, hasDcmtk, NO_DCMTK_REASON, requireDcmtk } from '../../support/dcmtk';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { buildSyntheticDicom, TS } from './support/synthetic-dicom';

const hasData = requireSharedData();

const runs = hasData && (hasDcmtk || requireDcmtk);
if (!runs) console.warn(`DCMTK conformance skipped: ${hasData ? NO_DCMTK_REASON : NO_SHARED_DATA_REASON}`);

/** Slices whose JPEG lossless stream ends exactly on a byte boundary before EOI (the last-sample case), and one that does not. */
const SLICES = [
  ['ct', 'chest_lidc_idri_0001', '000008.dcm'],
  ['ct', 'chest_lidc_idri_0003', '000036.dcm'],
  ['ct', 'head_gantry_tilt', '08.dcm'],
  ['ct', 'chest_lidc_idri_0001', '000001.dcm'],
] as const;

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radground-dcmtk-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Modality values as RadGround decodes them from the file on disk (float output: the general path). */
async function radgroundValues(file: string): Promise<{ values: Float32Array; intercept: number; slope: number; signed: boolean }> {
  const instance = await readDicomHeader(file);
  const values = new Float32Array(instance.rows * instance.columns * instance.numberOfFrames);
  await readModalityFramesInto(instance, values);
  return { values, intercept: instance.rescaleIntercept, slope: instance.rescaleSlope, signed: instance.pixelRepresentation === 1 };
}

/** DCMTK's stored values of an uncompressed signed or unsigned 16-bit file. */
function dcmtkStored(file: string, signed: boolean): Int16Array | Uint16Array {
  const raw = dcmtkPixelBytes(file, dir);
  return signed ? new Int16Array(raw.buffer, raw.byteOffset, raw.length / 2) : new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2);
}

function mismatches(decoded: Float32Array, stored: ArrayLike<number>, slope: number, intercept: number): number[] {
  const bad: number[] = [];
  expect(decoded.length).toBe(stored.length);
  for (let i = 0; i < decoded.length; i++) if (decoded[i] !== Math.fround(stored[i]! * slope + intercept)) bad.push(i);
  return bad;
}

describe.skipIf(!runs)('decoded values match DCMTK exactly', () => {
  beforeAll(() => assertDcmtk());

  for (const parts of SLICES) {
    const name = parts.slice(1).join('/');

    it(`explicit VR big endian (dcmconv +tb): ${name}`, async () => {
      const original = sharedData(...parts);
      const bigEndian = join(dir, `${parts[1]}-${parts[2]}-be.dcm`);
      dcmtk('dcmconv', ['+tb', original, bigEndian]);
      const be = await radgroundValues(bigEndian);
      const reference = dcmtkStored(original, be.signed);
      expect(mismatches(be.values, reference, be.slope, be.intercept)).toEqual([]);
      const le = await radgroundValues(original);
      expect(Array.from(be.values)).toEqual(Array.from(le.values));
    });

    it(`JPEG lossless SV1 (dcmcjpeg), every stored value as dcmdjpeg gives it: ${name}`, async () => {
      const encoded = join(dir, `${parts[1]}-${parts[2]}-70.dcm`);
      const decodedByDcmtk = join(dir, `${parts[1]}-${parts[2]}-70-dcmdjpeg.dcm`);
      dcmtk('dcmcjpeg', ['+e1', sharedData(...parts), encoded]);
      dcmtk('dcmdjpeg', [encoded, decodedByDcmtk]);
      const ours = await radgroundValues(encoded);
      const reference = dcmtkStored(decodedByDcmtk, ours.signed);
      expect(mismatches(ours.values, reference, ours.slope, ours.intercept)).toEqual([]);
    });
  }

  it('32-bit native data read from disk at every alignment (little and big endian)', async () => {
    const rows = 5;
    const cols = 7;
    const wide = Uint32Array.from({ length: rows * cols }, (_, i) => i * 70001 + 3);
    for (const [ts, bigEndian] of [[TS.explicitLE, false], [TS.explicitBE, true]] as const) {
      for (const pad of ['AB', 'ABCD']) {
        const bytes = new Uint8Array(wide.length * 4);
        const view = new DataView(bytes.buffer);
        wide.forEach((w, i) => view.setUint32(i * 4, w, !bigEndian));
        const file = join(dir, `wide-${bigEndian ? 'be' : 'le'}-${pad}.dcm`);
        writeFileSync(
          file,
          await buildSyntheticDicom({
            transferSyntaxUid: ts,
            dataset: { Rows: rows, Columns: cols, BitsAllocated: 32, BitsStored: 32, HighBit: 31, PixelRepresentation: 0, SeriesDescription: pad },
            pixelData: { kind: 'native', bytes, vr: 'OB' },
          }),
        );
        const ours = await radgroundValues(file);
        expect(Array.from(ours.values), `${ts} ${pad}`).toEqual(Array.from(wide, (v) => Math.fround(v)));
        if (!bigEndian) {
          // DCMTK reads the same stored values (it keeps OB bytes as they are, so only little endian compares).
          expect(Array.from(new Uint32Array(dcmtkPixelBytes(file, dir).slice().buffer))).toEqual(Array.from(wide));
        }
      }
    }
  });
});
