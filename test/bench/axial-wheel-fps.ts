// The scroll figure issue 13 names: frames per second on an axial view of about 512x512 CSS px in
// the viewer's own 2x2 layout, scrolled with the mouse wheel as a user does (real input events
// through Chromium's input pipeline, not the automation handle), counted from the page's animation
// frames in which the viewer drew.
import type { Page } from '@playwright/test';

type Size = { width: number; height: number };

const axialRect = (page: Page): Promise<Size> =>
  page.evaluate(() => {
    const r = document.querySelector('[data-testid="viewport-axial"]')!.getBoundingClientRect();
    return { width: r.width, height: r.height };
  });

/**
 * Once the volume is in, resizes the window so the axial view is about `side` x `side` CSS px (the
 * panels around the stage keep their size, the four views share the rest), waits for the redraw,
 * and gives the view's size.
 */
export async function sizeAxialView(page: Page, side: number): Promise<Size> {
  // The whole volume in (its last redraw, 3D included, done) before timing anything.
  await page.waitForSelector('[data-testid="reading-viewer"][data-status="ready"]', { timeout: 600_000 });
  await settled(page);
  for (let i = 0; i < 3; i++) {
    const now = await axialRect(page);
    const window = page.viewportSize()!;
    const dw = Math.round((side - now.width) * 2);
    const dh = Math.round((side - now.height) * 2);
    if (Math.abs(dw) <= 2 && Math.abs(dh) <= 2) break;
    await page.setViewportSize({ width: window.width + dw, height: window.height + dh });
    await page.waitForTimeout(500);
  }
  await settled(page);
  return axialRect(page);
}

/**
 * Resolves once the page shows frames again at a steady pace (ten animation frames in a row under
 * 100 ms apart): a resize redraws every view, the 3D ray casting included, which with SwiftShader
 * keeps the GPU process busy for seconds after the page's own frame has ended.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(500);
  await page.evaluate(`new Promise((resolve) => {
    let last = 0, calm = 0;
    const tick = (t) => {
      calm = last && t - last < 100 ? calm + 1 : 0;
      last = t;
      if (calm >= 10) resolve(); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

/** Wheel events per second sent: a wheel turned steadily, one notch per 60 Hz display frame. */
const WHEEL_RATE_HZ = 60;

/**
 * Wheel steps over the middle of the axial view at WHEEL_RATE_HZ (15 down, 15 up, …, so the slice
 * stays inside the volume), each sent without waiting for the page to take the one before (as a
 * mouse does: awaiting each one ties the input to the page's frames, about one event every second
 * frame, which alone caps the figure near 30 fps): frames per second in which the viewer drew, from
 * the first such animation frame to the last. Wheel events landing in one frame make one frame.
 */
export async function wheelScrollFps(page: Page, events: number): Promise<{ fps: number; frames: number }> {
  const box = await page.evaluate(() => {
    const r = document.querySelector('[data-testid="viewport-axial"]')!.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  // A string, not a function: tsx would wrap a named function value in a helper the page lacks.
  await page.evaluate(`(() => {
    const w = globalThis;
    w.__wheelFrames = [];
    w.__wheelRecording = true;
    let last = w.__RADGROUND_VIEWER__.snapshot().renderCount;
    const tick = (t) => {
      const n = w.__RADGROUND_VIEWER__.snapshot().renderCount;
      if (n !== last) w.__wheelFrames.push(t);
      last = n;
      if (w.__wheelRecording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const sent: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    sent.push(page.mouse.wheel(0, Math.floor(i / 15) % 2 === 0 ? 100 : -100));
    const next = started + ((i + 1) * 1000) / WHEEL_RATE_HZ;
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  await Promise.all(sent);
  await page.waitForTimeout(500); // the last steps draw
  const frames = await page.evaluate<number[]>(`(() => { globalThis.__wheelRecording = false; return globalThis.__wheelFrames; })()`);
  if (frames.length < 2) throw new Error(`wheel scrolling drew ${frames.length} frame(s) for ${events} wheel events`);
  return { fps: ((frames.length - 1) * 1000) / (frames.at(-1)! - frames[0]!), frames: frames.length };
}
