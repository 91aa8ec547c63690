import type { AnalysisDeps } from '../../analysis/analyze-volume';
import { latestRegionsOfVolume } from '../../analysis/latest-regions';
import { buildLabelMap } from '../../regions/label-map';
import type { ApiHandlers } from '../dispatch';

export function createLabelMapHandlers(deps: Pick<AnalysisDeps, 'db' | 'volumes'>): Pick<ApiHandlers, 'regions.labelMap'> {
  return {
    'regions.labelMap': async ({ volumeId }) => {
      const { dims } = deps.volumes.describe(volumeId);
      const { labels, data } = buildLabelMap(latestRegionsOfVolume(deps.db, volumeId, { includeMasks: true }), dims);
      return { meta: { dims, labels }, data };
    },
  };
}
