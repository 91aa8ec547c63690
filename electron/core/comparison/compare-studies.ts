/**
 * Reading with priors, the core workflow the API, the CLI and the report drafting call:
 * pick each study's reading volume, make sure both are analyzed, register the prior to the current
 * (cached per pair, in a worker thread), and track the findings across the two exams.
 */
import { analyzeVolume, type AnalysisDeps } from '../analysis/analyze-volume';
import { latestRegionsOfVolume } from '../analysis/latest-regions';
import { RadGroundError } from '../errors/radground-error';
import type { Vec3 } from '../geometry';
import { getRegion } from '../regions/region-repository';
import { registerVolumePair, type RegisterPairOptions } from '../registration/register-volume-pair';
import { effectiveTransform, registrationView, type RegistrationView, type StoredRegistration } from '../registration/registration-record';
import { findRegistration, getRegistration, listPairings, setPairing, setRegistrationNudge, type PairingAction } from '../registration/registration-repository';
import type { SqliteDatabase } from '../storage/database-types';
import { getSeries, getStudy } from '../study-index';
import type { StudyVolumeService } from '../study-volumes/study-volume-service';
import { CHANGE_CONVENTION } from '../tracking/change-status';
import { trackLesions, type LesionPair } from '../tracking/track-lesions';
import type { SkippedSeriesLog } from '../study-volumes/indexed-volumes';
import { readingVolumeOfStudy } from '../study-volumes/reading-volume';

/** The analysis's dependencies, and where a series that makes no volume is logged when a study's reading volume is picked. */
export type CompareDeps = AnalysisDeps & { logger: SkippedSeriesLog };

export interface ComparedExam {
  volumeId: string;
  seriesInstanceUid: string | null;
  studyInstanceUid: string | null;
  /** DICOM date YYYYMMDD, null when the files lacked it. */
  studyDate: string | null;
}

export interface StudyComparison {
  current: ComparedExam;
  prior: ComparedExam;
  registration: RegistrationView;
  pairs: LesionPair[];
  /** The change convention the statuses follow (tracking/change-status.ts). */
  convention: string;
}

function examOf(db: SqliteDatabase, volumes: StudyVolumeService, volumeId: string): ComparedExam {
  const { seriesInstanceUid } = volumes.describe(volumeId);
  const studyInstanceUid = seriesInstanceUid ? getSeries(db, seriesInstanceUid).studyInstanceUid : null;
  return { volumeId, seriesInstanceUid, studyInstanceUid, studyDate: studyInstanceUid ? getStudy(db, studyInstanceUid).studyDate : null };
}

/** Regions of the volume's latest analysis, analyzing it first when it has none. */
async function ensureAnalyzed(deps: CompareDeps, volumeId: string): Promise<void> {
  if (latestRegionsOfVolume(deps.db, volumeId).some((r) => r.runId !== null)) return;
  await analyzeVolume(deps, volumeId);
}

/** The comparison of a stored registration: lesions tracked with the current regions and the reader's choices. */
export function comparisonOf(deps: Pick<CompareDeps, 'db' | 'volumes'>, registration: StoredRegistration): StudyComparison {
  const current = examOf(deps.db, deps.volumes, registration.currentVolumeId);
  const prior = examOf(deps.db, deps.volumes, registration.priorVolumeId);
  const choices = listPairings(deps.db, registration.id);
  const of = (action: PairingAction) => choices.filter((c) => c.action === action).map((c) => ({ currentId: c.currentRegionId, priorId: c.priorRegionId }));
  const pairs = trackLesions({
    current: latestRegionsOfVolume(deps.db, current.volumeId),
    prior: latestRegionsOfVolume(deps.db, prior.volumeId),
    priorToCurrent: effectiveTransform(registration),
    currentDate: current.studyDate,
    priorDate: prior.studyDate,
    forced: of('pair'),
    forbidden: of('unpair'),
  });
  return { current, prior, registration: registrationView(registration), pairs, convention: CHANGE_CONVENTION };
}

export async function compareVolumes(deps: CompareDeps, currentVolumeId: string, priorVolumeId: string, options: RegisterPairOptions = {}): Promise<StudyComparison> {
  if (currentVolumeId === priorVolumeId) throw new RadGroundError('BAD_REQUEST', 'a volume cannot be compared with itself');
  // Registration runs in its own worker while the analyses (if any) run in the inference worker.
  const [registration] = await Promise.all([
    registerVolumePair(deps, currentVolumeId, priorVolumeId, options),
    ensureAnalyzed(deps, currentVolumeId).then(() => ensureAnalyzed(deps, priorVolumeId)),
  ]);
  return comparisonOf(deps, registration);
}

export function compareStudies(deps: CompareDeps, currentStudyInstanceUid: string, priorStudyInstanceUid: string, options: RegisterPairOptions = {}): Promise<StudyComparison> {
  if (currentStudyInstanceUid === priorStudyInstanceUid) throw new RadGroundError('BAD_REQUEST', 'a study cannot be compared with itself');
  return compareVolumes(deps, readingVolumeOfStudy(deps.db, currentStudyInstanceUid, deps.logger), readingVolumeOfStudy(deps.db, priorStudyInstanceUid, deps.logger), options);
}

/** The stored comparison of two studies, without computing anything; null when never compared. */
export function storedStudyComparison(deps: Pick<CompareDeps, 'db' | 'volumes' | 'logger'>, currentStudyInstanceUid: string, priorStudyInstanceUid: string): StudyComparison | null {
  const registration = findRegistration(deps.db, readingVolumeOfStudy(deps.db, currentStudyInstanceUid, deps.logger), readingVolumeOfStudy(deps.db, priorStudyInstanceUid, deps.logger));
  return registration ? comparisonOf(deps, registration) : null;
}

/** Sets the reader's nudge (replacing the previous one) and re-tracks with it. */
export function nudgeRegistration(deps: Pick<CompareDeps, 'db' | 'volumes'>, registrationId: string, nudgeMm: Vec3): StudyComparison {
  if (!nudgeMm.every((v) => Number.isFinite(v) && Math.abs(v) <= 200)) throw new RadGroundError('BAD_REQUEST', 'a nudge is at most 200 mm along each axis');
  return comparisonOf(deps, setRegistrationNudge(deps.db, registrationId, nudgeMm));
}

/**
 * The reader pairs two findings by hand ('pair'), says they are not the same lesion ('unpair'), or
 * forgets an earlier choice about them ('reset'). The regions must be findings of the two volumes.
 */
export function repairLesions(
  deps: Pick<CompareDeps, 'db' | 'volumes'>,
  registrationId: string,
  currentRegionId: string,
  priorRegionId: string,
  action: PairingAction | 'reset',
): StudyComparison {
  const registration = getRegistration(deps.db, registrationId);
  const current = getRegion(deps.db, currentRegionId);
  const prior = getRegion(deps.db, priorRegionId);
  if (current.volumeId !== registration.currentVolumeId || prior.volumeId !== registration.priorVolumeId) {
    throw new RadGroundError('BAD_REQUEST', 'the regions must belong to the current and the prior volume of this comparison, in that order');
  }
  if (current.kind !== 'finding' || prior.kind !== 'finding') throw new RadGroundError('BAD_REQUEST', 'only findings are tracked');
  setPairing(deps.db, registrationId, currentRegionId, priorRegionId, action === 'reset' ? null : action);
  return comparisonOf(deps, registration);
}
