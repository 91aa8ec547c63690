import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import type vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import { watch, type Ref } from 'vue';
import { greyMapNodes } from '../display/grey-map';
import { cameraPosition, type SliceCamera } from '../geometry/slice-camera';
import type { ViewportRect } from '../geometry/viewport-layout';
import type { WindowLevel } from '../types';
import { useResliceSlice } from './useResliceSlice';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';
import { createViewRenderer, followViewport } from './viewer-renderer';

export interface ImageSliceInputs {
  image: Ref<vtkImageData | null>;
  camera: Ref<SliceCamera | null>;
  viewport: Ref<ViewportRect | null>;
  windowLevel: Ref<WindowLevel>;
  invert: Ref<boolean>;
}

/**
 * One 2D view: a renderer, a vtkImageResliceMapper cutting the shared image with a plane through
 * the crosshair (normal = the camera's DOP, an index axis of the volume), a grey map (inverted for
 * MONOCHROME1) windowed by W/L, and a parallel camera placed exactly as `SliceCamera` says, so the
 * SVG overlays computed from the same camera line up with the pixels.
 */
export function useVtkImageSlice(ctx: VtkRenderWindowContext, inputs: ImageSliceInputs): { renderer: vtkRenderer } {
  const renderer = createViewRenderer(ctx);
  const greyMap = vtkColorTransferFunction.newInstance();
  ctx.onDispose(() => greyMap.delete()); // after the slice's property, which holds it
  const { property } = useResliceSlice(ctx, renderer, {
    image: inputs.image,
    camera: inputs.camera,
    onPlane: (cam) => {
      const camera = renderer.getActiveCamera();
      camera.setParallelProjection(true);
      camera.setFocalPoint(...cam.focalPoint);
      camera.setPosition(...cameraPosition(cam));
      camera.setViewUp(...cam.viewUp);
      camera.setParallelScale(cam.parallelScale);
      camera.setClippingRange(cam.clippingRange[0], cam.clippingRange[1]);
    },
    redraw: () => ctx.requestRender(renderer),
  });
  property.setRGBTransferFunction(0, greyMap);
  property.setUseLookupTableScalarRange(false);
  property.setInterpolationTypeToLinear();

  watch(
    inputs.invert,
    (invert) => {
      greyMap.removeAllPoints();
      for (const [x, r, g, b] of greyMapNodes(invert)) greyMap.addRGBPoint(x, r, g, b);
      ctx.requestRender(renderer);
    },
    { immediate: true },
  );

  watch(
    inputs.windowLevel,
    (wl) => {
      property.setColorWindow(wl.width);
      property.setColorLevel(wl.center);
      ctx.requestRender(renderer);
    },
    { immediate: true },
  );

  followViewport(ctx, renderer, inputs.viewport);

  return { renderer };
}
