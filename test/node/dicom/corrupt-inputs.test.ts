import { copyFile, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRadGroundError, type ErrorCode } from '../../../electron/core/errors/radground-error';
import {
  classifyDicomFiles,
  isDicomFile,
  parseDicomFileBytes,
  readDicomHeader,
  readModalityFrames,
} from '../../../electron/core/dicom/index';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

async function expectRadGroundError(action: Promise<unknown> | (() => unknown), code: ErrorCode, message: RegExp): Promise<void> {
  let caught: unknown = null;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a RadGroundError to be thrown').not.toBeNull();
  expect(isRadGroundError(caught), `not a RadGroundError: ${String(caught)}`).toBe(true);
  if (isRadGroundError(caught)) {
    expect(caught.code).toBe(code);
    expect(caught.message).toMatch(message);
  }
}

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'radground-dicom-corrupt-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('inputs that are not DICOM at all', () => {
  it('zero-byte file', async () => {
    const file = join(dir, 'empty.dcm');
    await writeFile(file, new Uint8Array(0));
    await expectRadGroundError(readDicomHeader(file), 'CORRUPT_INPUT', /empty file \(0 bytes\)/);
    await expectRadGroundError(() => parseDicomFileBytes(new Uint8Array(0), file), 'CORRUPT_INPUT', /empty file/);
    expect(await isDicomFile(file)).toBe(false);
  });

  it('random bytes', async () => {
    const file = join(dir, 'random.bin');
    await writeFile(file, randomBytes(4096, 12345));
    await expectRadGroundError(readDicomHeader(file), 'CORRUPT_INPUT', /not a DICOM Part 10 file/);
    expect(await isDicomFile(file)).toBe(false);
  });

  it('a file shorter than the preamble', async () => {
    const file = join(dir, 'short.dcm');
    await writeFile(file, randomBytes(100, 7));
    await expectRadGroundError(readDicomHeader(file), 'CORRUPT_INPUT', /only 100 bytes/);
  });

  it('preamble and magic followed by garbage', async () => {
    const bytes = randomBytes(2048, 99);
    bytes.set([0x44, 0x49, 0x43, 0x4d], 128);
    const file = join(dir, 'garbage-after-magic.dcm');
    await writeFile(file, bytes);
    await expectRadGroundError(readDicomHeader(file), 'CORRUPT_INPUT', /header|Transfer Syntax|truncated/);
  });

  it('missing file and folder give their own codes', async () => {
    await expectRadGroundError(readDicomHeader(join(dir, 'nope.dcm')), 'NOT_FOUND', /file not found/);
    const folder = join(dir, 'a-folder');
    await mkdir(folder, { recursive: true });
    await expectRadGroundError(readDicomHeader(folder), 'BAD_REQUEST', /folder|not a regular file/);
  });

  it('classifies non-DICOM files with a reason each', async () => {
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'hello, this is not an image\n'.repeat(10));
    const empty = join(dir, 'empty2.dcm');
    await writeFile(empty, new Uint8Array(0));
    const { accepted, rejected } = await classifyDicomFiles([text, empty, join(dir, 'missing.dcm')]);
    expect(accepted).toEqual([]);
    expect(rejected).toEqual([
      { path: text, reason: expect.stringMatching(/not a DICOM Part 10 file/) },
      { path: empty, reason: 'empty file (0 bytes)' },
      { path: join(dir, 'missing.dcm'), reason: 'file not found' },
    ]);
  });
});

