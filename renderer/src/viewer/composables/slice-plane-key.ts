import { computed, type ComputedRef, type Ref } from 'vue';
import type { SliceCamera } from '../geometry/slice-camera';
import { dot } from '../geometry/vec3';

/**
 * What a 2D view's pixels depend on in its camera: the framing and the slice plane. The plane is
 * its normal and offset, not the crosshair point on it: scrolling the axial view moves the
 * crosshair along the coronal and sagittal planes, which changes neither of their images.
 */
export function slicePlaneKey(cam: SliceCamera): string {
  const n = cam.directionOfProjection;
  return [...cam.focalPoint, ...n, ...cam.viewUp, cam.parallelScale, cam.distance, ...cam.clippingRange, dot(cam.planePoint, n)].map((v) => v.toFixed(6)).join(',');
}

/**
 * The camera, changing only when the view's image would change (same object otherwise), so a
 * crosshair move redraws the one view it slices and leaves the others untouched.
 */
export function useSliceImageCamera(camera: Ref<SliceCamera | null>): ComputedRef<SliceCamera | null> {
  let last: SliceCamera | null = null;
  let lastKey = '';
  return computed(() => {
    const cam = camera.value;
    if (!cam) {
      last = null;
      lastKey = '';
      return null;
    }
    const key = slicePlaneKey(cam);
    if (key !== lastKey) {
      last = cam;
      lastKey = key;
    }
    return last;
  });
}
