import type { ResponseOf } from '../../shared/api/contract';
import type { Vec3 } from '../../shared/math/vec3';
import { analyzeLoadedVolume, analyzeVolume, DEFAULT_MODEL_ID, type AnalysisOptions, type AnalysisResult } from '../analysis/analyze-volume';
import { latestRegionsOfVolume } from '../analysis/latest-regions';
import { compareStudies, nudgeRegistration, repairLesions, storedStudyComparison, type CompareDeps, type StudyComparison } from '../comparison/compare-studies';
import { RadGroundError } from '../errors/radground-error';
import { runEvaluation, type EvaluationRun, type RunEvaluationOptions } from '../evaluation';
import { isPipelinePack, listModelPacks, onnxFileInspector } from '../inference';
import { buildLabelMap, type LabelMap } from '../regions/label-map';
import { lengthMeasurementRegion } from '../regions/measurement-region';
import type { Region } from '../regions/region';
import { saveRegions } from '../regions/region-repository';
import { roiRegion, roiStatistics, type RoiStatistics } from '../regions/roi-statistics';
import type { RegisterPairOptions } from '../registration/register-volume-pair';
import type { ImageRegionInput, ImageRegionResult } from '../regions/image-region';
import { imageShapeRegion } from '../study-volumes/image-shape-region';
import { seriesDisplay } from '../study-volumes/series-display';
import { readNiftiVolume } from '../volume-assembly';
import type { Volume } from '../volume-assembly/volume';

/**
 * Model packs, analyses and the regions they find, the reader's measurements (saved as regions),
 * the label map, comparisons with a prior (registration and tracked findings) and evaluations.
 */
export interface AnalysisService {
  models(): Promise<ResponseOf<'models.list'>>;
  /** Runs a pack (default chest-ct) on an indexed volume. */
  run(volumeId: string, modelId?: string | null, options?: AnalysisOptions): Promise<AnalysisResult>;
  /** Runs a pack on a NIfTI file (not indexed: its regions have no volume id). */
  runOnNifti(path: string, modelId?: string | null, modality?: string): Promise<{ volume: Volume; result: AnalysisResult }>;
  regions(volumeId: string, options?: { includeMasks?: boolean }): Region[];
  addMeasurement(volumeId: string, p1: Vec3, p2: Vec3): Region;
  addRoi(volumeId: string, p1: Vec3, p2: Vec3): Promise<{ region: Region; stats: RoiStatistics }>;
  addImageShape(input: ImageRegionInput): Promise<ImageRegionResult>;
  labelMap(volumeId: string): LabelMap;
  compare(currentStudyInstanceUid: string, priorStudyInstanceUid: string, options?: RegisterPairOptions): Promise<StudyComparison>;
  storedComparison(currentStudyInstanceUid: string, priorStudyInstanceUid: string): StudyComparison | null;
  nudge(registrationId: string, translationMm: Vec3): StudyComparison;
  repair(registrationId: string, currentRegionId: string, priorRegionId: string, action: 'pair' | 'unpair' | 'reset'): StudyComparison;
  evaluate(manifestPath: string, options?: RunEvaluationOptions): Promise<EvaluationRun>;
}

export function createAnalysisService(deps: CompareDeps): AnalysisService {
  return {
    async models() {
      // Read from the model files: listing the packs loads no onnxruntime (an analysis run does).
      const listings = await listModelPacks(deps.modelRoots, onnxFileInspector);
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
    run: (volumeId, modelId, options) => analyzeVolume(deps, volumeId, modelId ?? DEFAULT_MODEL_ID, options),
    async runOnNifti(path, modelId, modality) {
      const id = modelId ?? DEFAULT_MODEL_ID;
      const volume = await readNiftiVolume(path, { modality: modality ?? (id === DEFAULT_MODEL_ID ? 'CT' : undefined) });
      return { volume, result: await analyzeLoadedVolume(deps, volume, null, id) };
    },
    regions: (volumeId, options) => latestRegionsOfVolume(deps.db, volumeId, options),
    addMeasurement(volumeId, p1, p2) {
      const region = lengthMeasurementRegion(deps.volumes.describe(volumeId), p1, p2);
      saveRegions(deps.db, null, [region]);
      return region;
    },
    async addRoi(volumeId, p1, p2) {
      const volume = await deps.volumes.load(volumeId);
      const stats = roiStatistics(volume, p1, p2);
      const region = roiRegion(volume, volumeId, p1, p2, stats);
      saveRegions(deps.db, null, [region]);
      return { region, stats };
    },
    async addImageShape(input) {
      const display = seriesDisplay(deps.db, input.volumeId);
      const image = display.images.find((i) => i.volumeId === input.volumeId && i.k === input.k);
      if (!image) throw new RadGroundError('BAD_REQUEST', `volume ${input.volumeId} has no image ${input.k}`);
      const result = await imageShapeRegion(deps.volumes, display, image, input);
      saveRegions(deps.db, null, [result.region]);
      return result;
    },
    labelMap(volumeId) {
      const { dims } = deps.volumes.describe(volumeId);
      return buildLabelMap(latestRegionsOfVolume(deps.db, volumeId, { includeMasks: true }), dims);
    },
    compare: (current, prior, options) => compareStudies(deps, current, prior, options),
    storedComparison: (current, prior) => storedStudyComparison(deps, current, prior),
    nudge: (registrationId, translationMm) => nudgeRegistration(deps, registrationId, translationMm),
    repair: (registrationId, currentRegionId, priorRegionId, action) => repairLesions(deps, registrationId, currentRegionId, priorRegionId, action),
    evaluate: (manifestPath, options) => runEvaluation({ db: deps.db, worker: deps.worker, modelRoots: deps.modelRoots }, manifestPath, options),
  };
}