describe.skipIf(!hasData)(`damaged real files${hasData ? '' : ` (skipped: ${NO_SHARED_DATA_REASON})`}`, () => {
  const ctFile = (): string => sharedData('ct', 'chest_lung_pet_ct_dx_A0001', '1-01.dcm');
  const j2kFile = (): string => {
    const folder = sharedData('ct', 'upper_abdomen_j2k');
    return join(folder, readdirSync(folder).sort()[0]!);
  };
  /** Offset of the Pixel Data value in the A0001 file (implicit VR: tag, then 4-byte length). */
  const pixelDataOffset = async (): Promise<number> => (await readDicomHeader(ctFile())).pixelData.dataOffset;

  it('a real CT truncated in half', async () => {
    const bytes = await readFile(ctFile());
    const file = join(dir, 'half.dcm');
    await writeFile(file, bytes.subarray(0, bytes.length >> 1));
    const present = (bytes.length >> 1) - (await pixelDataOffset());
    const expected = new RegExp(`file is truncated: pixel data length ${present}, expected 524288`);
    await expectRadGroundError(readDicomHeader(file), 'CORRUPT_INPUT', expected);
    await expectRadGroundError(() => parseDicomFileBytes(bytes.subarray(0, bytes.length >> 1), file), 'CORRUPT_INPUT', expected);
  });

  it('a real CT truncated inside its header', async () => {
    const bytes = await readFile(ctFile());
    const file = join(dir, 'header-cut.dcm');
    await writeFile(file, bytes.subarray(0, 1500));
    await expectRadGroundError(readDicomHeader(file), 'CORRUPT_INPUT', /truncated/);
  });

  it('a real CT with the wrong magic', async () => {
    const bytes = new Uint8Array(await readFile(ctFile()));
    bytes[131] = 0x58; // "DICX"
    const file = join(dir, 'wrong-magic.dcm');
    await writeFile(file, bytes);
    await expectRadGroundError(readDicomHeader(file), 'CORRUPT_INPUT', /not a DICOM Part 10 file/);
    expect(await isDicomFile(file)).toBe(false);
    expect(await isDicomFile(ctFile())).toBe(true);
  });

  it('a real CT whose Pixel Data element is too short for the image', async () => {
    const bytes = new Uint8Array(await readFile(ctFile()));
    const offset = await pixelDataOffset();
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(offset - 4, 1000, true);
    const file = join(dir, 'short-pixel-element.dcm');
    await writeFile(file, bytes); // trailing bytes remain in the file: only the element length is wrong
    await expectRadGroundError(readDicomHeader(file), 'CORRUPT_INPUT', /pixel data length 1000, expected 524288/);
    const cut = join(dir, 'short-pixel-element-cut.dcm');
    await writeFile(cut, bytes.subarray(0, offset + 1000));
    await expectRadGroundError(readDicomHeader(cut), 'CORRUPT_INPUT', /pixel data length 1000, expected 524288/);
  });

  it('a file truncated after import fails at decode, not with garbage', async () => {
    const file = join(dir, 'shrinks-later.dcm');
    await copyFile(ctFile(), file);
    const instance = await readDicomHeader(file);
    const bytes = await readFile(file);
    await truncate(file, bytes.length - 1000);
    await expectRadGroundError(readModalityFrames(instance), 'CORRUPT_INPUT', /truncated: pixel data length 523288, expected 524288/);
    // With the (short) bytes passed in, the header is parsed again and the same problem is found.
    await expectRadGroundError(readModalityFrames(instance, bytes.subarray(0, bytes.length - 1000)), 'CORRUPT_INPUT', /pixel data length 523288, expected 524288/);
  });

  it('a JPEG 2000 CT truncated in half', async () => {
    const bytes = await readFile(j2kFile());
    const file = join(dir, 'j2k-half.dcm');
    await writeFile(file, bytes.subarray(0, bytes.length >> 1));
    await expectRadGroundError(readDicomHeader(file), 'CORRUPT_INPUT', /truncated: pixel data fragment .* declares \d+ bytes but only \d+ remain/);
  });

  it('a JPEG 2000 CT whose codestream header is destroyed', async () => {
    const bytes = new Uint8Array(await readFile(j2kFile()));
    const instance = parseDicomFileBytes(bytes, j2kFile());
    const fragment = instance.pixelData.fragments![0]!;
    bytes.fill(0, fragment.offset, fragment.offset + 4); // wipe the SOC/SIZ markers
    await expectRadGroundError(readModalityFrames(instance, bytes), 'CORRUPT_INPUT', /JPEG 2000 decoding failed/);
    // The codec survives and still decodes a good frame afterwards.
    const good = await readModalityFrames(parseDicomFileBytes(await readFile(j2kFile()), j2kFile()));
    expect(good[0]).toHaveLength(512 * 512);
  });
});
