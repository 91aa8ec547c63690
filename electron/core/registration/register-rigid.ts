/**
 * Image-based rigid registration of a prior CT to the current one (both in patient LPS mm):
 *
 * 1. pyramid: both volumes resampled along their own axes to 2, 4 and 8 mm, HU clipped to CLIP_HU;
 * 2. start: translation that aligns the centroids of the lungs (air inside the body; the body when
 *    there is too little air), then a coarse search of translations around it at 8 mm;
 * 3. multi-resolution regular-step gradient ascent of the normalised cross-correlation (NCC) over
 *    rotation + translation, on samples of the current image inside its body mask, 8 -> 4 -> 2 mm.
 *
 * The result maps PRIOR patient coordinates to CURRENT ones; `quality` is the final NCC.
 */
import type { Vec3 } from '../geometry';
import { bodyMask, lungMask, maskCentroid, similarityMask } from './body-masks';
import { coarseTranslationSearch } from './coarse-search';
import { optimizeRigid } from './optimize-rigid';
import { coarsen, resampleForRegistration, type RegistrationImage, type VolumeLike } from './registration-image';
import { eulerRotation, identityTransform, invertTransform, transformAboutCentre, type RigidTransform } from './rigid-transform';
import { sampleSet } from './sample-set';
import { similarity, type RigidParams } from './similarity';

export interface PyramidLevel {
  spacingMm: number;
  initialStepMm: number;
  minStepMm: number;
  maxIterations: number;
  maxSamples: number;
}

export const PYRAMID: readonly PyramidLevel[] = [
  { spacingMm: 8, initialStepMm: 4, minStepMm: 0.5, maxIterations: 80, maxSamples: 60_000 },
  { spacingMm: 4, initialStepMm: 2, minStepMm: 0.25, maxIterations: 60, maxSamples: 120_000 },
  { spacingMm: 2, initialStepMm: 1, minStepMm: 0.05, maxIterations: 60, maxSamples: 150_000 },
];

/** Lungs smaller than this (mL at 8 mm) do not anchor the start: the body centroid does. */
const MIN_LUNG_ML = 300;

export interface LevelReport {
  spacingMm: number;
  samples: number;
  ncc: number;
  iterations: number;
}

export interface RigidRegistration {
  /** PRIOR patient coordinates -> CURRENT patient coordinates. */
  transform: RigidTransform;
  /** Final NCC at the finest level, in [-1, 1]. */
  quality: number;
  /** What the start aligned ('lungs' or 'body') and the translation it gave (prior -> current); null: no search. */
  start: { anchor: 'lungs' | 'body'; translationMm: Vec3 } | null;
  levels: LevelReport[];
}

function pyramidOf(volume: VolumeLike): RegistrationImage[] {
  const images: RegistrationImage[] = [];
  for (let l = PYRAMID.length - 1; l >= 0; l--) {
    const spacing = PYRAMID[l]!.spacingMm;
    images.unshift(images.length === 0 ? resampleForRegistration(volume, spacing) : coarsen(images[0]!, spacing));
  }
  return images;
}

function anchorOf(image: RegistrationImage): { anchor: 'lungs' | 'body'; centroid: Vec3 } {
  const body = bodyMask(image);
  const lungs = maskCentroid(lungMask(image, body), image);
  if (lungs && lungs.volumeMl >= MIN_LUNG_ML) return { anchor: 'lungs', centroid: lungs.centroid };
  const whole = maskCentroid(body, image);
  if (!whole) throw new Error('registration: no body found in the image');
  return { anchor: 'body', centroid: whole.centroid };
}

export function registerRigid(current: VolumeLike, prior: VolumeLike): RigidRegistration {
  const fixed = pyramidOf(current);
  const moving = pyramidOf(prior);
  const fixedAnchor = anchorOf(fixed[0]!);
  const movingAnchor = anchorOf(moving[0]!);
  const anchor = fixedAnchor.anchor === 'lungs' && movingAnchor.anchor === 'lungs' ? 'lungs' : 'body';
  const a = anchor === fixedAnchor.anchor ? fixedAnchor.centroid : maskCentroid(bodyMask(fixed[0]!), fixed[0]!)!.centroid;
  const b = anchor === movingAnchor.anchor ? movingAnchor.centroid : maskCentroid(bodyMask(moving[0]!), moving[0]!)!.centroid;
  const centre = a;
  let params: RigidParams = { translation: [b[0] - a[0], b[1] - a[1], b[2] - a[2]], angles: [0, 0, 0] };
  const startTranslation: Vec3 = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  const levels: LevelReport[] = [];
  let quality = -1;
  PYRAMID.forEach((level, l) => {
    const image = fixed[l]!;
    const samples = sampleSet(image, similarityMask(bodyMask(image), image), centre, level.maxSamples);
    if (l === 0) params = coarseTranslationSearch(samples, moving[l]!, params);
    const result = optimizeRigid(samples, moving[l]!, params, level);
    params = result.params;
    quality = result.ncc;
    levels.push({ spacingMm: level.spacingMm, samples: samples.values.length, ncc: result.ncc, iterations: result.iterations });
  });
  const currentToPrior = transformAboutCentre(eulerRotation(params.angles), centre, params.translation);
  return { transform: invertTransform(currentToPrior), quality, start: { anchor, translationMm: startTranslation }, levels };
}

/** Spacing at which an alignment that is not searched (same frame of reference) is scored. */
export const SCORE_SPACING_MM = 4;

/** No search: how well the two volumes agree where their patient coordinates coincide (NCC at 4 mm). */
export function identityAlignment(current: VolumeLike, prior: VolumeLike): RigidRegistration {
  const fixed = resampleForRegistration(current, SCORE_SPACING_MM);
  const moving = resampleForRegistration(prior, SCORE_SPACING_MM);
  const body = bodyMask(fixed);
  const centre = maskCentroid(body, fixed)?.centroid ?? [0, 0, 0];
  const samples = sampleSet(fixed, similarityMask(body, fixed), centre, PYRAMID[1]!.maxSamples);
  const ncc = similarity(samples, moving, { translation: [0, 0, 0], angles: [0, 0, 0] }, false).ncc;
  return { transform: identityTransform(), quality: ncc, start: null, levels: [{ spacingMm: SCORE_SPACING_MM, samples: samples.values.length, ncc, iterations: 0 }] };
}
