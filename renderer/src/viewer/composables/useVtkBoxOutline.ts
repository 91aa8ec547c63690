import vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import type vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import { watch, type Ref } from 'vue';
import { boxEdges } from '../geometry/box-slice';
import type { WorldBox } from '../types';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';
import { createOverlayRenderer } from './viewer-renderer';

/** Highlight color (matches the 2D overlays' --viewer-highlight). */
export const HIGHLIGHT_RGB: [number, number, number] = [1, 0.8, 0.1];

/**
 * The outline (12 edges) of a world box over a view (an overlay renderer on its camera, so the
 * outline stays visible through the volume rendering); hidden when the box is null.
 */
export function useVtkBoxOutline(ctx: VtkRenderWindowContext, view: vtkRenderer, box: Ref<WorldBox | null>): void {
  const renderer = createOverlayRenderer(ctx, view);
  const polyData = vtkPolyData.newInstance();
  const mapper = vtkMapper.newInstance();
  mapper.setInputData(polyData);
  const actor = vtkActor.newInstance();
  actor.setMapper(mapper);
  const property = actor.getProperty();
  property.setColor(...HIGHLIGHT_RGB);
  property.setLighting(false);
  property.setLineWidth(2);
  actor.setPickable(false);
  renderer.addActor(actor);

  ctx.onDispose(() => {
    renderer.removeActor(actor);
    property.delete();
    actor.delete();
    mapper.delete();
    polyData.delete();
  });

  watch(
    box,
    (b) => {
      actor.setVisibility(!!b);
      if (b) {
        const edges = boxEdges(b);
        const points = new Float32Array(edges.length * 6);
        const lines = new Uint32Array(edges.length * 3);
        edges.forEach(([p, q], n) => {
          points.set([...p, ...q], n * 6);
          lines.set([2, 2 * n, 2 * n + 1], n * 3);
        });
        polyData.getPoints().setData(points, 3);
        polyData.getLines().setData(lines);
        polyData.modified();
      }
      ctx.requestRender(renderer);
    },
    { immediate: true },
  );
}
