/**
 * TEST-ONLY DICOM reader: just enough of dicom-parser to fill a DicomInstance and decode
 * uncompressed (native) pixel data, so the volume tests can run on real files independently of
 * electron/core/dicom. Not a product reader: no encapsulated pixel data, no functional groups.
 */
import { readFile } from 'node:fs/promises';
import * as ns from 'dicom-parser';
import type { DicomInstance, Vec3 } from '../../../../electron/core/dicom/dicom-instance';

type Api = typeof ns;
const cand = ns as Api & { default?: Api };
const dicomParser: Api = typeof cand.parseDicom === 'function' ? cand : (cand.default as Api);
type DataSet = ReturnType<Api['parseDicom']>;

function str(ds: DataSet, tag: string): string | null {
  const v = ds.string(tag);
  return v == null || v.trim() === '' ? null : v.trim();
}

function nums(ds: DataSet, tag: string): number[] | null {
  const v = str(ds, tag);
  if (!v) return null;
  const out = v.split('\\').map((x) => Number(x));
  return out.every(Number.isFinite) ? out : null;
}

function num(ds: DataSet, tag: string): number | null {
  const v = nums(ds, tag);
  return v ? v[0]! : null;
}

const datasets = new WeakMap<DicomInstance, { ds: DataSet; bytes: Uint8Array }>();

export async function readTestDicomInstance(filePath: string): Promise<DicomInstance> {
  const bytes = new Uint8Array(await readFile(filePath));
  const ds = dicomParser.parseDicom(bytes);
  const ipp = nums(ds, 'x00200032');
  const iop = nums(ds, 'x00200037');
  const ps = nums(ds, 'x00280030') ?? nums(ds, 'x00181164');
  const inst: DicomInstance = {
    filePath,
    fileSize: bytes.length,
    transferSyntaxUid: str(ds, 'x00020010') ?? '1.2.840.10008.1.2',
    sopClassUid: str(ds, 'x00080016') ?? str(ds, 'x00020002') ?? '',
    sopInstanceUid: str(ds, 'x00080018') ?? str(ds, 'x00020003') ?? '',
    studyInstanceUid: str(ds, 'x0020000d') ?? '',
    seriesInstanceUid: str(ds, 'x0020000e') ?? '',
    frameOfReferenceUid: str(ds, 'x00200052'),
    patientName: str(ds, 'x00100010'),
    patientId: str(ds, 'x00100020'),
    patientBirthDate: str(ds, 'x00100030'),
    patientSex: str(ds, 'x00100040'),
    studyDate: str(ds, 'x00080020'),
    studyTime: str(ds, 'x00080030'),
    studyDescription: str(ds, 'x00081030'),
    accessionNumber: str(ds, 'x00080050'),
    seriesDescription: str(ds, 'x0008103e'),
    seriesNumber: num(ds, 'x00200011'),
    modality: str(ds, 'x00080060'),
    bodyPartExamined: str(ds, 'x00180015'),
    instanceNumber: num(ds, 'x00200013'),
    rows: ds.uint16('x00280010') ?? 0,
    columns: ds.uint16('x00280011') ?? 0,
    numberOfFrames: num(ds, 'x00280008') ?? 1,
    samplesPerPixel: ds.uint16('x00280002') ?? 1,
    photometricInterpretation: str(ds, 'x00280004') ?? 'MONOCHROME2',
    bitsAllocated: ds.uint16('x00280100') ?? 16,
    bitsStored: ds.uint16('x00280101') ?? 16,
    pixelRepresentation: ds.uint16('x00280103') ?? 0,
    planarConfiguration: ds.uint16('x00280006') ?? null,
    rescaleSlope: num(ds, 'x00281053') ?? 1,
    rescaleIntercept: num(ds, 'x00281052') ?? 0,
    windowCenter: num(ds, 'x00281050'),
    windowWidth: num(ds, 'x00281051'),
    sliceThickness: num(ds, 'x00180050'),
    gantryDetectorTilt: num(ds, 'x00181120'),
    contrastBolusAgent: str(ds, 'x00180010'),
    kvp: num(ds, 'x00180060'),
    manufacturer: str(ds, 'x00080070'),
    geometry: {
      imagePositionPatient: ipp && ipp.length === 3 ? (ipp as Vec3) : null,
      imageOrientationPatient: iop && iop.length === 6 ? (iop as [number, number, number, number, number, number]) : null,
      pixelSpacing: ps && ps.length === 2 ? [ps[0]!, ps[1]!] : null,
    },
    perFrameGeometry: null,
  };
  datasets.set(inst, { ds, bytes });
  return inst;
}

const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

/** Frame loader for native little-endian 16-bit grey-scale data, rescale applied. */
export async function loadTestFrames(inst: DicomInstance): Promise<(Int16Array | Float32Array)[]> {
  const entry = datasets.get(inst);
  if (!entry) throw new Error('instance was not read by readTestDicomInstance');
  if (!NATIVE.has(inst.transferSyntaxUid)) throw new Error(`test reader cannot decode ${inst.transferSyntaxUid}`);
  if (inst.bitsAllocated !== 16 || inst.samplesPerPixel !== 1) throw new Error('test reader: 16-bit grey only');
  const el = entry.ds.elements.x7fe00010;
  if (!el) throw new Error(`test reader: ${inst.sopInstanceUid} has no pixel data`);
  const n = inst.rows * inst.columns;
  const frames: (Int16Array | Float32Array)[] = [];
  const copy = entry.bytes.slice(el.dataOffset, el.dataOffset + el.length);
  const raw = inst.pixelRepresentation === 1 ? new Int16Array(copy.buffer) : new Uint16Array(copy.buffer);
  const { rescaleSlope: m, rescaleIntercept: b } = inst;
  const intScale = Number.isInteger(m) && Number.isInteger(b);
  for (let f = 0; f < inst.numberOfFrames; f++) {
    const out = intScale ? new Int16Array(n) : new Float32Array(n);
    for (let p = 0; p < n; p++) out[p] = raw[f * n + p]! * m + b;
    frames.push(out);
  }
  return frames;
}

/** Reads the named files of a folder. */
export async function readTestDicomSeries(dir: string, files: string[]): Promise<DicomInstance[]> {
  return Promise.all(files.map((f) => readTestDicomInstance(`${dir}/${f}`)));
}
