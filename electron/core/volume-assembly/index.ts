export type { Volume, VolumeScalars, Mat3 } from './volume';
export { groupSeriesStacks, type SeriesStack } from './series-grouping';
export { buildDicomVolume, type FrameLoader, type BuildDicomVolumeOptions } from './build-dicom-volume';
export { planDicomStack, type StackPlan, type PlannedSlice, type OutputSlicePlan } from './stack-plan';
export { sliceSourcesOf, type SliceSource } from './dicom-slices';
export { readNiftiVolume, parseNiftiVolume, niftiVolumeFromBuffer, type ReadNiftiOptions } from './nifti';
