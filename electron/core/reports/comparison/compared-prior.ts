/**
 * A comparison of the core (comparison/compare-studies.ts: registration + lesion tracking) as a
 * report uses it: the PriorExam stored with the report (date, description, the prior's study and
 * volume, the tracked changes the change claims are checked against) and what drafting needs
 * (the prior regions, image references in the prior's series).
 */
import { latestRegionsOfVolume } from '../../analysis/latest-regions';
import type { StudyComparison } from '../../comparison/compare-studies';
import type { SqliteDatabase } from '../../storage/database-types';
import { getStudy, listSeriesInstances } from '../../study-index/study-queries';
import type { DraftComparison } from '../drafting/draft-report';
import { sliceLocatorFromHeaders } from '../drafting/slice-locator';
import type { PriorExam, TrackedChange } from '../schemas';

export interface ComparedPrior {
  prior: PriorExam;
  draft: DraftComparison;
}

export function trackedChanges(comparison: Pick<StudyComparison, 'pairs'>): TrackedChange[] {
  return comparison.pairs.map((p) => ({
    status: p.status,
    currentRegionId: p.current?.regionId ?? null,
    priorRegionId: p.prior?.regionId ?? null,
    currentDiameterMm: p.current?.diameterMm ?? null,
    priorDiameterMm: p.prior?.diameterMm ?? null,
    diameterChangePct: p.diameterChangePct,
  }));
}

export function comparedPrior(db: SqliteDatabase, comparison: StudyComparison): ComparedPrior {
  const priorStudy = comparison.prior.studyInstanceUid;
  const study = priorStudy ? getStudy(db, priorStudy) : null;
  const changes = trackedChanges(comparison);
  const prior: PriorExam = {
    studyDate: comparison.prior.studyDate,
    description: study?.description ?? null,
    ...(priorStudy ? { studyInstanceUid: priorStudy } : {}),
    volumeId: comparison.prior.volumeId,
    changes,
  };
  const headers = study ? study.series.flatMap((s) => listSeriesInstances(db, s.seriesInstanceUid)) : [];
  return {
    prior,
    draft: {
      priorDate: comparison.prior.studyDate,
      changes,
      priorRegions: latestRegionsOfVolume(db, comparison.prior.volumeId).filter((r) => r.kind === 'finding'),
      locatePrior: headers.length > 0 ? sliceLocatorFromHeaders(headers) : null,
    },
  };
}
