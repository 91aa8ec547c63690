import vtkPlane from '@kitware/vtk.js/Common/DataModel/Plane';
import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkImageResliceMapper from '@kitware/vtk.js/Rendering/Core/ImageResliceMapper';
import vtkImageSlice from '@kitware/vtk.js/Rendering/Core/ImageSlice';
import type vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import { watch, type Ref } from 'vue';
import { greyMapNodes } from '../display/grey-map';
import { cameraPosition, type SliceCamera } from '../geometry/slice-camera';
import type { ViewportRect } from '../geometry/viewport-layout';
import type { WindowLevel } from '../types';
import { useSliceImageCamera } from './slice-plane-key';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';
import { applyViewport, createViewRenderer } from './viewer-renderer';

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
  const plane = vtkPlane.newInstance();
  const mapper = vtkImageResliceMapper.newInstance();
  mapper.setSlicePlane(plane);
  const actor = vtkImageSlice.newInstance();
  actor.setMapper(mapper);
  const greyMap = vtkColorTransferFunction.newInstance();
  const property = actor.getProperty();
  property.setRGBTransferFunction(0, greyMap);
  property.setUseLookupTableScalarRange(false);
  property.setInterpolationTypeToLinear();
  renderer.addViewProp(actor);

  ctx.onDispose(() => {
    renderer.removeViewProp(actor);
    property.delete();
    actor.delete();
    mapper.delete();
    plane.delete();
    greyMap.delete();
  });

  watch(
    inputs.image,
    (image) => {
      if (image) mapper.setInputData(image);
      actor.setVisibility(!!image);
      ctx.requestRender(renderer);
    },
    { immediate: true },
  );

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

  watch(
    inputs.viewport,
    (rect) => {
      applyViewport(ctx, renderer, rect);
    },
    { immediate: true },
  );

  // Only when this view's image changes (not on every crosshair move).
  watch(
    useSliceImageCamera(inputs.camera),
    (cam) => {
      if (!cam) return;
      plane.setOrigin(...cam.planePoint);
      plane.setNormal(...cam.directionOfProjection);
      const camera = renderer.getActiveCamera();
      camera.setParallelProjection(true);
      camera.setFocalPoint(...cam.focalPoint);
      camera.setPosition(...cameraPosition(cam));
      camera.setViewUp(...cam.viewUp);
      camera.setParallelScale(cam.parallelScale);
      camera.setClippingRange(cam.clippingRange[0], cam.clippingRange[1]);
      ctx.requestRender(renderer);
    },
    { immediate: true },
  );
  return { renderer };
}
