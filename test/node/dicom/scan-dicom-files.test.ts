import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRadGroundError } from '../../../electron/core/errors/radground-error';
import {
  classifyDicomFiles,
  isDicomFile,
  parseDicomFileBytes,
  readDicomdirReferences,
  scanForDicomFiles,
} from '../../../electron/core/dicom/index';
import { buildSyntheticDicom, TS, testUid } from './support/synthetic-dicom';
import { loadDcmjs } from './support/dcmjs-module';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'radground-dicom-scan-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function tinyImage(): Promise<Uint8Array> {
  return buildSyntheticDicom({
    transferSyntaxUid: TS.explicitLE,
    dataset: { Rows: 2, Columns: 2, BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 0, SOPInstanceUID: testUid() },
    pixelData: { kind: 'native', bytes: new Uint8Array(8) },
  });
}

/** A DICOMDIR whose records reference the given file IDs (path components). */
async function dicomdir(fileIds: string[][]): Promise<Uint8Array> {
  const dcmjs = await loadDcmjs();
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: '1.2.840.10008.1.3.10',
    MediaStorageSOPInstanceUID: testUid(),
    TransferSyntaxUID: TS.explicitLE,
    ImplementationClassUID: '1.2.826.0.1.3680043.10.999',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset({
    FileSetID: 'TEST',
    DirectoryRecordSequence: [
      { DirectoryRecordType: 'PATIENT', PatientID: 'X' },
      ...fileIds.map((id) => ({ DirectoryRecordType: 'IMAGE', ReferencedFileID: id })),
    ],
  });
  return new Uint8Array(dict.write());
}

describe('scanning folders', () => {
  it('walks folders recursively, skips hidden files and folders, lists each file once', async () => {
    const root = join(dir, 'plain');
    await mkdir(join(root, 'a', 'b'), { recursive: true });
    await mkdir(join(root, '.hidden-folder'), { recursive: true });
    const image = await tinyImage();
    await writeFile(join(root, 'a', 'one.dcm'), image);
    await writeFile(join(root, 'a', 'b', 'two'), image);
    await writeFile(join(root, 'readme.txt'), 'not dicom');
    await writeFile(join(root, '.DS_Store'), 'junk');
    await writeFile(join(root, '.hidden-folder', 'three.dcm'), image);
    await symlink(join(root, 'a'), join(root, 'a', 'b', 'loop')); // a symlink loop must not hang the scan

    const found = await scanForDicomFiles([root, join(root, 'a', 'one.dcm')]);
    expect([...found].sort()).toEqual([join(root, 'a', 'b', 'two'), join(root, 'a', 'one.dcm'), join(root, 'readme.txt')].sort());
    const { accepted, rejected } = await classifyDicomFiles(found);
    expect([...accepted].sort()).toEqual([join(root, 'a', 'b', 'two'), join(root, 'a', 'one.dcm')].sort());
    expect(rejected).toEqual([{ path: join(root, 'readme.txt'), reason: expect.stringMatching(/not a DICOM Part 10 file/) }]);
  });

  it('follows a DICOMDIR, resolving upper-case file IDs against lower-case names', async () => {
    const root = join(dir, 'media');
    await mkdir(join(root, 'dicom', 'st000001'), { recursive: true });
    const image = await tinyImage();
    await writeFile(join(root, 'dicom', 'st000001', 'im000001'), image);
    await writeFile(join(root, 'dicom', 'st000001', 'IM000002'), image);
    await writeFile(join(root, 'dicom', 'st000001', 'unreferenced'), image);
    await writeFile(
      join(root, 'DICOMDIR'),
      await dicomdir([
        ['DICOM', 'ST000001', 'IM000001'],
        ['DICOM', 'ST000001', 'IM000002'],
        ['DICOM', 'ST000001', 'IM000404'],
      ]),
    );

    const references = await readDicomdirReferences(join(root, 'DICOMDIR'));
    expect(references).toEqual({
      files: [join(root, 'dicom', 'st000001', 'im000001'), join(root, 'dicom', 'st000001', 'IM000002')],
      missing: ['DICOM/ST000001/IM000404'],
    });

    const fromFolder = await scanForDicomFiles([root]);
    const fromFile = await scanForDicomFiles([join(root, 'DICOMDIR')]);
    expect(fromFile).toEqual(fromFolder);
    expect(fromFolder).toEqual([
      join(root, 'dicom', 'st000001', 'im000001'),
      join(root, 'dicom', 'st000001', 'IM000002'),
      join(root, 'DICOM', 'ST000001', 'IM000404'),
    ]);
    const { accepted, rejected } = await classifyDicomFiles(fromFolder);
    expect(accepted).toHaveLength(2);
    expect(rejected).toEqual([{ path: join(root, 'DICOM', 'ST000001', 'IM000404'), reason: 'file not found' }]);

    // The DICOMDIR is DICOM, but not an image.
    expect(await isDicomFile(join(root, 'DICOMDIR'))).toBe(true);
    let caught: unknown;
    try {
      parseDicomFileBytes(await dicomdir([]), 'DICOMDIR');
    } catch (e) {
      caught = e;
    }
    expect(isRadGroundError(caught) && caught.code).toBe('UNSUPPORTED_INPUT');
    expect(String(caught)).toMatch(/not an image: SOP class 1\.2\.840\.10008\.1\.3\.10/);
  });

  it('falls back to walking the folder when the DICOMDIR is unreadable', async () => {
    const root = join(dir, 'broken-media');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'DICOMDIR'), 'garbage');
    await writeFile(join(root, 'img.dcm'), await tinyImage());
    expect(await scanForDicomFiles([root])).toEqual([join(root, 'img.dcm')]);
  });

  it('passes missing paths through so the classifier can say why', async () => {
    const missing = join(dir, 'does-not-exist.dcm');
    expect(await scanForDicomFiles([missing])).toEqual([missing]);
    expect((await classifyDicomFiles([missing])).rejected).toEqual([{ path: missing, reason: 'file not found' }]);
  });
});
