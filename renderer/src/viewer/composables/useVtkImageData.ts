import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkOpenGLTexture from '@kitware/vtk.js/Rendering/OpenGL/Texture';
import { shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { LoadedVolume } from '../vtk/loaded-volume';
import { gridImageData } from '../vtk/grid-image-data';
import { releaseScalarTexture, uploadScalarTexture, writeSlicesToTexture, type ScalarTexture } from '../vtk/streamed-slices';
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
 * deleted) when the volume changes, deleted with the render window. Its 3D texture is built here,
 * a few slices at a time, where vtk.js would otherwise convert the whole volume to Float32 for its
 * first upload (`uploadScalarTexture`). While the volume streams in,
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
  let texture: ScalarTexture | null = null;
  const release = (img: vtkImageData | null, tex: ScalarTexture | null) => {
    if (tex) releaseScalarTexture(ctx.renderWindow, tex);
    (tex as unknown as { delete(): void } | null)?.delete();
    img?.getPointData().getScalars()?.delete();
    img?.delete();
  };
  watch(
    volume,
    (next) => {
      unsubscribe?.();
      unsubscribe = null;
      const previous = image.value;
      const previousTexture = texture;
      texture = null;
      const created = next ? createImageData(next) : null;
      if (created && !ownUploadDisabled()) {
        // The 3D texture, a few slices at a time, before vtk.js's first draw would upload it whole.
        const made = vtkOpenGLTexture.newInstance() as unknown as ScalarTexture;
        if (uploadScalarTexture(ctx.renderWindow, created, made)) texture = made;
        else (made as unknown as { delete(): void }).delete();
      }
      image.value = created;
      release(previous, previousTexture);
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
    release(image.value, texture);
    texture = null;
    image.value = null;
  });
  return image;
}

/**
 * Set `globalThis.__RADGROUND_VTK_OWN_UPLOAD__ = true` to let vtk.js upload each new volume's
 * texture itself, in one piece (the e2e reference the slab-wise upload is compared against).
 */
function ownUploadDisabled(): boolean {
  return (globalThis as { __RADGROUND_VTK_OWN_UPLOAD__?: boolean }).__RADGROUND_VTK_OWN_UPLOAD__ === true;
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
