/**
 * Binary-mask helpers of the analysis: one implementation each lives in electron/core/imaging
 * (connected components, hole filling, geodesic growth, box erosion/dilation); re-exported here.
 */
export { componentMask, label3d, largestComponent, neighbourCodes, type Components } from '../../imaging/connected-components';
export { boxFilter, fillHolesPerSlice, geodesicGrow } from '../../imaging/mask-ops';
