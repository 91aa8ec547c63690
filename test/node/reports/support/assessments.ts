/** Lung assessments for report tests, as the chest analysis stores them with its model run. */
import type { AssessmentCheck, AssessmentCheckId, LungAssessment } from '../../../../electron/core/analysis/lung-assessment';
import { finishModelRun, recordModelRun } from '../../../../electron/core/inference/model-run-repository';
import type { SqliteDatabase } from '../../../../electron/core/storage/database-types';

const PASSED: Record<AssessmentCheckId, string> = {
  'lungs-segmented': 'both lungs segmented',
  'lungs-in-view': 'whole lungs in the field of view',
  'lungs-symmetric': 'left lung aerated volume 8% below the right',
  'lungs-aerated': 'no unexplained airless lung',
  'no-unresolved-candidate': 'no unclassified opacity of 8 mm or more',
  'findings-confident': 'every finding above the confidence threshold',
};

/** Every check passed: the analysis verified normal lungs (apart from the findings it reports). */
export function verifiedAssessment(over: Partial<LungAssessment> = {}): LungAssessment {
  return {
    version: 1,
    lungs: { right: { volumeMl: 2600, aeratedMl: 2500, denseMl: 60, truncated: false }, left: { volumeMl: 2400, aeratedMl: 2300, denseMl: 55, truncated: false } },
    volumeAsymmetry: 0.08,
    minReportableMm: 4,
    confidenceThreshold: 0.5,
    checks: (Object.keys(PASSED) as AssessmentCheckId[]).map((id) => ({ id, passed: true, detail: PASSED[id], sides: [] })),
    normalVerified: true,
    ...over,
  };
}

type Failure = string | { detail: string; sides: AssessmentCheck['sides'] };

/** The verified assessment with these checks failed (their details as given; a plain detail names no side). */
export function failedAssessment(failed: Partial<Record<AssessmentCheckId, Failure>>, over: Partial<LungAssessment> = {}): LungAssessment {
  const base = verifiedAssessment(over);
  const checks: AssessmentCheck[] = base.checks.map((c) => {
    const f = failed[c.id];
    if (f === undefined) return c;
    return typeof f === 'string' ? { id: c.id, passed: false, detail: f, sides: [] } : { id: c.id, passed: false, ...f };
  });
  return { ...base, checks, normalVerified: checks.every((c) => c.passed) };
}

/** A right lung 28% smaller than the left, with airless tissue in it (the perihilar-mass case). */
export function asymmetricAssessment(): LungAssessment {
  return failedAssessment(
    {
      'lungs-symmetric': { detail: 'right lung aerated volume 28% below the left', sides: ['right'] },
      'lungs-aerated': { detail: '85 mL of airless tissue in the right lung not explained by a finding (40 mL in the left)', sides: ['right'] },
    },
    {
      lungs: { right: { volumeMl: 2000, aeratedMl: 1800, denseMl: 85, truncated: false }, left: { volumeMl: 2600, aeratedMl: 2500, denseMl: 40, truncated: false } },
      volumeAsymmetry: 0.28,
    },
  );
}

/** A succeeded chest-ct run that recorded `assessment`; returns its id. */
export function storeRun(db: SqliteDatabase, assessment: LungAssessment | null): string {
  const id = recordModelRun(db, { packId: 'chest-ct', packVersion: 'test', fileHashes: {}, requestedProviders: ['cpu'] });
  finishModelRun(db, id, { status: 'succeeded', executionProvider: 'cpu', assessment });
  return id;
}
