export * from './pack-manifest';
export { isPipelinePack, type ModelPack, type PipelinePack, type PackFile, type ModelPackListing, type PackStatus } from './model-pack';
export { loadModelPack, loadAnyModelPack, readPackManifest, readAnyPackManifest, parsePackManifest, MANIFEST_FILE, type ModelInspector } from './load-model-pack';
export { listModelPacks, checkModelPack, pickModelPack, pickAnyModelPack, userModelsDir, type ModelPackRoots } from './list-model-packs';
export { inputProblems, modelIoProblems } from './check-model-io';
export { onnxFileInspector } from './onnx-file-inspector';
export { readOnnxModelIo } from './onnx-io-reader';
export { sha256File } from './sha256-file';
export { defaultExecutionProviders, providerOrder, type ExecutionProviderName } from './execution-providers';
export { InferenceWorker, resolveOrtModulePath, defaultIntraOpThreads, type InferenceWorkerOptions, type WorkerProgress } from './inference-worker';
export {
  runSegmentationPack,
  sessionKeyOf,
  type RunSegmentationOptions,
  type SegmentationResult,
  type SegmentationTimings,
  type InferenceProgress,
} from './run-segmentation-pack';
export { buildSegmentPlan } from './segment-plan';
export { orientationPermutation } from './orientation';
export { labelsOfPack, regionOptionsOfPack } from './pack-labels';
export { segmentAndRecord, type SegmentAndRecordOptions, type SegmentAndRecordResult } from './segment-and-record';
export {
  recordModelRun,
  finishModelRun,
  getModelRun,
  listModelRuns,
  type ModelRun,
  type ModelRunStart,
  type ModelRunFinish,
  type ModelRunStatus,
} from './model-run-repository';
export type { ModelIo, TensorInfo, ProviderAttempt } from './worker/protocol';
