import '../vtk/rendering-profiles';
import vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow';
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow';
import type vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import vtkRenderWindowInteractor from '@kitware/vtk.js/Rendering/Core/RenderWindowInteractor';
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export interface VtkRenderWindowContext {
  renderWindow: vtkRenderWindow;
  /** Container size in CSS px (0 until mounted). */
  size: Ref<{ width: number; height: number }>;
  /**
   * Schedules one render on the next animation frame (coalesced; never a render loop). With a
   * renderer, only that view is redrawn (the others keep their pixels); without, all are.
   */
  requestRender(renderer?: vtkRenderer): void;
  /** Shows or hides a view's renderer (hidden ones are never drawn). Redraws everything. */
  setRendererVisible(renderer: vtkRenderer, visible: boolean): void;
  /**
   * Makes `overlay` (a renderer on layer 1, drawn over `base` without clearing its color) follow
   * `base`: same viewport and visibility, and redrawn together with it in every frame.
   */
  linkOverlay(base: vtkRenderer, overlay: vtkRenderer): void;
  /** Registers a cleanup, run (last registered first) before the render window is deleted. */
  onDispose(cleanup: () => void): void;
  /** Number of renders done (for diagnostics and tests). */
  renderCount: Ref<number>;
}

/**
 * Owns the ONE vtk.js render window of the viewer (one canvas, one WebGL2 context shared by all
 * four views as renderers with viewports). Sizes it to `container` with a ResizeObserver (device
 * pixels), and on unmount runs the registered cleanups, deletes the OpenGL render window, loses
 * its WebGL context (WEBGL_lose_context) and removes the canvas.
 *
 * Partial redraws: the context keeps its drawing buffer (preserveDrawingBuffer) and vtk.js clears
 * each renderer inside its own viewport (scissor), so a frame draws only the views whose state
 * changed — scrolling the 2D views never re-runs the (expensive) 3D ray casting.
 */
export function useVtkRenderWindow(container: Ref<HTMLElement | null>): VtkRenderWindowContext {
  const renderWindow = vtkRenderWindow.newInstance();
  const openGLRenderWindow = vtkOpenGLRenderWindow.newInstance();
  renderWindow.addView(openGLRenderWindow);
  renderWindow.setNumberOfLayers(2);
  // Create the canvas's WebGL2 context first, with a preserved drawing buffer: getContext returns
  // this same context when vtk.js asks for one later (vtk.js's own request does not preserve it).
  // Opaque (alpha: false): the views are opaque anyway, and the compositor then copies the canvas
  // instead of blending it each frame, which doubled the scroll rate with SwiftShader at 1600x900.
  // No multisampling (antialias: false): the images are textured quads and a ray cast, which MSAA
  // does not change (only the edges of the 3D box outline and region surfaces lose smoothing), while
  // resolving a 4-sample buffer of the whole canvas every frame cost about 12 ms of SwiftShader time
  // per scroll step (GPU process 87 -> 75 ms per frame).
  openGLRenderWindow
    .getCanvas()
    ?.getContext('webgl2', { preserveDrawingBuffer: true, depth: true, alpha: false, antialias: false, powerPreference: 'high-performance' });
  // vtk.js's volume mapper asks the window's interactor whether it is animating, so one must
  // exist; it is never bound to DOM events (the viewer handles the mouse itself).
  const interactor = vtkRenderWindowInteractor.newInstance();
  interactor.setView(openGLRenderWindow);
  interactor.enable();
  const size = ref({ width: 0, height: 0 });
  const renderCount = ref(0);
  const cleanups: Array<() => void> = [];
  let observer: ResizeObserver | null = null;
  let frame = 0;
  let disposed = false;
  const visible = new Set<vtkRenderer>();
  const dirty = new Set<vtkRenderer>();
  const overlays = new Map<vtkRenderer, vtkRenderer>(); // overlay -> base
  let allDirty = true;
  let canvasPixels = '';

  function resize(): void {
    const el = container.value;
    if (!el || disposed) return;
    const { width, height } = el.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const pixels = `${Math.max(1, Math.floor(width * dpr))}x${Math.max(1, Math.floor(height * dpr))}`;
    const cssChanged = width !== size.value.width || height !== size.value.height;
    // The observer's first callback reports the size mount already drew at: no second full frame
    // (with software WebGL a frame with the 3D view costs seconds).
    if (!cssChanged && pixels === canvasPixels) return;
    canvasPixels = pixels;
    openGLRenderWindow.setSize(Math.max(1, Math.floor(width * dpr)), Math.max(1, Math.floor(height * dpr)));
    if (cssChanged) size.value = { width, height };
    requestRender();
  }

  function requestRender(renderer?: vtkRenderer): void {
    if (disposed) return;
    if (renderer) dirty.add(renderer);
    else allDirty = true;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (disposed || size.value.width <= 0 || size.value.height <= 0) return;
      for (const [overlay, base] of overlays) {
        if (dirty.has(overlay)) dirty.add(base);
        if (dirty.has(base)) dirty.add(overlay);
        const [x0, y0, x1, y1] = base.getViewport();
        overlay.setViewport(x0, y0, x1, y1);
      }
      for (const r of renderWindow.getRenderers()) {
        const base = overlays.get(r);
        const shown = base ? visible.has(base) : visible.has(r);
        r.setDraw(shown && (allDirty || dirty.has(r)));
      }
      allDirty = false;
      dirty.clear();
      renderWindow.render();
      renderCount.value++;
    });
  }

  function setRendererVisible(renderer: vtkRenderer, show: boolean): void {
    if (show) visible.add(renderer);
    else visible.delete(renderer);
    requestRender();
  }

  onMounted(() => {
    const el = container.value;
    if (!el) throw new Error('useVtkRenderWindow: container element missing at mount');
    openGLRenderWindow.setContainer(el);
    const canvas = openGLRenderWindow.getCanvas();
    if (canvas) {
      canvas.style.width = '100%';
      canvas.style.height = '100%';
      canvas.style.display = 'block';
    }
    observer = new ResizeObserver(() => resize());
    observer.observe(el);
    resize();
  });

  onBeforeUnmount(() => {
    disposed = true;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    observer?.disconnect();
    observer = null;
    visible.clear();
    dirty.clear();
    overlays.clear();
    for (const cleanup of cleanups.reverse()) {
      try {
        cleanup();
      } catch (e) {
        console.warn('viewer: cleanup failed', e);
      }
    }
    cleanups.length = 0;
    const canvas = openGLRenderWindow.getCanvas();
    // The context vtk.js created (none if it never rendered; never create one here).
    const gl = (openGLRenderWindow as unknown as { getContext(): WebGL2RenderingContext | null }).getContext();
    (openGLRenderWindow as unknown as { releaseGraphicsResources(): void }).releaseGraphicsResources();
    interactor.delete();
    renderWindow.removeView(openGLRenderWindow);
    openGLRenderWindow.delete();
    renderWindow.delete();
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    canvas?.remove();
  });

  return {
    renderWindow,
    size,
    requestRender,
    setRendererVisible,
    linkOverlay: (base, overlay) => {
      overlays.set(overlay, base);
      requestRender();
    },
    renderCount,
    onDispose: (cleanup) => void cleanups.push(cleanup),
  };
}
