/**
 * The key image of a grounded sentence: the slice (k plane) of the region's volume through its
 * centroid, windowed (lung window for lung findings, soft tissue otherwise, the volume's own window
 * for non-HU data), shown as radiologists view axial images (patient's right on the left, anterior
 * at the top: axes whose direction points the other way are flipped), with each linked region on
 * that slice outlined just outside its mask (or its voxel box when there is no mask), and the
 * regions' boxes normalised to 0..1 on the image (x right, y down).
 */
import { worldToIndex } from '../../../shared/geometry/grid';
import type { Region } from '../../regions/region';
import type { Volume } from '../../volume-assembly/volume';
import { CONCEPT_GROUP } from '../grounding/lexicon';
import { labelInfo } from '../grounding/region-features';
import { renderKeyImagePixels, renderKeyImagePixelsPng, type KeyImagePixelsInput } from './key-image-pixels';

export const LUNG_WINDOW = { center: -600, width: 1500 } as const;
export const SOFT_TISSUE_WINDOW = { center: 40, width: 400 } as const;

export type NormalisedBox = [number, number, number, number];

export interface KeyImageLayout {
  sliceIndex: number;
  width: number;
  height: number;
  flipX: boolean;
  flipY: boolean;
  window: { center: number; width: number; name: 'lung' | 'soft tissue' | 'volume' };
  /** The regions drawn (those of this volume that reach the slice), primary first. */
  boxes: { regionId: string; box: NormalisedBox }[];
}

function isLungFinding(r: Region): boolean {
  if (r.zone) return true;
  const groups = labelInfo(r.label, r.kind).concepts.map((c) => CONCEPT_GROUP[c]);
  return groups.some((g) => g === 'focal' || g === 'airspace' || g === 'generic');
}

function windowFor(volume: Volume, primary: Region): KeyImageLayout['window'] {
  if (volume.units !== 'HU') {
    const w = volume.defaultWindow ?? { center: 0, width: 0 };
    return { ...w, name: 'volume' };
  }
  return isLungFinding(primary) ? { ...LUNG_WINDOW, name: 'lung' } : { ...SOFT_TISSUE_WINDOW, name: 'soft tissue' };
}

function onVolume(r: Region, volume: Volume, volumeId: string): boolean {
  if (r.volumeId !== volumeId) return false;
  return r.voxelBox.max[0] < volume.dims[0] && r.voxelBox.max[1] < volume.dims[1] && r.voxelBox.max[2] < volume.dims[2];
}

/** Voxel-index extent of a region on slice k: from its mask when it has one, else its voxel box. */
function sliceExtent(r: Region, k: number): [number, number, number, number] | null {
  if (k < r.voxelBox.min[2] || k > r.voxelBox.max[2]) return null;
  if (!r.mask) return [r.voxelBox.min[0], r.voxelBox.min[1], r.voxelBox.max[0], r.voxelBox.max[1]];
  const s = r.mask.slices.find((x) => x.k === k);
  if (!s) return null;
  const w = r.mask.dims[0];
  let i0 = Infinity;
  let j0 = Infinity;
  let i1 = -Infinity;
  let j1 = -Infinity;
  for (let q = 0; q < s.runs.length; q += 2) {
    const start = s.runs[q]!;
    const end = start + s.runs[q + 1]! - 1;
    const ja = Math.floor(start / w);
    const jb = Math.floor(end / w);
    j0 = Math.min(j0, ja);
    j1 = Math.max(j1, jb);
    if (ja === jb) {
      i0 = Math.min(i0, start - ja * w);
      i1 = Math.max(i1, end - jb * w);
    } else {
      i0 = 0;
      i1 = w - 1;
    }
  }
  return [i0, j0, i1, j1];
}

export function keyImageLayout(volume: Volume, volumeId: string, primary: Region, regions: readonly Region[]): KeyImageLayout {
  const [w, h, d] = volume.dims;
  const k = Math.min(d - 1, Math.max(0, Math.round(worldToIndex(volume, primary.centroid)[2])));
  const flipX = volume.direction[0] < 0;
  const flipY = volume.direction[4] < 0;
  const boxes: KeyImageLayout['boxes'] = [];
  for (const r of [primary, ...regions.filter((x) => x.id !== primary.id)]) {
    if (!onVolume(r, volume, volumeId)) continue;
    const e = sliceExtent(r, k);
    if (!e) continue;
    let [i0, j0, i1, j1] = e;
    if (flipX) [i0, i1] = [w - 1 - i1, w - 1 - i0];
    if (flipY) [j0, j1] = [h - 1 - j1, h - 1 - j0];
    const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
    boxes.push({ regionId: r.id, box: [r4(i0 / w), r4(j0 / h), r4((i1 + 1) / w), r4((j1 + 1) / h)] });
  }
  return { sliceIndex: k, width: w, height: h, flipX, flipY, window: windowFor(volume, primary), boxes };
}

/**
 * The pixel input of a key image. With `copySlice`, the slice is a copy of its own (to transfer to a
 * worker); without, a view of the volume's scalars.
 */
export function keyImagePixelsInput(volume: Volume, layout: KeyImageLayout, regions: readonly Region[], copySlice = false): KeyImagePixelsInput {
  const { width: w, height: h, sliceIndex: k } = layout;
  const view = volume.scalars.subarray(k * w * h, (k + 1) * w * h);
  const byId = new Map(regions.map((r) => [r.id, r]));
  const maskRuns = layout.boxes.map(({ regionId }) => {
    const mask = byId.get(regionId)?.mask;
    if (!mask || mask.dims[0] !== w || mask.dims[1] !== h) return null;
    return mask.slices.find((x) => x.k === k)?.runs ?? [];
  });
  return { layout, slice: copySlice ? view.slice() : view, invert: volume.invertForDisplay, maskRuns };
}

/** RGBA pixels of the key image (greyscale slice, windowed, with outlines). */
export function renderKeyImageRgba(volume: Volume, layout: KeyImageLayout, regions: readonly Region[]): Uint8Array {
  return renderKeyImagePixels(keyImagePixelsInput(volume, layout, regions));
}

/** The key image as a PNG, on the calling thread (the evaluation's key images, tests). */
export function renderKeyImagePng(volume: Volume, layout: KeyImageLayout, regions: readonly Region[]): Buffer {
  return renderKeyImagePixelsPng(keyImagePixelsInput(volume, layout, regions));
}
