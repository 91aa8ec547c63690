import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import { shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { LoadedLabelMap } from '../regions/label-lookup';
import type { GridGeometry } from '../types';
import { gridImageData } from '../vtk/grid-image-data';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';

/**
 * The ONE vtkImageData of the regions' label volume (same grid as the grey image), shared by the
 * three label slices; replaced when the label map changes, deleted with the render window. Null
 * when there is no label map or it does not match the open grid.
 */
export function useVtkLabelImage(ctx: VtkRenderWindowContext, labelMap: Ref<LoadedLabelMap | null>, grid: Ref<GridGeometry | null>): ShallowRef<vtkImageData | null> {
  const image = shallowRef<vtkImageData | null>(null);
  const release = (img: vtkImageData | null) => {
    img?.getPointData().getScalars()?.delete();
    img?.delete();
  };
  watch(
    [labelMap, grid],
    ([map, g]) => {
      const previous = image.value;
      const fits = !!map && !!g && map.meta.dims.every((d, i) => d === g.dims[i]) && map.data.length === g.dims[0] * g.dims[1] * g.dims[2];
      image.value = fits ? createLabelImage(map, g) : null;
      release(previous);
    },
    { immediate: true },
  );
  ctx.onDispose(() => {
    release(image.value);
    image.value = null;
  });
  return image;
}

function createLabelImage(map: LoadedLabelMap, g: GridGeometry): vtkImageData {
  return gridImageData(g, map.data, 'labels');
}
