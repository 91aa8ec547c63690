/**
 * Writes a naturalized data set (keywords as keys) as a DICOM Part 10 file with dcmjs, in Explicit
 * VR Little Endian. dcmjs ships no type declarations: it is loaded through a non-literal specifier
 * and only the calls made here are typed.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

export type Dataset = Record<string, unknown>;

interface DcmjsData {
  DicomDict: new (meta: Dataset) => { dict: Dataset; write(options?: Dataset): ArrayBuffer };
  DicomMessage: { readFile(buffer: ArrayBuffer, options?: Dataset): { dict: Dataset; meta: Dataset } };
  DicomMetaDictionary: { denaturalizeDataset(d: Dataset): Dataset; naturalizeDataset(d: Dataset): Dataset };
}

interface Dcmjs {
  data: DcmjsData;
  log: { getLogger(name: string): { setLevel(level: string): void } };
}

let pending: Promise<DcmjsData> | null = null;

export function loadDcmjsData(): Promise<DcmjsData> {
  const specifier = 'dcmjs';
  pending ??= import(specifier).then((m: { default?: Dcmjs } & Dcmjs) => {
    const dcmjs = m.default ?? m;
    dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');
    return dcmjs.data;
  });
  return pending;
}

export const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = '2.25.246412830546226911046392117785361557981';

export async function writePart10(dataset: Dataset): Promise<Buffer> {
  const data = await loadDcmjsData();
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LE,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'RADGROUND',
  };
  const dict = new data.DicomDict(data.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = data.DicomMetaDictionary.denaturalizeDataset(dataset);
  return Buffer.from(dict.write({ allowInvalidVRLength: false }));
}

/**
 * Reads a Part 10 file back into a naturalized data set. dcmjs 0.51 decodes the text of sequence
 * items as Latin-1 whatever the Specific Character Set (each item is read from a fresh stream
 * without the data set's decoder); under ISO_IR 192 their strings are decoded again as UTF-8.
 */
export async function readPart10(file: Buffer): Promise<Dataset> {
  const data = await loadDcmjsData();
  const ab = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  const ds = data.DicomMetaDictionary.naturalizeDataset(data.DicomMessage.readFile(ab).dict);
  const charset = Array.isArray(ds.SpecificCharacterSet) ? ds.SpecificCharacterSet[0] : ds.SpecificCharacterSet;
  if (charset !== 'ISO_IR 192') return ds;
  for (const [key, value] of Object.entries(ds)) if (Array.isArray(value) && value.some((v) => v && typeof v === 'object' && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer))) ds[key] = utf8Items(value);
  return ds;
}

/**
 * A file read and parsed with readPart10, with the SHA-256 of its bytes (hex); null when it is larger
 * than `maxBytes`, cannot be read or is not a DICOM file dcmjs can parse. CPU-heavy for a SEG (dcmjs
 * reads ~0.2 s for a few MB): the import calls it in the DICOM worker (DicomWorkers.readPart10File).
 */
export async function readPart10File(path: string, maxBytes: number): Promise<{ ds: Dataset; digest: string } | null> {
  try {
    if ((await stat(path)).size > maxBytes) return null;
    const bytes = await readFile(path);
    const digest = createHash('sha256').update(bytes).digest('hex');
    return { ds: plainCopy(await readPart10(bytes)) as Dataset, digest };
  } catch {
    return null;
  }
}

/**
 * dcmjs wraps each one-item array of a naturalized data set in a Proxy (item 0's keys read through
 * the array), which a worker cannot post: the same values as plain arrays and objects (buffers kept).
 */
function plainCopy(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from(value, plainCopy);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainCopy(v)]));
  }
  return value;
}

/** The distinct buffers of a data set's top-level values (pixel data: an ArrayBuffer, or a list of them). */
export function topLevelBuffers(dataset: Dataset): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  for (const v of Object.values(dataset)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x instanceof ArrayBuffer) found.add(x);
      else if (ArrayBuffer.isView(x) && x.buffer instanceof ArrayBuffer) found.add(x.buffer);
    }
  }
  return [...found];
}

function utf8Items(value: unknown): unknown {
  if (typeof value === 'string') return /[\x80-\xff]/.test(value) && !/[\u0100-\uffff]/.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;
  if (Array.isArray(value)) return value.map(utf8Items);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '_vrMap' ? v : utf8Items(v)]));
  }
  return value;
}
