/**
 * Matching rules between annotated lesions and finding regions:
 *  - a finding FINDS a lesion when its mask (RLE on the volume grid) contains the voxel of the
 *    lesion's centre, or its world box overlaps the lesion's world box with 3D IoU >= 0.1;
 *  - among several, the match is the one containing the centre, then the highest IoU;
 *  - lesion-type findings (nodule, mass, consolidation: the lexicon's focal, airspace and generic
 *    concept groups) that match no annotated lesion of ANY size or reader count (by that rule, or
 *    with their centroid inside the lesion's voxels) are false positives;
 *    other findings (e.g. lung volume asymmetry) are listed apart and never counted.
 */
import { worldToIndex } from '../../shared/geometry/grid';
import type { Vec3 } from '../geometry/vec3';
import type { Box3, Region, RegionMask } from '../regions/region';
import { CONCEPT_GROUP } from '../reports/grounding/lexicon';
import { labelInfo } from '../reports/grounding/region-features';
import type { Volume } from '../volume-assembly/volume';
import type { ReferenceLesion } from './reference-lesions';

export const MIN_MATCH_IOU = 0.1;

/** Whether voxel (i, j, k) is in the mask. */
export function maskContains(mask: RegionMask, ijk: Vec3): boolean {
  const [i, j, k] = ijk;
  const [nx, ny, nz] = mask.dims;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return false;
  const slice = mask.slices.find((s) => s.k === k);
  if (!slice) return false;
  const p = j * nx + i;
  for (let r = 0; r < slice.runs.length; r += 2) {
    const start = slice.runs[r]!;
    if (p >= start && p < start + slice.runs[r + 1]!) return true;
  }
  return false;
}

/** Intersection over union of two world boxes (volume of each box: product of its extents). */
export function worldBoxIou(a: Box3, b: Box3): number {
  let inter = 1;
  for (let d = 0; d < 3; d++) inter *= Math.max(0, Math.min(a.max[d]!, b.max[d]!) - Math.max(a.min[d]!, b.min[d]!));
  const vol = (x: Box3) => (x.max[0] - x.min[0]) * (x.max[1] - x.min[1]) * (x.max[2] - x.min[2]);
  const union = vol(a) + vol(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** Whether a region's mask contains a world point (false for a mask on another grid or none). */
export function regionContainsPoint(region: Region, volume: Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>, point: Vec3): boolean {
  const m = region.mask;
  if (!m || m.dims[0] !== volume.dims[0] || m.dims[1] !== volume.dims[1] || m.dims[2] !== volume.dims[2]) return false;
  const idx = worldToIndex(volume, point);
  return maskContains(m, [Math.round(idx[0]), Math.round(idx[1]), Math.round(idx[2])]);
}

export interface LesionMatch {
  region: Region;
  centreInMask: boolean;
  iou: number;
}

/** The finding that finds this lesion, or null. */
export function matchLesion(lesion: Pick<ReferenceLesion, 'centre' | 'worldBox'>, findings: readonly Region[], volume: Volume): LesionMatch | null {
  let best: LesionMatch | null = null;
  for (const region of findings) {
    const centreInMask = regionContainsPoint(region, volume, lesion.centre);
    const iou = worldBoxIou(region.worldBox, lesion.worldBox);
    if (!centreInMask && iou < MIN_MATCH_IOU) continue;
    const better = !best || (centreInMask && !best.centreInMask) || (centreInMask === best.centreInMask && iou > best.iou);
    if (better) best = { region, centreInMask, iou };
  }
  return best;
}

/** Findings that claim a lesion (nodule, mass, consolidation...), as opposed to e.g. lung volume asymmetry. */
export function isLesionFinding(region: Region): boolean {
  if (region.kind !== 'finding') return false;
  return labelInfo(region.label, region.kind).concepts.some((c) => {
    const g = CONCEPT_GROUP[c];
    return g === 'focal' || g === 'airspace' || g === 'generic';
  });
}

/**
 * Whether a finding is explained by any of the lesions: the matchLesion rule, or the finding's
 * centroid inside the lesion's voxels (a small finding on part of a large lesion).
 */
export function matchesAnyLesion(region: Region, lesions: readonly Pick<ReferenceLesion, 'centre' | 'worldBox' | 'mask'>[], volume: Volume): boolean {
  return lesions.some((l) => {
    if (regionContainsPoint(region, volume, l.centre) || worldBoxIou(region.worldBox, l.worldBox) >= MIN_MATCH_IOU) return true;
    const idx = worldToIndex(volume, region.centroid);
    return maskContains(l.mask, [Math.round(idx[0]), Math.round(idx[1]), Math.round(idx[2])]);
  });
}
