import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { artifactsDir } from '../../support/browser-host-fixture';
import { decodePng, type Rgba } from './png';

export type ViewName = 'axial' | 'coronal' | 'sagittal' | 'volume';

interface Snapshot {
  volumeId: string | null;
  crosshair: [number, number, number];
  layout: string;
  windowLevel: { center: number; width: number };
  measurements: unknown[];
  renderCount: number;
}

export const snapshot = (page: Page): Promise<Snapshot> =>
  page.evaluate(() => (globalThis as unknown as { __RADGROUND_VIEWER__: { snapshot(): Snapshot } }).__RADGROUND_VIEWER__.snapshot());

/** Runs `action` and waits until the viewer has rendered at least one more frame. */
export async function afterRender(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = (await snapshot(page)).renderCount;
  await action();
  await page.waitForFunction(
    (n) => (globalThis as unknown as { __RADGROUND_VIEWER__: { snapshot(): Snapshot } }).__RADGROUND_VIEWER__.snapshot().renderCount > n,
    before,
  );
}

type ViewerMethod = 'jumpTo' | 'highlightRegion' | 'clearHighlight' | 'goToImage';

/** Calls the viewer's automation handle (the public viewer-store API). */
export async function viewerCall(page: Page, method: ViewerMethod, arg?: unknown): Promise<void> {
  await page.evaluate(
    ([m, a]) => (globalThis as unknown as { __RADGROUND_VIEWER__: Record<ViewerMethod, (x: unknown) => void> }).__RADGROUND_VIEWER__[m](a),
    [method, arg] as const,
  );
}

/** Hides the HTML/SVG overlays so a screenshot shows only the rendered image. */
const HIDE_OVERLAYS = '.overlay { visibility: hidden !important; }';

/** Screenshot of one viewport, decoded; saved under test-results/screenshots/ when `name` is given. */
export async function viewportShot(page: Page, view: ViewName, opts: { overlays?: boolean; name?: string } = {}): Promise<Rgba> {
  const png = await page.getByTestId(`viewport-${view}`).screenshot({
    style: opts.overlays ? undefined : HIDE_OVERLAYS,
    path: opts.name ? join(artifactsDir, `viewer-${opts.name}.png`) : undefined,
  });
  return decodePng(png);
}

/**
 * The crosshair's position in a 2D viewport (CSS px from its top-left), read from the two plane
 * traces the overlay draws.
 */
export async function crosshairOnScreen(page: Page, view: Exclude<ViewName, 'volume'>): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.getByTestId(`viewport-${view}`).evaluate((el) => {
    const lines = [...el.querySelectorAll('svg line.crosshair')].map((l): [number, number, number, number] => {
      const at = (a: string) => Number(l.getAttribute(a));
      return [at('x1'), at('y1'), at('x2'), at('y2')];
    });
    const [first, second] = lines;
    if (lines.length !== 2 || !first || !second) throw new Error(`expected 2 crosshair lines, found ${lines.length}`);
    const [x1, y1, x2, y2] = first;
    const [x3, y3, x4, y4] = second;
    const d = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4);
    const t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / d;
    const r = el.getBoundingClientRect();
    return { x: x1 + t * (x2 - x1), y: y1 + t * (y2 - y1), width: r.width, height: r.height };
  });
}

export async function sliceNumber(page: Page, view: Exclude<ViewName, 'volume'>): Promise<number> {
  return Number(await page.getByTestId(`slice-info-${view}`).getAttribute('data-slice'));
}

/**
 * Counts the WebGL contexts the page creates and loses (from its next navigation on): install before
 * page.goto, read with webGlContexts. A viewer that unmounts loses its context (WEBGL_lose_context).
 */
export async function countWebGlContexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const stats = { created: 0, lost: 0 };
    (globalThis as Record<string, unknown>).__glStats = stats;
    const original = HTMLCanvasElement.prototype.getContext;
    const seen = new WeakSet<object>();
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      const ctx = (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
      if (ctx && (type === 'webgl2' || type === 'webgl') && !seen.has(ctx)) {
        seen.add(ctx);
        stats.created++;
        this.addEventListener('webglcontextlost', () => stats.lost++);
      }
      return ctx;
    } as typeof original;
  });
}

/** WebGL contexts created, lost and still live since countWebGlContexts. */
export async function webGlContexts(page: Page): Promise<{ created: number; lost: number; live: number }> {
  const s = await page.evaluate(() => (globalThis as unknown as { __glStats: { created: number; lost: number } }).__glStats);
  return { ...s, live: s.created - s.lost };
}
