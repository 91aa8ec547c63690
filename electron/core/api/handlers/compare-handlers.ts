import type { AnalysisDeps } from '../../analysis/analyze-volume';
import { compareStudies, nudgeRegistration, repairLesions, storedStudyComparison } from '../../comparison/compare-studies';
import type { ApiHandlers } from '../dispatch';

export function createCompareHandlers(deps: AnalysisDeps): Pick<ApiHandlers, 'compare.run' | 'compare.get' | 'compare.nudge' | 'compare.repair'> {
  return {
    'compare.run': ({ currentStudyInstanceUid, priorStudyInstanceUid, recompute, imageBased }) =>
      compareStudies(deps, currentStudyInstanceUid, priorStudyInstanceUid, { recompute, imageBased }),
    'compare.get': async ({ currentStudyInstanceUid, priorStudyInstanceUid }) => ({ comparison: storedStudyComparison(deps, currentStudyInstanceUid, priorStudyInstanceUid) }),
    'compare.nudge': async ({ registrationId, translationMm }) => nudgeRegistration(deps, registrationId, translationMm),
    'compare.repair': async ({ registrationId, currentRegionId, priorRegionId, action }) => repairLesions(deps, registrationId, currentRegionId, priorRegionId, action),
  };
}
