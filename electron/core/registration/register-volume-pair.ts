/**
 * The registration of a prior volume to a current one, cached per pair in SQLite: computed once
 * (in a worker thread) and reused until the registration code changes (REGISTRATION_ALGORITHM) or a
 * recomputation is asked for. With the same FrameOfReferenceUID the patient coordinates already
 * agree: the identity is used (method 'same-frame-of-reference'), only scored, unless
 * `imageBased` asks for the search anyway.
 */
import type { SqliteDatabase } from '../storage/database-types';
import type { StudyVolumeService } from '../study-volumes/study-volume-service';
import { registerInWorker } from './register-in-worker';
import { REGISTRATION_ALGORITHM, type StoredRegistration } from './registration-record';
import { findRegistration, saveRegistration } from './registration-repository';

export interface RegistrationDeps {
  db: SqliteDatabase;
  volumes: StudyVolumeService;
}

export interface RegisterPairOptions {
  /** Recompute even when a result of this algorithm is cached. */
  recompute?: boolean;
  /** Search a transform even when both volumes share a frame of reference. */
  imageBased?: boolean;
  signal?: AbortSignal;
}

export async function registerVolumePair(deps: RegistrationDeps, currentVolumeId: string, priorVolumeId: string, options: RegisterPairOptions = {}): Promise<StoredRegistration> {
  const cached = findRegistration(deps.db, currentVolumeId, priorVolumeId);
  const currentFor = deps.volumes.describe(currentVolumeId).frameOfReferenceUid;
  const priorFor = deps.volumes.describe(priorVolumeId).frameOfReferenceUid;
  const sameFrame = currentFor !== null && currentFor === priorFor;
  const method = sameFrame && !options.imageBased ? 'same-frame-of-reference' : 'rigid-ncc-multiresolution';
  if (cached && !options.recompute && cached.algorithm === REGISTRATION_ALGORITHM && cached.method === method) return cached;
  const [current, prior] = await Promise.all([deps.volumes.load(currentVolumeId), deps.volumes.load(priorVolumeId)]);
  const started = performance.now();
  const result = await registerInWorker(method === 'same-frame-of-reference' ? 'score-identity' : 'register', current, prior, { signal: options.signal });
  const durationMs = performance.now() - started;
  return saveRegistration(deps.db, {
    currentVolumeId,
    priorVolumeId,
    currentFrameOfReferenceUid: currentFor,
    priorFrameOfReferenceUid: priorFor,
    method,
    algorithm: REGISTRATION_ALGORITHM,
    automatic: result.transform,
    quality: Math.max(-1, Math.min(1, result.quality)),
    durationMs,
    details: { start: result.start, levels: result.levels },
  });
}
