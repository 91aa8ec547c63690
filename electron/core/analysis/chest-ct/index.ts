/**
 * Built-in chest CT analysis (model pack `chest-ct`): body, airways, lungs, lung zones and lung
 * nodules / masses as Regions. See analyze-chest-ct.ts for the pipeline and model-contract.ts for
 * the graph's contract.
 */
export {
  analyzeChestCt,
  type AnalyzeChestCtOptions,
  type ChestCtAnalysis,
  type ChestCtDiagnostics,
  type ChestCtTimings,
} from './analyze-chest-ct';
export {
  ortGraphRunner,
  checkGraphOutputs,
  type ChestCtGraphRunner,
  type ChestCtGraphOutputs,
  type GraphTensorLike,
  type OrtSessionGraph,
  type OrtSessionLike,
  type OrtTensorConstructor,
} from './graph-runner';
export type { CandidateReport } from './findings';
export type { FindingFeatures } from './finding-rules';
export {
  CHEST_CT_MODEL_ID,
  CHEST_CT_MODEL_VERSION,
  CHEST_CT_INPUT_NAME,
  CHEST_CT_OUTPUTS,
  WORKING_SPACING_MM,
  BLOB_SCALES_MM,
} from './model-contract';
