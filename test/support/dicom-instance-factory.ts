import type { DicomInstance, Vec3 } from '../../electron/core/dicom/dicom-instance';

/**
 * Makes DicomInstance records without any DICOM files: `makeInstance` for index tests (UIDs unique
 * per call unless given; everything else has plausible CT defaults) and `makeBareInstance` for
 * volume assembly tests (small frames, no patient or study text, geometry in shorthand).
 */
let counter = 0;

export function nextUid(prefix = '1.2.826.0.1.3680043.10.999'): string {
  counter += 1;
  return `${prefix}.${counter}`;
}

export function makeInstance(overrides: Partial<DicomInstance> = {}): DicomInstance {
  const sopInstanceUid = overrides.sopInstanceUid ?? nextUid();
  const instanceNumber = overrides.instanceNumber === undefined ? 1 : overrides.instanceNumber;
  const z = (instanceNumber ?? 0) * 2.5;
  return {
    filePath: `/data/import/${sopInstanceUid}.dcm`,
    fileSize: 526_336,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUid,
    studyInstanceUid: '1.2.3.study.default',
    seriesInstanceUid: '1.2.3.series.default',
    frameOfReferenceUid: '1.2.3.for.default',
    patientName: 'DEMO^PHANTOM',
    patientId: 'RG-0001',
    patientBirthDate: '19700101',
    patientSex: 'O',
    studyDate: '20240315',
    studyTime: '101500',
    studyDescription: 'CT CHEST W/O CONTRAST',
    accessionNumber: 'ACC-1',
    seriesDescription: 'Axial 2.5mm',
    seriesNumber: 2,
    modality: 'CT',
    bodyPartExamined: 'CHEST',
    instanceNumber,
    rows: 512,
    columns: 512,
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
    sliceThickness: 2.5,
    gantryDetectorTilt: 0,
    contrastBolusAgent: null,
    kvp: 120,
    manufacturer: 'RadGround Test',
    geometry: {
      imagePositionPatient: [-250, -250, z],
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [0.9765625, 0.9765625],
    },
    perFrameGeometry: null,
    ...overrides,
  };
}

export type Iop = [number, number, number, number, number, number];

export const AXIAL: Iop = [1, 0, 0, 0, 1, 0];
export const SAGITTAL: Iop = [0, 1, 0, 0, 0, -1];
export const CORONAL: Iop = [1, 0, 0, 0, 0, -1];

const DESCRIPTIVE_TEXT = [
  'patientName', 'patientId', 'patientBirthDate', 'patientSex', 'studyDate', 'studyTime', 'studyDescription',
  'accessionNumber', 'seriesDescription', 'bodyPartExamined', 'contrastBolusAgent', 'manufacturer',
] as const;
const NO_DESCRIPTIVE_TEXT = Object.fromEntries(DESCRIPTIVE_TEXT.map((k) => [k, null])) as Partial<DicomInstance>;

let bareCounter = 0;

/**
 * An 8 x 10 CT frame with no patient or study text, numbered in call order (file path, SOP UID and
 * instance number), in one study/series/frame of reference; `ipp`, `iop` and `ps` set its geometry
 * (null: the attribute is absent).
 */
export function makeBareInstance(overrides: Partial<DicomInstance> & { ipp?: Vec3 | null; iop?: Iop | null; ps?: [number, number] | null } = {}): DicomInstance {
  const { ipp, iop, ps, ...rest } = overrides;
  bareCounter += 1;
  return makeInstance({
    filePath: `/synthetic/${bareCounter}.dcm`,
    fileSize: 0,
    sopInstanceUid: `2.25.${bareCounter}`,
    studyInstanceUid: '2.25.1000',
    seriesInstanceUid: '2.25.2000',
    frameOfReferenceUid: '2.25.3000',
    ...NO_DESCRIPTIVE_TEXT,
    seriesNumber: 1,
    instanceNumber: bareCounter,
    rows: 8,
    columns: 10,
    sliceThickness: 2,
    gantryDetectorTilt: null,
    kvp: null,
    geometry: {
      imagePositionPatient: ipp === undefined ? [0, 0, 0] : ipp,
      imageOrientationPatient: iop === undefined ? AXIAL : iop,
      pixelSpacing: ps === undefined ? [1, 1] : ps,
    },
    ...rest,
  });
}

export interface SeriesSpec {
  count: number;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  /** Applied to every instance (after the series/study UIDs). */
  common?: Partial<DicomInstance>;
}

/** `count` instances of one series, numbered 1..count, positions 2.5 mm apart. */
export function makeSeries(spec: SeriesSpec): DicomInstance[] {
  const studyInstanceUid = spec.studyInstanceUid ?? nextUid('1.2.3.study');
  const seriesInstanceUid = spec.seriesInstanceUid ?? nextUid('1.2.3.series');
  return Array.from({ length: spec.count }, (_, i) =>
    makeInstance({ studyInstanceUid, seriesInstanceUid, instanceNumber: i + 1, ...spec.common }),
  );
}
