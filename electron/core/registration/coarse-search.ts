/**
 * Exhaustive search of translations around the starting point at the coarsest level, so that a
 * start off by a few centimetres (e.g. lungs covered differently in the two exams) still lands in
 * the basin of the right optimum before gradient ascent.
 */
import type { RegistrationImage } from './registration-image';
import type { SampleSet } from './sample-set';
import { similarity, type RigidParams } from './similarity';

/** Offsets tried per axis (mm): wider along z, where coverage differs most. */
export const SEARCH_OFFSETS_MM: readonly [readonly number[], readonly number[], readonly number[]] = [
  [-16, -8, 0, 8, 16],
  [-16, -8, 0, 8, 16],
  [-48, -40, -32, -24, -16, -8, 0, 8, 16, 24, 32, 40, 48],
];

export function coarseTranslationSearch(samples: SampleSet, moving: RegistrationImage, start: RigidParams): RigidParams {
  let best = { params: start, ncc: similarity(samples, moving, start, false).ncc };
  for (const dz of SEARCH_OFFSETS_MM[2]) {
    for (const dy of SEARCH_OFFSETS_MM[1]) {
      for (const dx of SEARCH_OFFSETS_MM[0]) {
        const params: RigidParams = { translation: [start.translation[0] + dx, start.translation[1] + dy, start.translation[2] + dz], angles: start.angles };
        const ncc = similarity(samples, moving, params, false).ncc;
        if (ncc > best.ncc) best = { params, ncc };
      }
    }
  }
  return best.params;
}
