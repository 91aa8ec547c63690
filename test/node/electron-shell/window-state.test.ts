/**
 * Issue 13.7: the reading window's place and size are remembered. The file in userData is hostile input
 * (garbage, huge, NaN, absurd or off-screen bounds are ignored or moved onto a display), written
 * atomically; saves are debounced while the window moves and made at once when it closes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMainWindowOptions, MAIN_WINDOW_SIZE } from '../../../electron/main/window-options';
import { parseWindowState, placeWindow, serializeWindowState, WINDOW_STATE_MAX_BYTES, type Rect, type WindowState } from '../../../electron/main/window-state';
import { readWindowStateFile, writeWindowStateFile, writeWindowStateFileSync } from '../../../electron/main/window-state-file';
import { trackWindowState, WINDOW_STATE_DEBOUNCE_MS, type TrackedWindowEvent, type TrackedWindowLike } from '../../../electron/main/window-state-tracker';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const state = (bounds: Rect, maximized = false, fullScreen = false): WindowState => ({ bounds, maximized, fullScreen });

describe('window state file: parse', () => {
  it('round-trips what it writes', () => {
    const s = state({ x: 100, y: 50, width: 1400, height: 900 }, true);
    expect(parseWindowState(serializeWindowState(s))).toEqual({ state: s });
  });

  it('ignores garbage, other shapes, NaN/Infinity (as JSON writes them), absurd numbers and oversized files', () => {
    const bad = [
      '',
      'not json{',
      'null',
      '[]',
      '{"version":2,"bounds":{"x":0,"y":0,"width":100,"height":100},"maximized":false,"fullScreen":false}',
      '{"version":1,"bounds":{"x":NaN,"y":0,"width":100,"height":100},"maximized":false,"fullScreen":false}',
      '{"version":1,"bounds":{"x":null,"y":0,"width":100,"height":100},"maximized":false,"fullScreen":false}',
      '{"version":1,"bounds":{"x":0,"y":0,"width":1e308,"height":100},"maximized":false,"fullScreen":false}',
      '{"version":1,"bounds":{"x":0,"y":0,"width":0,"height":100},"maximized":false,"fullScreen":false}',
      '{"version":1,"bounds":{"x":0.5,"y":0,"width":100,"height":100},"maximized":false,"fullScreen":false}',
      '{"version":1,"bounds":{"x":0,"y":0,"width":100,"height":100},"maximized":"yes","fullScreen":false}',
      '{"version":1,"bounds":{"x":0,"y":0,"width":100,"height":100},"maximized":false,"fullScreen":false,"__proto__":{}}',
      JSON.stringify({ ...JSON.parse(serializeWindowState(state(laptop))), pad: 'x'.repeat(WINDOW_STATE_MAX_BYTES) }),
    ];
    for (const text of bad) expect(parseWindowState(text), text.slice(0, 80)).toHaveProperty('ignored');
    expect(JSON.stringify({ x: NaN })).toBe('{"x":null}');
  });
});

describe('window state: placed on the displays there are now', () => {
  const d = MAIN_WINDOW_SIZE;

  it('no saved state or no display: the default size, centred by Electron', () => {
    expect(placeWindow(null, [laptop], d)).toEqual({ width: 1600, height: 1000, maximized: false, fullScreen: false });
    expect(placeWindow(state({ x: 10, y: 10, width: 1200, height: 800 }), [], d)).toEqual({ width: 1600, height: 1000, maximized: false, fullScreen: false });
  });

  it('a window on a display stays where it was, maximized and full screen kept', () => {
    expect(placeWindow(state({ x: 2000, y: 40, width: 1800, height: 1100 }, true, true), [laptop, rightMonitor], d)).toEqual({ x: 2000, y: 40, width: 1800, height: 1100, maximized: true, fullScreen: true });
  });

  it('a window on a monitor that is gone moves to the primary display, centred, no larger than it', () => {
    expect(placeWindow(state({ x: 2000, y: 40, width: 1800, height: 1100 }), [laptop], d)).toEqual({ x: 60, y: 0, width: 1800, height: 1050, maximized: false, fullScreen: false });
    expect(placeWindow(state({ x: -30000, y: 90000, width: 1200, height: 800 }), [laptop, rightMonitor], d)).toEqual({ x: 360, y: 125, width: 1200, height: 800, maximized: false, fullScreen: false });
  });

  it('a title bar that only touches a display is not enough; a window partly off its display is pulled in', () => {
    // Only 20 px of the title bar on the laptop: moved.
    expect(placeWindow(state({ x: 1900, y: 100, width: 1200, height: 800 }), [laptop], d)).toMatchObject({ x: 360, y: 125 });
    // Mostly on the laptop, hanging off its bottom-right: pulled inside.
    expect(placeWindow(state({ x: 1000, y: 600, width: 1200, height: 800 }), [laptop], d)).toMatchObject({ x: 720, y: 250, width: 1200, height: 800 });
  });

  it('a display smaller than the saved window (resolution lowered) gets a window that fits, never under the minimum size the display allows', () => {
    const small: Rect = { x: 0, y: 0, width: 1280, height: 720 };
    expect(placeWindow(state({ x: 0, y: 0, width: 2500, height: 1400 }), [small], d)).toMatchObject({ x: 0, y: 0, width: 1280, height: 720 });
    expect(placeWindow(state({ x: 0, y: 0, width: 50, height: 40 }), [small], d)).toMatchObject({ width: 1024, height: 700 });
  });

  it('the window options take the placement, or the defaults', () => {
    expect(createMainWindowOptions('/p.cjs')).toMatchObject({ width: 1600, height: 1000, minWidth: 1024, minHeight: 700 });
    expect(createMainWindowOptions('/p.cjs')).not.toHaveProperty('x');
    expect(createMainWindowOptions('/p.cjs', { x: 5, y: 6, width: 1200, height: 800, maximized: true, fullScreen: false })).toMatchObject({ x: 5, y: 6, width: 1200, height: 800 });
  });
});

describe('window state file on disk', () => {
  let dir: string;
  const logs: Array<[string, unknown]> = [];
  const log = (m: string, f?: unknown) => void logs.push([m, f]);
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'radground-window-state-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => void (logs.length = 0));

  it('writes atomically (no temporary file left) and reads back, async and on close', async () => {
    const file = join(dir, 'window-state.json');
    const s = state({ x: -1900, y: 20, width: 1500, height: 950 }, false, true);
    await writeWindowStateFile(file, s);
    expect(await readWindowStateFile(file, log)).toEqual(s);
    writeWindowStateFileSync(file, state(laptop, true));
    expect(await readWindowStateFile(file, log)).toEqual(state(laptop, true));
    expect(readdirSync(dir)).toEqual(['window-state.json']);
    expect(logs).toEqual([]);
  });

  it('no file: defaults, silently', async () => {
    expect(await readWindowStateFile(join(dir, 'absent.json'), log)).toBeNull();
    expect(logs).toEqual([]);
  });

  it('garbage, a huge file, a folder and a pipe are ignored with a log line, without reading them whole or waiting', async () => {
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '\u0000\u00ff{{{');
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, Buffer.alloc(1024 * 1024, 0x20));
    const pipe = join(dir, 'pipe.json');
    execFileSync('mkfifo', [pipe]);
    for (const file of [garbage, huge, dir, pipe]) expect(await readWindowStateFile(file, log), file).toBeNull();
    expect(logs.map(([m]) => m)).toEqual(Array(4).fill('window state ignored, defaults used'));
    expect(logs[1]![1]).toEqual({ reason: `larger than ${WINDOW_STATE_MAX_BYTES} bytes` });
  });

  it('a failed write leaves the previous file and no temporary file', async () => {
    const file = join(dir, 'keep.json');
    await writeWindowStateFile(file, state(laptop));
    const before = readFileSync(file, 'utf8');
    await expect(writeWindowStateFile(join(dir, 'no-such-dir', 'x.json'), state(laptop))).rejects.toThrow();
    expect(() => writeWindowStateFileSync(join(dir, 'no-such-dir', 'x.json'), state(laptop))).toThrow();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('window state tracker', () => {
  afterEach(() => void vi.useRealTimers());

  function fakeWindow() {
    const listeners = new Map<TrackedWindowEvent, Array<() => void>>();
    const w = {
      bounds: { x: 10, y: 20, width: 1300, height: 900 },
      maximized: false,
      fullScreen: false,
      emit: (event: TrackedWindowEvent) => listeners.get(event)?.forEach((l) => l()),
    };
    const window: TrackedWindowLike = {
      on: (event, listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      getNormalBounds: () => w.bounds,
      isMaximized: () => w.maximized,
      isFullScreen: () => w.fullScreen,
    };
    return { w, window };
  }

  it('one save after the last move/resize, the normal bounds with maximized/full screen; one at once on close', () => {
    vi.useFakeTimers();
    const { w, window } = fakeWindow();
    const saved: WindowState[] = [];
    const savedNow: WindowState[] = [];
    trackWindowState(window, { save: async (s) => void saved.push(s), saveNow: (s) => void savedNow.push(s), log: () => {} });
    for (let i = 0; i < 20; i++) {
      w.bounds = { ...w.bounds, x: 10 + i };
      w.emit('move');
      vi.advanceTimersByTime(WINDOW_STATE_DEBOUNCE_MS / 5);
    }
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(WINDOW_STATE_DEBOUNCE_MS);
    expect(saved).toEqual([state({ x: 29, y: 20, width: 1300, height: 900 })]);
    w.maximized = true;
    w.bounds = { x: 10.4, y: 20, width: 1300.6, height: 900 };
    w.emit('maximize');
    w.emit('close');
    expect(savedNow).toEqual([state({ x: 10, y: 20, width: 1301, height: 900 }, true)]);
    vi.advanceTimersByTime(WINDOW_STATE_DEBOUNCE_MS * 2);
    expect(saved).toHaveLength(1); // the pending save was replaced by the one on close
  });

  it('a failed save is logged, never thrown', async () => {
    vi.useFakeTimers();
    const { w, window } = fakeWindow();
    const logs: string[] = [];
    trackWindowState(window, {
      save: async () => {
        throw new Error('disk full');
      },
      saveNow: () => {
        throw new Error('disk full');
      },
      log: (m) => void logs.push(m),
    });
    w.emit('resize');
    await vi.advanceTimersByTimeAsync(WINDOW_STATE_DEBOUNCE_MS);
    expect(() => w.emit('close')).not.toThrow();
    expect(logs).toEqual(['window state not saved', 'window state not saved']);
  });
});
