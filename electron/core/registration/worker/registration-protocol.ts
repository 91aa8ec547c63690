import type { VolumeLike } from '../registration-image';
import type { RigidRegistration } from '../register-rigid';

/**
 * What the registration worker is sent: the task and two volumes' voxels (transferred) and geometry.
 * 'register' searches the rigid transform; 'score-identity' only scores the identity (same frame of reference).
 */
export interface RegistrationRequest {
  task: 'register' | 'score-identity';
  current: VolumeLike;
  prior: VolumeLike;
}

export type RegistrationReply = { ok: true; result: RigidRegistration } | { ok: false; message: string };
