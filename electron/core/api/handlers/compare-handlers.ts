import type { AnalysisService } from '../../services';
import type { ApiHandlers } from '../dispatch';

export function createCompareHandlers(analysis: AnalysisService): Pick<ApiHandlers, 'compare.run' | 'compare.get' | 'compare.nudge' | 'compare.repair'> {
  return {
    'compare.run': ({ currentStudyInstanceUid, priorStudyInstanceUid, recompute, imageBased }) =>
      analysis.compare(currentStudyInstanceUid, priorStudyInstanceUid, { recompute, imageBased }),
    'compare.get': async ({ currentStudyInstanceUid, priorStudyInstanceUid }) => ({ comparison: analysis.storedComparison(currentStudyInstanceUid, priorStudyInstanceUid) }),
    'compare.nudge': async ({ registrationId, translationMm }) => analysis.nudge(registrationId, translationMm),
    'compare.repair': async ({ registrationId, currentRegionId, priorRegionId, action }) => analysis.repair(registrationId, currentRegionId, priorRegionId, action),
  };
}
