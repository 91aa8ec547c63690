import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import { shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { LoadedVolume } from '../vtk/loaded-volume';
import { gridImageData } from '../vtk/grid-image-data';
import { writeSlicesToTexture } from '../vtk/streamed-slices';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';

/** Builds a vtkImageData over the voxels (no copy); geometry in LPS mm, vtk.js's own convention. */
export function createImageData(volume: LoadedVolume): vtkImageData {
  const image = gridImageData(volume.info, volume.scalars, 'scalars');
  // A streaming volume is mostly zeros at first: give vtk.js the whole volume's range (what it
  // would compute from the complete array), so its texture is set up as for the complete volume.
  if (volume.stream) image.getPointData().getScalars().setRange({ min: volume.info.scalarRange[0], max: volume.info.scalarRange[1] }, 0);
  return image;
}

/**
 * The ONE vtkImageData shared by the three slice views and the 3D view; replaced (and the old one
 * deleted) when the volume changes, deleted with the render window. While the volume streams in,
 * each chunk written into its scalars is marked on the image (only those slices are uploaded) and
 * `redrawStreamed` is called to draw the views that show it; after the last chunk every view is drawn.
 */
export function useVtkImageData(
  ctx: VtkRenderWindowContext,
  volume: Ref<LoadedVolume | null>,
  redrawStreamed: () => void = () => ctx.requestRender(),
): ShallowRef<vtkImageData | null> {
  const image = shallowRef<vtkImageData | null>(null);
  let unsubscribe: (() => void) | null = null;
  const release = (img: vtkImageData | null) => {
    img?.getPointData().getScalars()?.delete();
    img?.delete();
  };
  watch(
    volume,
    (next) => {
      unsubscribe?.();
      unsubscribe = null;
      const previous = image.value;
      const created = next ? createImageData(next) : null;
      image.value = created;
      release(previous);
      if (created && next?.stream) {
        const redraw = throttledRedraw(redrawStreamed);
        const stop = next.stream.onSlices((k0, k1, complete) => {
          writeSlicesToTexture(ctx.renderWindow, created, k0, k1);
          if (!complete) return redraw.request();
          redraw.cancel();
          ctx.requestRender();
        });
        unsubscribe = () => {
          stop();
          redraw.cancel();
        };
      }
    },
    { immediate: true },
  );
  ctx.onDispose(() => {
    unsubscribe?.();
    release(image.value);
    image.value = null;
  });
  return image;
}

/**
 * Streamed frames at most every STREAM_REDRAW_MS (the last request is never dropped): with software
 * WebGL a frame of the 2D views costs ~0.1-0.3 s, and chunks arrive faster than that.
 */
const STREAM_REDRAW_MS = 400;

function throttledRedraw(redraw: () => void): { request(): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = performance.now();
    redraw();
  };
  return {
    request: () => {
      if (timer) return;
      const wait = STREAM_REDRAW_MS - (performance.now() - last);
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
