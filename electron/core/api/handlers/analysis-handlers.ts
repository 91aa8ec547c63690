import type { ApiEvent } from '../../../shared/api/events';
import { DEFAULT_MODEL_ID } from '../../analysis/analyze-volume';
import { withoutMask } from '../../regions/region';
import type { AnalysisService } from '../../services';
import type { ApiHandlers } from '../dispatch';

export function createAnalysisHandlers(analysis: AnalysisService, publish: (event: ApiEvent) => void = () => {}): Pick<ApiHandlers, 'models.list' | 'analysis.run' | 'regions.list' | 'regions.addMeasurement' | 'regions.addRoi' | 'regions.addImageShape'> {
  return {
    'models.list': () => analysis.models(),
    'analysis.run': async ({ volumeId, modelId }, context) => {
      const modelIdUsed = modelId ?? DEFAULT_MODEL_ID;
      const result = await analysis.run(volumeId, modelIdUsed, {
        signal: context.signal,
        onProgress: (p) => publish({ type: 'analysis.progress', volumeId, modelId: modelIdUsed, ...p }),
      });
      return { ...result, regions: result.regions.map(withoutMask) };
    },
    'regions.addMeasurement': async ({ volumeId, p1, p2 }) => withoutMask(analysis.addMeasurement(volumeId, p1, p2)),
    'regions.addRoi': async ({ volumeId, p1, p2 }) => {
      const { region, stats } = await analysis.addRoi(volumeId, p1, p2);
      return { region: withoutMask(region), stats: { mean: stats.mean, sd: stats.sd, areaMm2: stats.areaMm2, pixelCount: stats.pixelCount } };
    },
    'regions.addImageShape': async ({ volumeId, k, shape, points }) => {
      const result = await analysis.addImageShape({ volumeId, k, shape, points });
      return { region: withoutMask(result.region), text: result.text, unit: result.measurement.unit, qualifier: result.measurement.qualifier, stats: result.stats };
    },
    'regions.list': async ({ volumeId }) => ({ regions: analysis.regions(volumeId).map(withoutMask) }),
  };
}
