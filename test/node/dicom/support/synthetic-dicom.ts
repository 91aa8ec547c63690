/**
 * Builds small DICOM Part 10 files in memory for tests: dcmjs writes the meta header and data set, and
 * the Pixel Data element is appended by hand so each encoding (native LE/BE, encapsulated with any
 * fragment layout) is exactly what the test asks for.
 */
import { deflateRawSync } from 'node:zlib';
import { loadDcmjs } from './dcmjs-module';

export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  explicitBE: '1.2.840.10008.1.2.2',
  jpegLossless: '1.2.840.10008.1.2.4.70',
  jpegLs: '1.2.840.10008.1.2.4.80',
  j2kLossless: '1.2.840.10008.1.2.4.90',
  rle: '1.2.840.10008.1.2.5',
} as const;

export type SyntheticPixelData =
  | { kind: 'native'; bytes: Uint8Array; vr?: 'OB' | 'OW' }
  | { kind: 'encapsulated'; fragments: Uint8Array[]; basicOffsetTable?: number[] };

export interface SyntheticDicomOptions {
  transferSyntaxUid: string;
  sopClassUid?: string;
  /** Naturalized dcmjs data set (keywords as keys); identifying UIDs and image pixel attributes get defaults. */
  dataset: Record<string, unknown>;
  /** null writes no Pixel Data element (a non-image object). */
  pixelData: SyntheticPixelData | null;
  /** Leave SOPClassUID out of the data set (it then lives only in the file meta). */
  sopClassOnlyInMeta?: boolean;
}

let uidCounter = 0;
export function testUid(): string {
  uidCounter += 1;
  return `1.2.826.0.1.3680043.10.999.${process.pid}.${uidCounter}`;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u32(value: number, littleEndian: boolean): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, value, littleEndian);
  return b;
}

function pixelDataElement(transferSyntaxUid: string, pixelData: SyntheticPixelData): Uint8Array {
  const bigEndian = transferSyntaxUid === TS.explicitBE;
  const implicit = transferSyntaxUid === TS.implicitLE;
  if (pixelData.kind === 'native') {
    let value = pixelData.bytes;
    if (value.length % 2 === 1) value = concat([value, new Uint8Array(1)]);
    const tag = bigEndian ? new Uint8Array([0x7f, 0xe0, 0x00, 0x10]) : new Uint8Array([0xe0, 0x7f, 0x10, 0x00]);
    if (implicit) return concat([tag, u32(value.length, true), value]);
    const vr = new TextEncoder().encode(pixelData.vr ?? 'OW');
    return concat([tag, vr, new Uint8Array(2), u32(value.length, !bigEndian), value]);
  }
  const item = (value: Uint8Array): Uint8Array => concat([new Uint8Array([0xfe, 0xff, 0x00, 0xe0]), u32(value.length, true), value]);
  const bot = new Uint8Array((pixelData.basicOffsetTable ?? []).length * 4);
  (pixelData.basicOffsetTable ?? []).forEach((o, i) => new DataView(bot.buffer).setUint32(i * 4, o, true));
  const fragments = pixelData.fragments.map((f) => item(f.length % 2 === 1 ? concat([f, new Uint8Array(1)]) : f));
  return concat([
    new Uint8Array([0xe0, 0x7f, 0x10, 0x00]),
    new TextEncoder().encode('OB'),
    new Uint8Array(2),
    u32(0xffffffff, true),
    item(bot),
    ...fragments,
    new Uint8Array([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]),
  ]);
}

/** Basic Offset Table for fragments that each start a frame, or for frames spanning several fragments. */
export function basicOffsetTableFor(framesOfFragments: Uint8Array[][]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const fragments of framesOfFragments) {
    offsets.push(at);
    for (const f of fragments) at += 8 + f.length + (f.length % 2);
  }
  return offsets;
}

export async function buildSyntheticDicom(options: SyntheticDicomOptions): Promise<Uint8Array> {
  const dcmjs = await loadDcmjs();
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const sopClassUid = options.sopClassUid ?? '1.2.840.10008.5.1.4.1.1.2';
  const sopInstanceUid = (options.dataset.SOPInstanceUID as string | undefined) ?? testUid();
  const writtenSyntax = options.transferSyntaxUid === TS.deflated ? TS.explicitLE : options.transferSyntaxUid;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: writtenSyntax,
    ImplementationClassUID: '1.2.826.0.1.3680043.10.999',
  };
  const dataset: Record<string, unknown> = {
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    StudyInstanceUID: '1.2.826.0.1.3680043.10.999.1',
    SeriesInstanceUID: '1.2.826.0.1.3680043.10.999.1.1',
    Modality: 'CT',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    ...options.dataset,
  };
  if (options.sopClassOnlyInMeta) delete dataset.SOPClassUID;
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  // dcmjs writes deflate-syntax data sets uncompressed, so write explicit LE and deflate it below.
  const written = new Uint8Array(dict.write());
  const file = options.pixelData ? concat([written, pixelDataElement(writtenSyntax, options.pixelData)]) : written;
  if (options.transferSyntaxUid !== TS.deflated) return file;
  return deflateDataSet(file, options.transferSyntaxUid);
}

/** Rewrites an explicit-LE file as Deflated Explicit VR Little Endian (meta header stays uncompressed). */
function deflateDataSet(file: Uint8Array, deflatedUid: string): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const groupLength = view.getUint32(132 + 8, true);
  const metaEnd = 132 + 12 + groupLength;
  // Replace the transfer syntax value in the meta header (same even length when padded).
  const meta = file.slice(0, metaEnd);
  const text = Buffer.from(meta).toString('latin1');
  const old = '1.2.840.10008.1.2.1\0';
  const at = text.indexOf(old);
  if (at < 0) throw new Error('transfer syntax not found in meta header');
  // New UID is 22 bytes, old 20: rebuild the element with its new length.
  const elementStart = at - 8;
  const newValue = new TextEncoder().encode(deflatedUid); // 22 bytes, even
  const element = concat([meta.subarray(elementStart, elementStart + 6), new Uint8Array([newValue.length, 0]), newValue]);
  const newMeta = concat([meta.subarray(0, elementStart), element, meta.subarray(at + old.length)]);
  new DataView(newMeta.buffer).setUint32(132 + 8, groupLength + (newValue.length - old.length), true);
  const deflated = deflateRawSync(file.subarray(metaEnd));
  return concat([newMeta, deflated]);
}
