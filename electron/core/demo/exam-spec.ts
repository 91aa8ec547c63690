/**
 * The two demo exams of the same (synthetic) patient: where the scanner grid lies, how the patient
 * was positioned (body frame -> scanner frame), and the study/series identity.
 */
import { RadGroundError } from '../errors/radground-error';
import type { Mat3 } from '../volume-assembly/volume';
import type { ExamRole } from './lesions';
import { demoUid } from './uids';
import type { Vec3 } from '../geometry/vec3';

export interface DemoOptions {
  seed?: number;
  sliceSpacingMm?: number;
}

export const DEFAULT_SEED = 20240315;
export const DEFAULT_SLICE_SPACING_MM = 2.5;

export const DEMO_PATIENT = {
  patientName: 'DEMO^PHANTOM',
  patientId: 'RG-DEMO-0001',
  birthDate: '19610704',
  sex: 'M',
} as const;

/** Rigid patient pose: scanner = rotation * body + translation (rotation row-major). */
export interface Pose {
  rotation: Mat3;
  translation: Vec3;
  description: string;
}

export interface DemoExamSpec {
  role: ExamRole;
  seed: number;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  studyDate: string;
  studyTime: string;
  studyId: string;
  accessionNumber: string;
  studyDescription: string;
  seriesDescription: string;
  seriesNumber: number;
  patientAge: string;
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  sliceThicknessMm: number;
  pose: Pose;
  /** World y of the table top (scanner frame). */
  tableTopY: number;
}

/** Rotation about the scanner's y (anteroposterior, the room's vertical for a supine patient) then z. */
function rotationYZ(yDeg: number, zDeg: number): Mat3 {
  const a = (yDeg * Math.PI) / 180;
  const b = (zDeg * Math.PI) / 180;
  const ry = [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)];
  const rz = [Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b), 0, 0, 0, 1];
  const m: number[] = new Array(9).fill(0);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) m[r * 3 + c]! += rz[r * 3 + k]! * ry[k * 3 + c]!;
  return m as Mat3;
}

interface ExamLayout {
  studyDate: string;
  studyTime: string;
  accessionNumber: string;
  seriesNumber: number;
  patientAge: string;
  fovMm: number;
  /** Body-frame z range to cover (superior, inferior), mm. */
  coverBodyZ: [number, number];
  pose: Pose;
}

const LAYOUTS: Record<ExamRole, ExamLayout> = {
  current: {
    studyDate: '20240315',
    studyTime: '101500',
    accessionNumber: 'RGDEMO24031501',
    seriesNumber: 2,
    patientAge: '062Y',
    fovMm: 380,
    coverBodyZ: [156, -136],
    pose: { rotation: rotationYZ(0, 0), translation: [0, 11, -180], description: 'reference position' },
  },
  prior: {
    studyDate: '20230315',
    studyTime: '093000',
    accessionNumber: 'RGDEMO23031501',
    seriesNumber: 3,
    patientAge: '061Y',
    fovMm: 370,
    coverBodyZ: [150, -128],
    pose: {
      rotation: rotationYZ(1.5, -0.8),
      translation: [4.2, 12.5, -163.7],
      description: 'rotated 1.5 deg about the anteroposterior (vertical) axis and -0.8 deg about the long axis; translated',
    },
  },
};

const MATRIX = 512;

export function demoExamSpec(role: ExamRole, options: DemoOptions = {}): DemoExamSpec {
  const seed = options.seed ?? DEFAULT_SEED;
  const spacingZ = options.sliceSpacingMm ?? DEFAULT_SLICE_SPACING_MM;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RadGroundError('BAD_REQUEST', 'demo seed must be an integer in [0, 2^32)', { seed });
  }
  if (!(spacingZ >= 0.5 && spacingZ <= 10)) {
    throw new RadGroundError('BAD_REQUEST', 'demo slice spacing must be between 0.5 and 10 mm', { sliceSpacingMm: spacingZ });
  }
  const layout = LAYOUTS[role];
  const pixel = Math.round((layout.fovMm / MATRIX) * 1e6) / 1e6;
  const [zTop, zBottom] = layout.coverBodyZ;
  const nz = Math.ceil((zTop - zBottom) / spacingZ) + 1;
  const t = layout.pose.translation;
  const originXY = Math.round((-layout.fovMm / 2 + pixel / 2) * 1e4) / 1e4;
  const originZ = Math.round((t[2] + zBottom) * 100) / 100;
  const label = (what: string) => demoUid(seed, `${role}:${what}`);
  return {
    role,
    seed,
    studyInstanceUid: label('study'),
    seriesInstanceUid: label(`series:${spacingZ}`),
    frameOfReferenceUid: label('frame-of-reference'),
    studyDate: layout.studyDate,
    studyTime: layout.studyTime,
    studyId: role === 'current' ? '2' : '1',
    accessionNumber: layout.accessionNumber,
    studyDescription: 'CT CHEST (DEMO)',
    seriesDescription: `Axial ${spacingZ} mm lung (synthetic ${role})`,
    seriesNumber: layout.seriesNumber,
    patientAge: layout.patientAge,
    dims: [MATRIX, MATRIX, nz],
    spacing: [pixel, pixel, spacingZ],
    origin: [originXY, originXY, originZ],
    sliceThicknessMm: spacingZ,
    pose: layout.pose,
    tableTopY: 137,
  };
}

/** SOPInstanceUID of slice k (k = 0 is the most inferior slice). */
export function sopInstanceUid(exam: DemoExamSpec, k: number): string {
  return demoUid(exam.seed, `${exam.role}:series:${exam.spacing[2]}:instance:${k}`);
}

/** Scanner (world) coordinates of a body-frame point in this exam. */
export function bodyToWorld(exam: DemoExamSpec, p: Vec3): Vec3 {
  const r = exam.pose.rotation;
  const t = exam.pose.translation;
  return [
    r[0] * p[0] + r[1] * p[1] + r[2] * p[2] + t[0],
    r[3] * p[0] + r[4] * p[1] + r[5] * p[2] + t[1],
    r[6] * p[0] + r[7] * p[1] + r[8] * p[2] + t[2],
  ];
}

/** Body-frame coordinates of a scanner (world) point in this exam. */
export function worldToBody(exam: DemoExamSpec, w: Vec3): Vec3 {
  const r = exam.pose.rotation;
  const t = exam.pose.translation;
  const d: Vec3 = [w[0] - t[0], w[1] - t[1], w[2] - t[2]];
  return [
    r[0] * d[0] + r[3] * d[1] + r[6] * d[2],
    r[1] * d[0] + r[4] * d[1] + r[7] * d[2],
    r[2] * d[0] + r[5] * d[1] + r[8] * d[2],
  ];
}
