/**
 * Lesion tracking between a current and a prior exam: the findings of each (nodules and masses)
 * are matched one to one after mapping the prior ones through the registration, and every pair
 * (or lone lesion) gets its sizes in both exams, the changes, the volume doubling time and a status.
 */
import type { Vec3 } from '../geometry';
import type { Region } from '../regions/region';
import { applyTransform, type RigidTransform } from '../registration/rigid-transform';
import { changeStatus, type ChangeStatus } from './change-status';
import { daysBetween, volumeDoublingTimeDays } from './doubling-time';
import { matchLesions, type LesionPairing, type MatchCandidate } from './match-lesions';

export const TRACKED_LABELS: readonly string[] = ['nodule', 'mass'];

export interface TrackedLesion {
  regionId: string;
  label: string;
  laterality: Region['laterality'];
  zone: string | null;
  diameterMm: number | null;
  volumeMl: number;
  /** In its own exam's patient coordinates (LPS mm). */
  centroid: Vec3;
}

export interface LesionPair {
  current: TrackedLesion | null;
  prior: TrackedLesion | null;
  status: ChangeStatus;
  diameterChangeMm: number | null;
  diameterChangePct: number | null;
  volumeChangeMl: number | null;
  volumeChangePct: number | null;
  doublingTimeDays: number | null;
  /** Current centroid to the prior centroid mapped into the current exam, mm. */
  distanceMm: number | null;
  /** 'user' where the reader paired them by hand; null for a lone lesion. */
  pairedBy: 'auto' | 'user' | null;
}

export interface TrackingInput {
  current: readonly Region[];
  prior: readonly Region[];
  /** Registration result: PRIOR patient coordinates -> CURRENT. */
  priorToCurrent: RigidTransform;
  /** DICOM dates (YYYYMMDD) of the two exams, for the doubling time. */
  currentDate: string | null;
  priorDate: string | null;
  /** The reader's re-pairings (forced) and unpairings (forbidden). */
  forced?: readonly LesionPairing[];
  forbidden?: readonly LesionPairing[];
}

export function isTrackedFinding(region: Pick<Region, 'kind' | 'label'>): boolean {
  return region.kind === 'finding' && TRACKED_LABELS.includes(region.label);
}

function summary(r: Region): TrackedLesion {
  return { regionId: r.id, label: r.label, laterality: r.laterality, zone: r.zone, diameterMm: r.diameterMm, volumeMl: r.volumeMl, centroid: [...r.centroid] };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const change = (a: number | null, b: number | null) => (a === null || b === null ? null : round(b - a, 2));
const percent = (a: number | null, b: number | null) => (a === null || b === null || a === 0 ? null : round(((b - a) / a) * 100, 1));

function pairOf(current: Region | null, prior: Region | null, mappedPrior: Vec3 | null, days: number | null, pairedBy: LesionPair['pairedBy']): LesionPair {
  const dc = current?.diameterMm ?? null;
  const dp = prior?.diameterMm ?? null;
  const vc = current?.volumeMl ?? null;
  const vp = prior?.volumeMl ?? null;
  const vdt = volumeDoublingTimeDays(vp, vc, days);
  return {
    current: current ? summary(current) : null,
    prior: prior ? summary(prior) : null,
    status: changeStatus(prior ? (dp ?? 0) : null, current ? (dc ?? 0) : null),
    diameterChangeMm: change(dp, dc),
    diameterChangePct: percent(dp, dc),
    volumeChangeMl: change(vp, vc),
    volumeChangePct: percent(vp, vc),
    doublingTimeDays: vdt === null ? null : round(vdt, 1),
    distanceMm: current && mappedPrior ? round(Math.hypot(current.centroid[0] - mappedPrior[0], current.centroid[1] - mappedPrior[1], current.centroid[2] - mappedPrior[2]), 2) : null,
    pairedBy,
  };
}

const STATUS_ORDER: Record<ChangeStatus, number> = { increased: 0, new: 1, decreased: 2, stable: 3, resolved: 4 };

export function trackLesions(input: TrackingInput): LesionPair[] {
  const current = input.current.filter(isTrackedFinding);
  const prior = input.prior.filter(isTrackedFinding);
  const mapped = new Map(prior.map((p) => [p.id, applyTransform(input.priorToCurrent, p.centroid)]));
  const candidate = (r: Region, position: Vec3): MatchCandidate => ({ id: r.id, label: r.label, position, diameterMm: r.diameterMm });
  const pairings = matchLesions(
    current.map((c) => candidate(c, c.centroid)),
    prior.map((p) => candidate(p, mapped.get(p.id)!)),
    { forced: input.forced, forbidden: input.forbidden },
  );
  const forced = new Set((input.forced ?? []).map((f) => `${f.currentId}\n${f.priorId}`));
  const days = daysBetween(input.priorDate, input.currentDate);
  // Ids are unique within an exam only (two analyses may number their regions alike).
  const currentById = new Map(current.map((r) => [r.id, r]));
  const priorById = new Map(prior.map((r) => [r.id, r]));
  const pairs = pairings.map((p) =>
    pairOf(currentById.get(p.currentId)!, priorById.get(p.priorId)!, mapped.get(p.priorId)!, days, forced.has(`${p.currentId}\n${p.priorId}`) ? 'user' : 'auto'),
  );
  const pairedCurrent = new Set(pairings.map((p) => p.currentId));
  const pairedPrior = new Set(pairings.map((p) => p.priorId));
  for (const c of current) if (!pairedCurrent.has(c.id)) pairs.push(pairOf(c, null, null, days, null));
  for (const p of prior) if (!pairedPrior.has(p.id)) pairs.push(pairOf(null, p, null, days, null));
  const size = (p: LesionPair) => p.current?.diameterMm ?? p.prior?.diameterMm ?? 0;
  return pairs.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || size(b) - size(a));
}
