/** Builders for synthetic DicomInstance objects and in-memory frame loaders used by the volume tests. */
import type { DicomInstance, Vec3 } from '../../../../electron/core/dicom/dicom-instance';
import type { FrameLoader } from '../../../../electron/core/volume-assembly/build-dicom-volume';

export type Iop = [number, number, number, number, number, number];

export const AXIAL: Iop = [1, 0, 0, 0, 1, 0];
export const SAGITTAL: Iop = [0, 1, 0, 0, 0, -1];
export const CORONAL: Iop = [1, 0, 0, 0, 0, -1];

let counter = 0;

export function makeInstance(overrides: Partial<DicomInstance> & { ipp?: Vec3 | null; iop?: Iop | null; ps?: [number, number] | null } = {}): DicomInstance {
  const { ipp, iop, ps, ...rest } = overrides;
  counter += 1;
  const base: DicomInstance = {
    filePath: `/synthetic/${counter}.dcm`,
    fileSize: 0,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUid: `2.25.${counter}`,
    studyInstanceUid: '2.25.1000',
    seriesInstanceUid: '2.25.2000',
    frameOfReferenceUid: '2.25.3000',
    patientName: null,
    patientId: null,
    patientBirthDate: null,
    patientSex: null,
    studyDate: null,
    studyTime: null,
    studyDescription: null,
    accessionNumber: null,
    seriesDescription: null,
    seriesNumber: 1,
    modality: 'CT',
    bodyPartExamined: null,
    instanceNumber: counter,
    rows: 8,
    columns: 10,
    numberOfFrames: 1,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    bitsAllocated: 16,
    bitsStored: 12,
    pixelRepresentation: 1,
    planarConfiguration: null,
    rescaleSlope: 1,
    rescaleIntercept: -1024,
    windowCenter: 40,
    windowWidth: 400,
    sliceThickness: 2,
    gantryDetectorTilt: null,
    contrastBolusAgent: null,
    kvp: null,
    manufacturer: null,
    geometry: {
      imagePositionPatient: ipp === undefined ? [0, 0, 0] : ipp,
      imageOrientationPatient: iop === undefined ? AXIAL : iop,
      pixelSpacing: ps === undefined ? [1, 1] : ps,
    },
    perFrameGeometry: null,
  };
  return { ...base, ...rest };
}

/** Loader returning frames computed by `pixel(instance, frame, col, row)`; counts calls per instance. */
export function fnLoader(
  pixel: (inst: DicomInstance, frame: number, col: number, row: number) => number,
  type: 'int16' | 'float32' = 'float32',
): FrameLoader & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const loader = async (inst: DicomInstance) => {
    calls.set(inst.sopInstanceUid, (calls.get(inst.sopInstanceUid) ?? 0) + 1);
    const frames: (Int16Array | Float32Array)[] = [];
    for (let f = 0; f < inst.numberOfFrames; f++) {
      const a = type === 'int16' ? new Int16Array(inst.rows * inst.columns) : new Float32Array(inst.rows * inst.columns);
      for (let r = 0; r < inst.rows; r++) for (let c = 0; c < inst.columns; c++) a[r * inst.columns + c] = pixel(inst, f, c, r);
      frames.push(a);
    }
    return frames;
  };
  return Object.assign(loader, { calls });
}

/** Deterministic shuffle (mulberry32). */
export function shuffled<T>(items: T[], seed = 1): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
