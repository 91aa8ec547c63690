import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkOpenGLTexture from '@kitware/vtk.js/Rendering/OpenGL/Texture';
import { shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { LoadedVolume } from '../vtk/loaded-volume';
import { gridImageData } from '../vtk/grid-image-data';
import { createScalarTexture, releaseScalarTexture, uploadScalarTexture, writeChunkToTexture, writeSlicesToTexture, type ScalarTexture } from '../vtk/streamed-slices';
import type { VolumeStream } from '../vtk/volume-stream';
import type { VoxelArray } from '../../../../electron/shared/imaging/voxel-arrays';
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
 * first upload (`uploadScalarTexture`). While the volume streams in, each chunk goes into the
 * texture (`placeStreamedVoxels`) and `redrawStreamed` is called to draw the views that show it;
 * after the last chunk every view is drawn.
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
      let created: vtkImageData | null = null;
      if (next?.stream && next.stream.placed === null) {
        const placed = placeStreamedVoxels(ctx, next, next.stream, redrawStreamed);
        created = placed.image;
        texture = placed.texture;
        unsubscribe = placed.stop;
      } else if (next?.stream?.placed === 'texture') {
        // Its voxels went to another render window's texture (gone with it): fetch them again.
        next.stream.refetch();
      } else if (next) {
        created = createImageData(next);
        if (!ownUploadDisabled()) {
          // The 3D texture, a few slices at a time, before vtk.js's first draw would upload it whole.
          const made = vtkOpenGLTexture.newInstance() as unknown as ScalarTexture;
          if (uploadScalarTexture(ctx.renderWindow, created, made)) texture = made;
          else (made as unknown as { delete(): void }).delete();
        }
        const image = created;
        if (next.stream) unsubscribe = followStream(ctx, next.stream, redrawStreamed, (k0, k1) => writeSlicesToTexture(ctx.renderWindow, image, k0, k1));
      }
      image.value = created;
      release(previous, previousTexture);
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
 * Places a streamed volume's voxels (`VolumeStream.place`) and returns its image. Where the viewer
 * writes the 3D texture itself as plain floats (`createScalarTexture`: SwiftShader, WebGL without
 * EXT_texture_norm16), the voxels go only there: each chunk is written into the texture as it
 * arrives and dropped, and the image's scalars are an empty array carrying the volume's type and
 * range (all vtk.js's mappers read from them once the texture is registered under their MTime).
 * Should that texture be lost with the WebGL context, the volume is fetched again. Elsewhere (or
 * with `__RADGROUND_VTK_OWN_UPLOAD__`) the voxels are kept whole in the renderer, as vtk.js uploads them.
 */
function placeStreamedVoxels(
  ctx: VtkRenderWindowContext,
  volume: LoadedVolume,
  stream: VolumeStream,
  redrawStreamed: () => void,
): { image: vtkImageData; texture: ScalarTexture | null; stop: () => void } {
  if (!ownUploadDisabled()) {
    const image = createImageData(volume); // over no voxels yet: type and range only
    const texture = vtkOpenGLTexture.newInstance() as unknown as ScalarTexture;
    const gl = createScalarTexture(ctx.renderWindow, image, texture);
    if (gl) {
      const [w, h] = image.getDimensions();
      const stopSlices = followStream(ctx, stream, redrawStreamed, (k0, k1, voxels) => writeChunkToTexture(gl, texture, w, h, k0, k1, voxels));
      // The texture is the only copy of the voxels: if the context goes, so do they.
      const canvas = (ctx.renderWindow.getViews()[0] as unknown as { getCanvas(): HTMLCanvasElement | null }).getCanvas();
      const onLost = () => stream.refetch();
      canvas?.addEventListener('webglcontextlost', onLost);
      const stop = () => {
        stopSlices();
        canvas?.removeEventListener('webglcontextlost', onLost);
      };
      stream.place('texture'); // hands over the chunk already in (written above)
      return { image, texture, stop };
    }
    (texture as unknown as { delete(): void }).delete();
    image.getPointData().getScalars()?.delete();
    image.delete();
  }
  stream.place('whole'); // volume.scalars is now the whole volume's buffer
  const image = createImageData(volume);
  return { image, texture: null, stop: followStream(ctx, stream, redrawStreamed, (k0, k1) => writeSlicesToTexture(ctx.renderWindow, image, k0, k1)) };
}

/**
 * Each chunk streamed in is put into the texture (`write`: its voxels, or the slices marked on the
 * image whose scalars hold them) and the streamed views redrawn; after the last chunk every view is
 * drawn. Returns a function that stops following.
 */
function followStream(ctx: VtkRenderWindowContext, stream: VolumeStream, redrawStreamed: () => void, write: (k0: number, k1: number, voxels: VoxelArray) => void): () => void {
  const redraw = throttledRedraw(redrawStreamed);
  const stop = stream.onSlices((k0, k1, complete, voxels) => {
    write(k0, k1, voxels);
    if (!complete) return redraw.request();
    redraw.cancel();
    ctx.requestRender();
  });
  return () => {
    stop();
    redraw.cancel();
  };
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
