/** A registration of a prior volume to a current one, as stored and as handed to callers. */
import type { Vec3 } from '../geometry';
import { composeTransforms, rotationAngleDeg, toMatrix4, translationTransform, type Matrix4RowMajor, type RigidTransform } from './rigid-transform';

export type RegistrationMethod = 'same-frame-of-reference' | 'rigid-ncc-multiresolution';

/** Bump when the registration code changes its results: cached rows of older versions are recomputed. */
export const REGISTRATION_ALGORITHM = 'rigid-ncc-multiresolution/1';

export interface StoredRegistration {
  id: string;
  currentVolumeId: string;
  priorVolumeId: string;
  currentFrameOfReferenceUid: string | null;
  priorFrameOfReferenceUid: string | null;
  method: RegistrationMethod;
  algorithm: string;
  /** The automatic result: PRIOR patient coordinates -> CURRENT. */
  automatic: RigidTransform;
  quality: number | null;
  durationMs: number;
  details: Record<string, unknown>;
  /** The reader's correction, mm in the current exam's coordinates, applied after `automatic`. */
  nudgeMm: Vec3;
  createdAt: string;
  updatedAt: string;
}

export interface RegistrationView {
  id: string;
  currentVolumeId: string;
  priorVolumeId: string;
  method: RegistrationMethod;
  sameFrameOfReference: boolean;
  /** Row-major 4x4, PRIOR -> CURRENT patient coordinates, the nudge included. */
  matrix: Matrix4RowMajor;
  translationMm: Vec3;
  rotationDeg: number;
  quality: number | null;
  durationMs: number;
  nudgeMm: Vec3;
  /** The automatic result without the nudge. */
  automaticMatrix: Matrix4RowMajor;
}

/** The transform in use: the automatic one, then the reader's nudge. */
export function effectiveTransform(r: Pick<StoredRegistration, 'automatic' | 'nudgeMm'>): RigidTransform {
  return composeTransforms(translationTransform(r.nudgeMm), r.automatic);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function registrationView(r: StoredRegistration): RegistrationView {
  const t = effectiveTransform(r);
  return {
    id: r.id,
    currentVolumeId: r.currentVolumeId,
    priorVolumeId: r.priorVolumeId,
    method: r.method,
    sameFrameOfReference: r.currentFrameOfReferenceUid !== null && r.currentFrameOfReferenceUid === r.priorFrameOfReferenceUid,
    matrix: toMatrix4(t),
    translationMm: t.translation.map((v) => round(v, 3)) as Vec3,
    rotationDeg: round(rotationAngleDeg(t), 3),
    quality: r.quality === null ? null : round(r.quality, 4),
    durationMs: r.durationMs,
    nudgeMm: [...r.nudgeMm],
    automaticMatrix: toMatrix4(r.automatic),
  };
}
