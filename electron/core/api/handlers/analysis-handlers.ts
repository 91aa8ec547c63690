import type { ApiEvent } from '../../../shared/api/events';
import { analyzeVolume, DEFAULT_MODEL_ID, type AnalysisDeps } from '../../analysis/analyze-volume';
import { latestRegionsOfVolume } from '../../analysis/latest-regions';
import { isPipelinePack, listModelPacks } from '../../inference';
import { lengthMeasurementRegion } from '../../regions/measurement-region';
import { roiRegion, roiStatistics } from '../../regions/roi-statistics';
import { withoutMask } from '../../regions/region';
import { saveRegions } from '../../regions/region-repository';
import { RadGroundError } from '../../errors/radground-error';
import { imageShapeRegion } from '../../study-volumes/image-shape-region';
import { seriesDisplay } from '../../study-volumes/series-display';
import type { ApiHandlers } from '../dispatch';

export function createAnalysisHandlers(deps: AnalysisDeps, publish: (event: ApiEvent) => void = () => {}): Pick<ApiHandlers, 'models.list' | 'analysis.run' | 'regions.list' | 'regions.addMeasurement' | 'regions.addRoi' | 'regions.addImageShape'> {
  return {
    'models.list': async () => {
      const listings = await listModelPacks(deps.modelRoots, deps.worker);
      return {
        packs: listings.map((l) => ({
          id: l.id,
          version: l.version,
          source: l.source,
          status: l.status,
          error: l.error,
          task: l.pack?.manifest.task ?? null,
          modality: l.pack?.manifest.modality ?? null,
          license: l.pack?.manifest.license ?? null,
          description: l.pack?.manifest.description ?? null,
          pipeline: l.pack && isPipelinePack(l.pack) ? l.pack.pipeline : null,
          sha256: l.pack?.model.sha256 ?? null,
        })),
      };
    },
    'analysis.run': async ({ volumeId, modelId }, context) => {
      const modelIdUsed = modelId ?? DEFAULT_MODEL_ID;
      const result = await analyzeVolume(deps, volumeId, modelIdUsed, {
        signal: context.signal,
        onProgress: (p) => publish({ type: 'analysis.progress', volumeId, modelId: modelIdUsed, ...p }),
      });
      return { ...result, regions: result.regions.map(withoutMask) };
    },
    'regions.addMeasurement': async ({ volumeId, p1, p2 }) => {
      const region = lengthMeasurementRegion(deps.volumes.describe(volumeId), p1, p2);
      saveRegions(deps.db, null, [region]);
      return withoutMask(region);
    },
    'regions.addRoi': async ({ volumeId, p1, p2 }) => {
      const volume = await deps.volumes.load(volumeId);
      const stats = roiStatistics(volume, p1, p2);
      const region = roiRegion(volume, volumeId, p1, p2, stats);
      saveRegions(deps.db, null, [region]);
      return { region: withoutMask(region), stats: { mean: stats.mean, sd: stats.sd, areaMm2: stats.areaMm2, pixelCount: stats.pixelCount } };
    },
    'regions.addImageShape': async ({ volumeId, k, shape, points }) => {
      const display = seriesDisplay(deps.db, volumeId);
      const image = display.images.find((i) => i.volumeId === volumeId && i.k === k);
      if (!image) throw new RadGroundError('BAD_REQUEST', `volume ${volumeId} has no image ${k}`);
      const result = await imageShapeRegion(deps.volumes, display, image, { volumeId, k, shape, points });
      saveRegions(deps.db, null, [result.region]);
      return { region: withoutMask(result.region), text: result.text, unit: result.measurement.unit, qualifier: result.measurement.qualifier, stats: result.stats };
    },
    'regions.list': async ({ volumeId }) => ({ regions: latestRegionsOfVolume(deps.db, volumeId).map(withoutMask) }),
  };
}
