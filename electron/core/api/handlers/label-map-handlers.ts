import type { AnalysisService } from '../../services';
import type { ApiHandlers } from '../dispatch';

export function createLabelMapHandlers(analysis: AnalysisService): Pick<ApiHandlers, 'regions.labelMap'> {
  return {
    'regions.labelMap': async ({ volumeId }) => {
      const { dims, labels, data } = analysis.labelMap(volumeId);
      return { meta: { dims, labels }, data };
    },
  };
}
