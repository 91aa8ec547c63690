import { renderGrey } from '../projection/grey-render';
import { axisDirection } from '../../../../electron/shared/geometry/grid';
import { ACQUISITION_AXIS } from '../geometry/slice-label';
import { sliceOrientations } from '../geometry/slice-orientation';
import { dot } from '../geometry/vec3';
import type { GridGeometry, SliceViewId, Vec3, WindowLevel } from '../types';
import { scalarRange, type VoxelArray } from '../../../../electron/shared/imaging/voxel-arrays';

/** The one decoded slice shown while the volume streams in (slice k of the acquisition axis). */
export interface FirstImage {
  volumeId: string;
  geometry: GridGeometry & { dims: Vec3 };
  k: number;
  /** dims[0] × dims[1] values, column fastest. */
  pixels: VoxelArray;
  window: WindowLevel;
  invert: boolean;
}

/** The first image as drawn: RGBA in screen order, and its size on screen in mm. */
export interface FirstImageBitmap {
  viewId: SliceViewId;
  width: number;
  height: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
  widthMm: number;
  heightMm: number;
}

/**
 * Windows the slice (DICOM LINEAR VOI, MONOCHROME1 inverted, as the 2D viewer does) and lays it out
 * as the view slicing along the acquisition axis will show it (same orientation rules as the MPR
 * cameras: `sliceOrientations`), so the first image and the MPR view that replaces it match.
 */
export function firstImageBitmap(image: FirstImage): FirstImageBitmap {
  const { geometry: g, pixels } = image;
  const orientations = sliceOrientations(g.direction);
  const viewId = (Object.keys(orientations) as SliceViewId[]).find((v) => orientations[v].sliceAxis === ACQUISITION_AXIS)!;
  const o = orientations[viewId];
  const [cols, rows] = [g.dims[0], g.dims[1]];
  // Screen up is index axis `upAxis` (0 or 1); screen right the other in-plane axis.
  const upAxis = o.upAxis as 0 | 1;
  const rightAxis = (1 - upAxis) as 0 | 1;
  const rightSign = Math.sign(dot(axisDirection(g, rightAxis), o.viewRight)) || 1;
  const downSign = -(Math.sign(dot(axisDirection(g, upAxis), o.viewUp)) || 1);
  const width = g.dims[rightAxis];
  const height = g.dims[upAxis];
  const grey = new Uint8ClampedArray(cols * rows * 4);
  renderGrey(pixels, 0, cols * rows, image.window, image.invert, grey, scalarRange(pixels));
  const rgba = new Uint8ClampedArray(width * height * 4);
  const src32 = new Uint32Array(grey.buffer);
  const dst32 = new Uint32Array(rgba.buffer);
  // Screen (x, y) reads the slice at index `right` along rightAxis and `up` along upAxis, each a
  // step of ±1 per pixel: walk the slice with fixed strides (this runs on the way to the first image).
  const stride = [1, cols] as const;
  const stepX = rightSign * stride[rightAxis];
  const stepY = downSign * stride[upAxis];
  const start = (rightSign > 0 ? 0 : (width - 1) * stride[rightAxis]) + (downSign > 0 ? 0 : (height - 1) * stride[upAxis]);
  for (let y = 0, o = 0, row = start; y < height; y++, row += stepY) {
    for (let x = 0, p = row; x < width; x++, p += stepX) dst32[o++] = src32[p]!;
  }
  return { viewId, width, height, rgba, widthMm: width * g.spacing[rightAxis], heightMm: height * g.spacing[upAxis] };
}
