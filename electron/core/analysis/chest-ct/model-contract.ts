/**
 * The contract between the built-in `chest-ct` ONNX graph (written by
 * build/models/generate-chest-ct-model.ts) and the TypeScript post-processing in this folder. The
 * generator reads these constants, so the graph's kernels and the analysis can never disagree.
 *
 * The graph's kernels are fixed initializers sized in voxels, so they mean fixed millimetres only on
 * one grid: the analysis resamples every CT to WORKING_SPACING_MM (along the volume's own i, j, k
 * axes) before running it. 2 x 2 mm in-plane keeps the dense work small (A0001: 512 x 512 x 64 at
 * 0.84 x 0.84 x 5 mm becomes 216 x 216 x 127); 2.5 mm along k keeps thin nodules of 2.5 mm-slice
 * series and is an interpolation of thicker (5 mm) series. Findings are re-measured on the original
 * grid afterwards, so the working grid only has to find them.
 */
export const CHEST_CT_MODEL_ID = 'chest-ct';
export const CHEST_CT_MODEL_VERSION = '1.2.1';
export const CHEST_CT_OPSET = 17;

/** Working grid spacing [i, j, k] in mm. */
export const WORKING_SPACING_MM: readonly [number, number, number] = [2, 2, 2.5];

/** HU window applied first (everything dense is clipped: metal and contrast do not dominate). */
export const HU_CLIP: readonly [number, number] = [-1024, 3071];
/** Gaussian smoothing (sigma, mm) before the tissue thresholds. */
export const MASK_SMOOTHING_SIGMA_MM = 1;
/** Tissue thresholds on the smoothed HU. */
export const BODY_MIN_HU = -500;
export const AIR_MAX_HU = -400;
export const SOLID_MIN_HU = -300;
export const BONE_MIN_HU = 250;
/**
 * Opening (voxels, [k, j, i]: 6 x 6 mm in-plane) that strips clothing, sheets and the table top from
 * the body mask. Small on purpose: a box opening needs a band ~1.4 x its side where the band runs
 * obliquely, and a chest wall must never open (the lungs would leak into the outside air).
 */
export const BODY_OPENING_KERNEL: readonly [number, number, number] = [1, 3, 3];
/** Opening (voxels, [k, j, i]) that detaches vessels (< ~8-10 mm) from large solid lesions. */
export const SOLID_CORE_OPENING_KERNEL: readonly [number, number, number] = [3, 5, 5];

/**
 * Blob filter: HU clipped to [-1000, 100] (so calcium and contrast saturate), shifted by +1000 so
 * that padding reads as air, then Gaussian-smoothed at each scale (cascaded). At each scale sigma
 * the Hessian H (central finite differences, mm units) gives the blobness
 *   sigma^2 * cbrt(-det H)   where H is negative definite (trace < 0, second invariant > 0, det < 0),
 *   0                         elsewhere,
 * i.e. the scale-normalised geometric mean of the three curvatures: bright spheres respond, tubes
 * (one curvature ~ 0) and plates (two ~ 0) barely do. `blobness` is the maximum over scales and
 * `blob_scale` the index of the scale that gave it. A bright sphere of radius r responds most at
 * sigma ~ r / sqrt(3); these scales cover nodules of roughly 4 to 25 mm.
 */
export const BLOB_CLIP_HU: readonly [number, number] = [-1000, 100];
export const BLOB_SCALES_MM: readonly [number, number, number, number] = [1.5, 2.5, 4, 6];

export type ChestCtOutputName = 'body' | 'air' | 'solid' | 'solid_core' | 'bone' | 'blobness' | 'blob_scale';

export interface ChestCtOutputSpec {
  name: ChestCtOutputName;
  dtype: 'uint8' | 'float32';
  /** What each value means (a mask's 1, or the map's units). */
  meaning: string;
  label: string;
  /** SNOMED CT code of the structure the channel approximates, where there is one. */
  snomed: { code: string; meaning: string } | null;
}

export const CHEST_CT_INPUT_NAME = 'hu';

export const CHEST_CT_OUTPUTS: readonly ChestCtOutputSpec[] = [
  {
    name: 'body',
    dtype: 'uint8',
    label: 'body',
    meaning: `1 where smoothed HU > ${BODY_MIN_HU} after a 6 x 6 mm in-plane opening that removes clothing and the table (largest component and hole filling are post-processing)`,
    snomed: { code: '123037004', meaning: 'Body structure' },
  },
  {
    name: 'air',
    dtype: 'uint8',
    label: 'air / aerated lung candidate',
    meaning: `1 where smoothed HU < ${AIR_MAX_HU}: outside air, aerated lung, airways, bowel gas (lungs are selected in post-processing)`,
    snomed: { code: '39607008', meaning: 'Lung structure' },
  },
  {
    name: 'solid',
    dtype: 'uint8',
    label: 'soft tissue or denser',
    meaning: `1 where smoothed HU > ${SOLID_MIN_HU}`,
    snomed: null,
  },
  {
    name: 'solid_core',
    dtype: 'uint8',
    label: 'solid core (opened)',
    meaning: 'solid opened with a 3 x 5 x 5 voxel box (7.5 x 10 x 10 mm): structures thinner than that, such as most vessels, are removed',
    snomed: null,
  },
  {
    name: 'bone',
    dtype: 'uint8',
    label: 'bone',
    meaning: `1 where smoothed HU > ${BONE_MIN_HU}`,
    snomed: { code: '272673000', meaning: 'Bone structure' },
  },
  {
    name: 'blobness',
    dtype: 'float32',
    label: 'blobness',
    meaning: 'multi-scale Hessian blob response (HU-like contrast units, >= 0), maximum over BLOB_SCALES_MM',
    snomed: null,
  },
  {
    name: 'blob_scale',
    dtype: 'uint8',
    label: 'blob scale index',
    meaning: 'index into BLOB_SCALES_MM of the scale giving the maximum blobness',
    snomed: null,
  },
];

/** Codes used for the regions the analysis reports. */
export const SCT = {
  body: { scheme: 'SCT', value: '123037004', meaning: 'Body structure' },
  rightLung: { scheme: 'SCT', value: '3341006', meaning: 'Right lung structure' },
  leftLung: { scheme: 'SCT', value: '44029006', meaning: 'Left lung structure' },
  trachea: { scheme: 'SCT', value: '44567001', meaning: 'Trachea structure' },
  nodule: { scheme: 'SCT', value: '786838002', meaning: 'Nodule of lung' },
  mass: { scheme: 'SCT', value: '309529002', meaning: 'Mass of lung' },
} as const;
