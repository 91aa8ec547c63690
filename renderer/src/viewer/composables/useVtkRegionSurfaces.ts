import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkImageMarchingCubes, { type ImageMarchingCubes } from '@kitware/vtk.js/Filters/General/ImageMarchingCubes';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import type vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import { watch, type Ref } from 'vue';
import { findingSubVolumes } from '../regions/finding-subvolumes';
import type { LoadedLabelMap } from '../regions/label-lookup';
import type { GridGeometry } from '../types';
import { gridImageData } from '../vtk/grid-image-data';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';
import { createOverlayRenderer } from './viewer-renderer';

interface SurfaceParts {
  image: vtkImageData;
  filter: ImageMarchingCubes;
  mapper: vtkMapper;
  actor: vtkActor;
}

/**
 * The analysis' findings as colored surfaces in the 3D view (marching cubes on each finding's
 * voxels, in the legend color), shown with the Regions overlay; deleted with the render window.
 * They are drawn on an overlay of the 3D view (same camera), so the body never hides them.
 */
export function useVtkRegionSurfaces(
  ctx: VtkRenderWindowContext,
  view: vtkRenderer,
  inputs: { labelMap: Ref<LoadedLabelMap | null>; grid: Ref<GridGeometry | null>; visible: Ref<boolean> },
): void {
  const renderer = createOverlayRenderer(ctx, view);
  let parts: SurfaceParts[] = [];
  const release = () => {
    for (const p of parts) {
      renderer.removeActor(p.actor);
      p.actor.delete();
      p.mapper.delete();
      p.filter.delete();
      p.image.getPointData().getScalars()?.delete();
      p.image.delete();
    }
    parts = [];
  };
  watch(
    [inputs.labelMap, inputs.grid],
    ([map, grid]) => {
      release();
      if (map && grid && map.meta.dims.every((d, i) => d === grid.dims[i])) {
        for (const sub of findingSubVolumes(map, grid)) {
          const image = gridImageData({ dims: sub.dims, spacing: grid.spacing, origin: sub.origin, direction: grid.direction }, sub.data, 'inside');
          const filter = vtkImageMarchingCubes.newInstance({ contourValue: 0.5, computeNormals: true, mergePoints: true });
          filter.setInputData(image);
          const mapper = vtkMapper.newInstance();
          mapper.setInputConnection(filter.getOutputPort());
          const actor = vtkActor.newInstance();
          actor.setMapper(mapper);
          actor.getProperty().setColor(sub.color[0] / 255, sub.color[1] / 255, sub.color[2] / 255);
          actor.setVisibility(inputs.visible.value);
          renderer.addActor(actor);
          parts.push({ image, filter, mapper, actor });
        }
      }
      ctx.requestRender(view);
    },
    { immediate: true },
  );
  watch(inputs.visible, (v) => {
    for (const p of parts) p.actor.setVisibility(v);
    ctx.requestRender(view);
  });
  ctx.onDispose(release);
}
