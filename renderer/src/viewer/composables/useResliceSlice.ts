import vtkPlane from '@kitware/vtk.js/Common/DataModel/Plane';
import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type vtkImageProperty from '@kitware/vtk.js/Rendering/Core/ImageProperty';
import vtkImageResliceMapper from '@kitware/vtk.js/Rendering/Core/ImageResliceMapper';
import vtkImageSlice from '@kitware/vtk.js/Rendering/Core/ImageSlice';
import type vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import { watch, type Ref } from 'vue';
import type { SliceCamera } from '../geometry/slice-camera';
import { useSliceImageCamera } from './slice-plane-key';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';

export interface ResliceSliceInputs {
  /** The image cut by the plane; the slice is hidden while there is none. */
  image: Ref<vtkImageData | null>;
  /** Hides the slice while false (always shown when absent). */
  visible?: Ref<boolean>;
  /** The view's camera: the plane goes through its plane point, normal to its direction of projection. */
  camera: Ref<SliceCamera | null>;
  /** Runs when the plane has moved, before the redraw (e.g. to place the view's vtk.js camera). */
  onPlane?: (cam: SliceCamera) => void;
  /** Schedules the frame that shows a change. */
  redraw: () => void;
}

export interface ResliceSlice {
  actor: vtkImageSlice;
  property: vtkImageProperty;
}

/**
 * One image cut through a 2D view's slice plane, in `renderer`: a vtkImageResliceMapper on a
 * vtkPlane, in a vtkImageSlice actor whose property the caller sets up (colors, window, opacity,
 * interpolation). The plane follows the view's camera, and moves only when the view's image would
 * change (not on every crosshair move). The actor, its property, the mapper and the plane are
 * removed and deleted when the stage is disposed.
 */
export function useResliceSlice(ctx: VtkRenderWindowContext, renderer: vtkRenderer, inputs: ResliceSliceInputs): ResliceSlice {
  const plane = vtkPlane.newInstance();
  const mapper = vtkImageResliceMapper.newInstance();
  mapper.setSlicePlane(plane);
  const actor = vtkImageSlice.newInstance();
  actor.setMapper(mapper);
  const property = actor.getProperty();
  renderer.addViewProp(actor);

  ctx.onDispose(() => {
    renderer.removeViewProp(actor);
    property.delete();
    actor.delete();
    mapper.delete();
    plane.delete();
  });

  const { visible } = inputs;
  watch(
    [inputs.image, () => visible?.value ?? true],
    ([image, shown]) => {
      if (image) mapper.setInputData(image);
      actor.setVisibility(!!image && shown);
      inputs.redraw();
    },
    { immediate: true },
  );

  watch(
    useSliceImageCamera(inputs.camera),
    (cam) => {
      if (!cam) return;
      plane.setOrigin(...cam.planePoint);
      plane.setNormal(...cam.directionOfProjection);
      inputs.onPlane?.(cam);
      inputs.redraw();
    },
    { immediate: true },
  );

  return { actor, property };
}
