import type { Rect, WindowState } from './window-state';

/**
 * Saves the reading window's state as it changes: debounced while it is moved or resized (one write
 * after the last event), at once when it closes. Electron's window is behind TrackedWindowLike so this is
 * tested without the binary.
 */

export interface TrackedWindowLike {
  on(event: TrackedWindowEvent, listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
}

export const TRACKED_WINDOW_EVENTS = ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen', 'close'] as const;
export type TrackedWindowEvent = (typeof TRACKED_WINDOW_EVENTS)[number];

export const WINDOW_STATE_DEBOUNCE_MS = 500;

export interface WindowStateSink {
  /** A debounced save: may finish later. */
  save(state: WindowState): Promise<void>;
  /** The save on close: done when it returns. */
  saveNow(state: WindowState): void;
  log(message: string, fields?: Record<string, unknown>): void;
}

export function windowStateOf(window: TrackedWindowLike): WindowState {
  const b = window.getNormalBounds();
  return {
    bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
    maximized: window.isMaximized(),
    fullScreen: window.isFullScreen(),
  };
}

/** Starts tracking; returns a function that cancels a pending save. */
export function trackWindowState(window: TrackedWindowLike, sink: WindowStateSink, debounceMs = WINDOW_STATE_DEBOUNCE_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const failed = (e: unknown) => sink.log('window state not saved', { error: e instanceof Error ? e.message : String(e) });
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      try {
        sink.save(windowStateOf(window)).catch(failed);
      } catch (e) {
        failed(e);
      }
    }, debounceMs);
  };
  for (const event of TRACKED_WINDOW_EVENTS) {
    if (event === 'close') continue;
    window.on(event, schedule);
  }
  window.on('close', () => {
    clearTimeout(timer);
    timer = undefined;
    try {
      sink.saveNow(windowStateOf(window));
    } catch (e) {
      failed(e);
    }
  });
  return () => clearTimeout(timer);
}
