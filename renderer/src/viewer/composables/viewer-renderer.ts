import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import { watch, type Ref } from 'vue';
import type { ViewportRect } from '../geometry/viewport-layout';
import { toVtkViewport } from '../geometry/viewport-layout';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';

/** Viewport background (near-black, like the reading-room theme). */
export const VIEW_BACKGROUND: [number, number, number] = [0, 0, 0];

/** A renderer added to the shared render window, with its own camera; removed and deleted with it. */
export function createViewRenderer(ctx: VtkRenderWindowContext): vtkRenderer {
  const renderer = vtkRenderer.newInstance();
  renderer.setBackground(...VIEW_BACKGROUND);
  renderer.setDraw(false);
  ctx.renderWindow.addRenderer(renderer);
  ctx.onDispose(() => {
    ctx.renderWindow.removeRenderer(renderer);
    deleteLights(renderer);
    renderer.getActiveCamera().delete();
    renderer.delete();
  });
  return renderer;
}

/** The lights vtk.js creates on first render belong to the renderer's owner too. */
function deleteLights(renderer: vtkRenderer): void {
  const lights = [...renderer.getLights()];
  renderer.removeAllLights();
  for (const light of lights) light.delete();
}

/**
 * A renderer drawn on top of `base` (layer 1: keeps base's color, clears depth, so its props are
 * never hidden by base's volume), sharing base's camera and viewport.
 */
export function createOverlayRenderer(ctx: VtkRenderWindowContext, base: vtkRenderer): vtkRenderer {
  const renderer = vtkRenderer.newInstance();
  renderer.setLayer(1);
  renderer.setPreserveColorBuffer(true);
  renderer.setInteractive(false);
  renderer.setActiveCamera(base.getActiveCamera()); // shared: deleted by base's owner
  renderer.setDraw(false);
  ctx.renderWindow.addRenderer(renderer);
  ctx.linkOverlay(base, renderer);
  ctx.onDispose(() => {
    ctx.renderWindow.removeRenderer(renderer);
    deleteLights(renderer);
    renderer.delete();
  });
  return renderer;
}

/** Keeps a renderer on its view's viewport, and hides it while its view is not in the layout. */
export function followViewport(ctx: VtkRenderWindowContext, renderer: vtkRenderer, viewport: Ref<ViewportRect | null>): void {
  watch(
    viewport,
    (rect) => {
      if (rect) {
        const [x0, y0, x1, y1] = toVtkViewport(rect);
        renderer.setViewport(x0, y0, x1, y1);
      }
      ctx.setRendererVisible(renderer, !!rect);
    },
    { immediate: true },
  );
}
