import type { DisplayImage, SeriesDisplay } from '../../shared/api/channels/display-schemas';
import type { Mat3 } from '../volume-assembly/volume';
import { imageRegion, type ImageRegionInput, type ImageRegionResult } from '../regions/image-region';
import type { StudyVolumeService } from './study-volume-service';

/** ITU-R BT.601 luma of 8-bit RGB: the value color ROI statistics are taken of. */
export function luminanceOf(rgb: Uint8Array): Float32Array {
  const out = new Float32Array(rgb.length / 3);
  for (let p = 0; p < out.length; p++) out[p] = 0.299 * rgb[p * 3]! + 0.587 * rgb[p * 3 + 1]! + 0.114 * rgb[p * 3 + 2]!;
  return out;
}

export function isColorDisplay(display: Pick<SeriesDisplay, 'samplesPerPixel' | 'photometricInterpretation'>): boolean {
  return display.samplesPerPixel === 3 || display.photometricInterpretation === 'PALETTE COLOR';
}

/**
 * A shape drawn on a 2D image as a region (`regions.addImageShape`). Grey images measure their stored
 * values; color images are measured in mm/px the same way, and their ROI statistics are of the
 * luminance (BT.601) of the displayed 8-bit RGB, named so in the text ("luminance mean 120, SD 31").
 */
export async function imageShapeRegion(volumes: StudyVolumeService, display: SeriesDisplay, image: DisplayImage, input: ImageRegionInput): Promise<ImageRegionResult> {
  if (!isColorDisplay(display)) return imageRegion(await volumes.load(input.volumeId), image, input);
  const g = volumes.describe(input.volumeId);
  const grid = { ...g, dims: g.dims, spacing: g.spacing, origin: g.origin, direction: g.direction as Mat3 };
  const { rgb } = await volumes.rgbImage(input.volumeId, input.k);
  return imageRegion(grid, image, input, { values: luminanceOf(rgb), name: 'luminance' });
}
