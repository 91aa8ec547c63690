/** The study index: what was imported, as patients > studies > series > instances. */
export { indexInstances, type IndexInstancesOptions } from './index-instances';
export {
  listRejectedFiles,
  recordRejectedFiles,
  RejectedFileInputSchema,
  RejectedFilesQuerySchema,
  type RejectedFileInput,
  type RejectedFilesQueryInput,
} from './rejected-files';
export { listStudies } from './list-studies';
export { findPriorStudies, getSeries, getStudy, listSeriesInstances } from './study-queries';
export { WorklistQuerySchema, type WorklistQuery, type WorklistQueryInput } from './worklist-query';
export * from './schemas';
