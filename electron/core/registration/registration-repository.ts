/** SQLite storage of registrations and the reader's lesion pairings (migration 0006). */
import { randomUUID } from 'node:crypto';
import { RadGroundError } from '../errors/radground-error';
import type { Vec3 } from '../geometry';
import type { SqliteDatabase } from '../storage/database-types';
import type { RegistrationMethod, StoredRegistration } from './registration-record';
import { fromMatrix4, toMatrix4 } from './rigid-transform';

interface RegistrationRow {
  id: number;
  uid: string;
  current_volume_id: string;
  prior_volume_id: string;
  current_frame_of_reference_uid: string | null;
  prior_frame_of_reference_uid: string | null;
  method: RegistrationMethod;
  algorithm: string;
  matrix: string;
  quality: number | null;
  duration_ms: number;
  details: string;
  nudge_x: number;
  nudge_y: number;
  nudge_z: number;
  created_at: string;
  updated_at: string;
}

function fromRow(r: RegistrationRow): StoredRegistration {
  return {
    id: r.uid,
    currentVolumeId: r.current_volume_id,
    priorVolumeId: r.prior_volume_id,
    currentFrameOfReferenceUid: r.current_frame_of_reference_uid,
    priorFrameOfReferenceUid: r.prior_frame_of_reference_uid,
    method: r.method,
    algorithm: r.algorithm,
    automatic: fromMatrix4(JSON.parse(r.matrix) as number[]),
    quality: r.quality,
    durationMs: r.duration_ms,
    details: JSON.parse(r.details) as Record<string, unknown>,
    nudgeMm: [r.nudge_x, r.nudge_y, r.nudge_z],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function findRegistration(db: SqliteDatabase, currentVolumeId: string, priorVolumeId: string): StoredRegistration | null {
  const row = db.prepare('SELECT * FROM registrations WHERE current_volume_id = ? AND prior_volume_id = ?').get(currentVolumeId, priorVolumeId) as RegistrationRow | undefined;
  return row ? fromRow(row) : null;
}

export function getRegistration(db: SqliteDatabase, id: string): StoredRegistration {
  const row = db.prepare('SELECT * FROM registrations WHERE uid = ?').get(id) as RegistrationRow | undefined;
  if (!row) throw new RadGroundError('NOT_FOUND', `no registration ${id}`);
  return fromRow(row);
}

export type NewRegistration = Omit<StoredRegistration, 'id' | 'nudgeMm' | 'createdAt' | 'updatedAt'>;

/** Stores (or replaces) the automatic result of a pair; an existing row keeps its uid, nudge and pairings. */
export function saveRegistration(db: SqliteDatabase, r: NewRegistration): StoredRegistration {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO registrations (uid, current_volume_id, prior_volume_id, current_frame_of_reference_uid, prior_frame_of_reference_uid,
       method, algorithm, matrix, quality, duration_ms, details, created_at, updated_at)
     VALUES (@uid, @current, @prior, @currentFor, @priorFor, @method, @algorithm, @matrix, @quality, @durationMs, @details, @now, @now)
     ON CONFLICT (current_volume_id, prior_volume_id) DO UPDATE SET
       current_frame_of_reference_uid = excluded.current_frame_of_reference_uid,
       prior_frame_of_reference_uid = excluded.prior_frame_of_reference_uid,
       method = excluded.method, algorithm = excluded.algorithm, matrix = excluded.matrix, quality = excluded.quality,
       duration_ms = excluded.duration_ms, details = excluded.details, updated_at = excluded.updated_at`,
  ).run({
    uid: randomUUID(),
    current: r.currentVolumeId,
    prior: r.priorVolumeId,
    currentFor: r.currentFrameOfReferenceUid,
    priorFor: r.priorFrameOfReferenceUid,
    method: r.method,
    algorithm: r.algorithm,
    matrix: JSON.stringify(toMatrix4(r.automatic)),
    quality: r.quality,
    durationMs: Math.max(0, Math.round(r.durationMs)),
    details: JSON.stringify(r.details),
    now,
  });
  return findRegistration(db, r.currentVolumeId, r.priorVolumeId)!;
}

export function setRegistrationNudge(db: SqliteDatabase, id: string, nudgeMm: Vec3): StoredRegistration {
  const done = db
    .prepare('UPDATE registrations SET nudge_x = ?, nudge_y = ?, nudge_z = ?, updated_at = ? WHERE uid = ?')
    .run(nudgeMm[0], nudgeMm[1], nudgeMm[2], new Date().toISOString(), id);
  if (done.changes === 0) throw new RadGroundError('NOT_FOUND', `no registration ${id}`);
  return getRegistration(db, id);
}

export type PairingAction = 'pair' | 'unpair';

export interface StoredPairing {
  currentRegionId: string;
  priorRegionId: string;
  action: PairingAction;
}

function registrationRef(db: SqliteDatabase, id: string): number {
  const row = db.prepare('SELECT id FROM registrations WHERE uid = ?').get(id) as { id: number } | undefined;
  if (!row) throw new RadGroundError('NOT_FOUND', `no registration ${id}`);
  return row.id;
}

export function listPairings(db: SqliteDatabase, registrationId: string): StoredPairing[] {
  return (
    db
      .prepare('SELECT current_region_uid, prior_region_uid, action FROM lesion_pairings WHERE registration_ref = ? ORDER BY id')
      .all(registrationRef(db, registrationId)) as { current_region_uid: string; prior_region_uid: string; action: PairingAction }[]
  ).map((r) => ({ currentRegionId: r.current_region_uid, priorRegionId: r.prior_region_uid, action: r.action }));
}

/**
 * Records a reader's choice about two regions ('pair' or 'unpair'), replacing any earlier choice
 * about them; a forced pair also cancels the other forced pairs of either region. action null
 * forgets the choice (back to automatic matching).
 */
export function setPairing(db: SqliteDatabase, registrationId: string, currentRegionId: string, priorRegionId: string, action: PairingAction | null): void {
  const ref = registrationRef(db, registrationId);
  db.transaction(() => {
    db.prepare('DELETE FROM lesion_pairings WHERE registration_ref = ? AND current_region_uid = ? AND prior_region_uid = ?').run(ref, currentRegionId, priorRegionId);
    if (action === 'pair') {
      db.prepare(`DELETE FROM lesion_pairings WHERE registration_ref = ? AND action = 'pair' AND (current_region_uid = ? OR prior_region_uid = ?)`).run(ref, currentRegionId, priorRegionId);
    }
    if (action) {
      db.prepare('INSERT INTO lesion_pairings (registration_ref, current_region_uid, prior_region_uid, action, created_at) VALUES (?, ?, ?, ?, ?)').run(
        ref,
        currentRegionId,
        priorRegionId,
        action,
        new Date().toISOString(),
      );
    }
  })();
}
