export type { Region, RegionKind, Laterality, Box3, RegionCode, RegionMask } from './region';
export { regionsFromLabelVolume, type LabelSpec, type RegionsFromLabelsOptions } from './regions-from-label-volume';
export { forEachComponent, forEachLabelValue, type Connectivity, type LabelArray } from '../imaging/connected-components';
export { longestAxialDiameterMm, axialAxisOf, convexHull2d } from './axial-diameter';
export { lateralityOf } from './laterality';
export { maskFromSortedIndices, maskToIndices, maskVoxelCount, paintMask } from './region-mask';
export { encodeRegionMask, decodeRegionMask } from './region-mask-codec';
export { saveRegions, listRegions, getRegion, deleteRegionsOfRun, type RegionQuery } from './region-repository';
