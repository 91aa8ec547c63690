import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import { shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { LoadedVolume } from '../vtk/loaded-volume';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';

/** Builds a vtkImageData over the voxels (no copy); geometry in LPS mm, vtk.js's own convention. */
export function createImageData(volume: LoadedVolume): vtkImageData {
  const image = vtkImageData.newInstance();
  image.setDimensions([...volume.info.dims]);
  image.setSpacing([...volume.info.spacing]);
  image.setOrigin([...volume.info.origin]);
  // Same convention as the API: direction[0..2] is the i axis (a column of vtk's matrix).
  const d = volume.info.direction;
  image.setDirection(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
  const scalars = vtkDataArray.newInstance({ name: 'scalars', numberOfComponents: 1, values: volume.scalars });
  image.getPointData().setScalars(scalars);
  return image;
}

/**
 * The ONE vtkImageData shared by the three slice views and the 3D view; replaced (and the old one
 * deleted) when the volume changes, deleted with the render window.
 */
export function useVtkImageData(ctx: VtkRenderWindowContext, volume: Ref<LoadedVolume | null>): ShallowRef<vtkImageData | null> {
  const image = shallowRef<vtkImageData | null>(null);
  const release = (img: vtkImageData | null) => {
    img?.getPointData().getScalars()?.delete();
    img?.delete();
  };
  watch(
    volume,
    (next) => {
      const previous = image.value;
      image.value = next ? createImageData(next) : null;
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
