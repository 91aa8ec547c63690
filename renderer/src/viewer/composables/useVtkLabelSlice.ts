import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import type vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import { watch, type Ref } from 'vue';
import type { SliceCamera } from '../geometry/slice-camera';
import type { LabelEntry } from '../regions/label-lookup';
import { useResliceSlice } from './useResliceSlice';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';
import { createOverlayRenderer } from './viewer-renderer';

export interface LabelSliceInputs {
  image: Ref<vtkImageData | null>;
  labels: Ref<readonly LabelEntry[]>;
  camera: Ref<SliceCamera | null>;
  visible: Ref<boolean>;
  opacity: Ref<number>;
}

/**
 * The regions over one 2D view: an overlay renderer on the view's camera (drawn after the grey
 * image, never hidden by it) with a second reslice of the label volume through the same plane,
 * nearest-neighbour, one color per label value (the legend's) and background transparent.
 */
export function useVtkLabelSlice(ctx: VtkRenderWindowContext, view: vtkRenderer, inputs: LabelSliceInputs): void {
  const renderer = createOverlayRenderer(ctx, view);
  const colors = vtkColorTransferFunction.newInstance();
  const opacityMap = vtkPiecewiseFunction.newInstance();
  ctx.onDispose(() => {
    // after the slice's property, which holds them
    colors.delete();
    opacityMap.delete();
  });
  const redraw = () => ctx.requestRender(view);
  const { actor, property } = useResliceSlice(ctx, renderer, {
    image: inputs.image,
    visible: inputs.visible,
    camera: inputs.camera,
    redraw,
  });
  actor.setPickable(false);
  property.setRGBTransferFunction(0, colors);
  property.setScalarOpacity(0, opacityMap);
  property.setUseLookupTableScalarRange(true);
  property.setInterpolationTypeToNearest();

  watch(
    inputs.labels,
    (labels) => {
      colors.removeAllPoints();
      opacityMap.removeAllPoints();
      colors.addRGBPoint(0, 0, 0, 0);
      opacityMap.addPoint(0, 0);
      const top = Math.max(1, ...labels.map((l) => l.value));
      for (const l of labels) colors.addRGBPoint(l.value, l.color[0] / 255, l.color[1] / 255, l.color[2] / 255);
      opacityMap.addPoint(1, 1);
      opacityMap.addPoint(top, 1);
      redraw();
    },
    { immediate: true },
  );

  watch(
    inputs.opacity,
    (opacity) => {
      property.setOpacity(opacity);
      redraw();
    },
    { immediate: true },
  );
}
