/** The CT Image Storage data set of one demo slice (all modules a CT image requires, plus VOI). */
import { tag, type DicomElement } from './dicom-writer';
import { DEMO_PATIENT, sopInstanceUid, type DemoExamSpec } from './exam-spec';
import { LUNG_WINDOW } from './render';
import { DEMO_GENERATOR_VERSION } from './version';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** Stored value = HU - RESCALE_INTERCEPT (signed 16-bit, slope 1). */
export const RESCALE_INTERCEPT = -1024;

/** World z of slice k (k = 0 most inferior), rounded to 0.1 um so it is exact in DS. */
export function slicePositionZ(exam: DemoExamSpec, k: number): number {
  return Math.round((exam.origin[2] + k * exam.spacing[2]) * 1e4) / 1e4;
}

/** InstanceNumber runs from the top of the chest (1) to the bases, as scanners usually number. */
export function instanceNumber(exam: DemoExamSpec, k: number): number {
  return exam.dims[2] - k;
}

/** Little-endian stored pixel values of slice k of a HU volume laid out as the exam grid. */
export function slicePixelBytes(exam: DemoExamSpec, hu: Int16Array, k: number): Uint8Array {
  const plane = exam.dims[0] * exam.dims[1];
  const stored = new Int16Array(plane);
  const base = k * plane;
  for (let p = 0; p < plane; p++) stored[p] = hu[base + p]! - RESCALE_INTERCEPT;
  const bytes = new Uint8Array(stored.buffer);
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < bytes.length; i += 2) {
      const b = bytes[i]!;
      bytes[i] = bytes[i + 1]!;
      bytes[i + 1] = b;
    }
  }
  return bytes;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function ctSliceDataset(exam: DemoExamSpec, k: number, pixelBytes: Uint8Array): DicomElement[] {
  const [nx, ny] = exam.dims;
  const [sx, sy] = exam.spacing;
  const z = slicePositionZ(exam, k);
  // Acquisition time: the helical scan advances about 1 s per 40 mm from the top of the chest.
  const seconds = Math.round(((exam.dims[2] - 1 - k) * exam.spacing[2]) / 40);
  const acquisitionTime = addSeconds(exam.studyTime, 60 + seconds);
  const t = (g: number, e: number) => tag(g, e);
  return [
    { tag: t(0x0008, 0x0005), vr: 'CS', value: 'ISO_IR 100' },
    { tag: t(0x0008, 0x0008), vr: 'CS', value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] },
    { tag: t(0x0008, 0x0012), vr: 'DA', value: exam.studyDate },
    { tag: t(0x0008, 0x0013), vr: 'TM', value: exam.studyTime },
    { tag: t(0x0008, 0x0016), vr: 'UI', value: CT_IMAGE_STORAGE },
    { tag: t(0x0008, 0x0018), vr: 'UI', value: sopInstanceUid(exam, k) },
    { tag: t(0x0008, 0x0020), vr: 'DA', value: exam.studyDate },
    { tag: t(0x0008, 0x0021), vr: 'DA', value: exam.studyDate },
    { tag: t(0x0008, 0x0022), vr: 'DA', value: exam.studyDate },
    { tag: t(0x0008, 0x0023), vr: 'DA', value: exam.studyDate },
    { tag: t(0x0008, 0x0030), vr: 'TM', value: exam.studyTime },
    { tag: t(0x0008, 0x0031), vr: 'TM', value: addSeconds(exam.studyTime, 60) },
    { tag: t(0x0008, 0x0032), vr: 'TM', value: acquisitionTime },
    { tag: t(0x0008, 0x0033), vr: 'TM', value: acquisitionTime },
    { tag: t(0x0008, 0x0050), vr: 'SH', value: exam.accessionNumber },
    { tag: t(0x0008, 0x0060), vr: 'CS', value: 'CT' },
    { tag: t(0x0008, 0x0070), vr: 'LO', value: 'RadGround' },
    { tag: t(0x0008, 0x0080), vr: 'LO', value: 'RadGround Demo Data' },
    { tag: t(0x0008, 0x0090), vr: 'PN', value: '' },
    { tag: t(0x0008, 0x1030), vr: 'LO', value: exam.studyDescription },
    { tag: t(0x0008, 0x103e), vr: 'LO', value: exam.seriesDescription },
    { tag: t(0x0008, 0x1090), vr: 'LO', value: 'Synthetic phantom' },
    { tag: t(0x0010, 0x0010), vr: 'PN', value: DEMO_PATIENT.patientName },
    { tag: t(0x0010, 0x0020), vr: 'LO', value: DEMO_PATIENT.patientId },
    { tag: t(0x0010, 0x0030), vr: 'DA', value: DEMO_PATIENT.birthDate },
    { tag: t(0x0010, 0x0040), vr: 'CS', value: DEMO_PATIENT.sex },
    { tag: t(0x0010, 0x1010), vr: 'AS', value: exam.patientAge },
    { tag: t(0x0018, 0x0015), vr: 'CS', value: 'CHEST' },
    { tag: t(0x0018, 0x0050), vr: 'DS', value: exam.sliceThicknessMm },
    { tag: t(0x0018, 0x0060), vr: 'DS', value: 120 },
    { tag: t(0x0018, 0x0088), vr: 'DS', value: exam.spacing[2] },
    { tag: t(0x0018, 0x0090), vr: 'DS', value: 500 },
    { tag: t(0x0018, 0x1020), vr: 'LO', value: DEMO_GENERATOR_VERSION },
    { tag: t(0x0018, 0x1100), vr: 'DS', value: Math.round(nx * sx * 100) / 100 },
    { tag: t(0x0018, 0x1120), vr: 'DS', value: 0 },
    { tag: t(0x0018, 0x1130), vr: 'DS', value: 160 },
    { tag: t(0x0018, 0x1140), vr: 'CS', value: 'CW' },
    { tag: t(0x0018, 0x1150), vr: 'IS', value: 500 },
    { tag: t(0x0018, 0x1151), vr: 'IS', value: 180 },
    { tag: t(0x0018, 0x1152), vr: 'IS', value: 90 },
    { tag: t(0x0018, 0x1160), vr: 'SH', value: 'BODY FILTER' },
    { tag: t(0x0018, 0x1210), vr: 'SH', value: 'LUNG' },
    { tag: t(0x0018, 0x5100), vr: 'CS', value: 'HFS' },
    { tag: t(0x0020, 0x000d), vr: 'UI', value: exam.studyInstanceUid },
    { tag: t(0x0020, 0x000e), vr: 'UI', value: exam.seriesInstanceUid },
    { tag: t(0x0020, 0x0010), vr: 'SH', value: exam.studyId },
    { tag: t(0x0020, 0x0011), vr: 'IS', value: exam.seriesNumber },
    { tag: t(0x0020, 0x0012), vr: 'IS', value: 1 },
    { tag: t(0x0020, 0x0013), vr: 'IS', value: instanceNumber(exam, k) },
    { tag: t(0x0020, 0x0032), vr: 'DS', value: [exam.origin[0], exam.origin[1], z] },
    { tag: t(0x0020, 0x0037), vr: 'DS', value: [1, 0, 0, 0, 1, 0] },
    { tag: t(0x0020, 0x0052), vr: 'UI', value: exam.frameOfReferenceUid },
    { tag: t(0x0020, 0x1040), vr: 'LO', value: '' },
    { tag: t(0x0020, 0x1041), vr: 'DS', value: z },
    { tag: t(0x0020, 0x4000), vr: 'LT', value: 'Synthetic phantom generated by RadGround for demonstration. Not patient data.' },
    { tag: t(0x0028, 0x0002), vr: 'US', value: 1 },
    { tag: t(0x0028, 0x0004), vr: 'CS', value: 'MONOCHROME2' },
    { tag: t(0x0028, 0x0010), vr: 'US', value: ny },
    { tag: t(0x0028, 0x0011), vr: 'US', value: nx },
    { tag: t(0x0028, 0x0030), vr: 'DS', value: [sy, sx] },
    { tag: t(0x0028, 0x0100), vr: 'US', value: 16 },
    { tag: t(0x0028, 0x0101), vr: 'US', value: 16 },
    { tag: t(0x0028, 0x0102), vr: 'US', value: 15 },
    { tag: t(0x0028, 0x0103), vr: 'US', value: 1 },
    { tag: t(0x0028, 0x0301), vr: 'CS', value: 'NO' },
    { tag: t(0x0028, 0x1050), vr: 'DS', value: LUNG_WINDOW.center },
    { tag: t(0x0028, 0x1051), vr: 'DS', value: LUNG_WINDOW.width },
    { tag: t(0x0028, 0x1052), vr: 'DS', value: RESCALE_INTERCEPT },
    { tag: t(0x0028, 0x1053), vr: 'DS', value: 1 },
    { tag: t(0x0028, 0x1054), vr: 'LO', value: 'HU' },
    { tag: t(0x0028, 0x1055), vr: 'LO', value: 'LUNG' },
    { tag: t(0x0028, 0x2110), vr: 'CS', value: '00' },
    { tag: t(0x7fe0, 0x0010), vr: 'OW', value: pixelBytes },
  ];
}

/** HHMMSS plus seconds (same day). */
function addSeconds(hhmmss: string, seconds: number): string {
  const total = Number(hhmmss.slice(0, 2)) * 3600 + Number(hhmmss.slice(2, 4)) * 60 + Number(hhmmss.slice(4, 6)) + seconds;
  const h = Math.floor(total / 3600) % 24;
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((v) => String(v).padStart(2, '0')).join('');
}
