/**
 * Issue 13.7: a second launch with a folder hands it to the running app. Through fake app/window deps
 * and the in-memory IPC pair: the window comes to the front, the paths wait in the main process, the
 * renderer is told (a desktop event, checked in the generated preload) and takes them once through
 * desktop.takeLaunchPaths; the first launch's paths are there when the renderer starts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLaunchHandoff, registerLaunchPathsChannel, type HandoffWindowLike } from '../../../electron/main/launch-handoff';
import { importablePaths, launchPaths } from '../../../electron/main/launch-paths';
import { buildPreloadBridge } from '../../../electron/preload/build-preload-bridge';
import { DESKTOP_EVENT_CHANNEL, desktopIpcChannelFor } from '../../../electron/shared/api/desktop-channels';
import { IMPORT_PATHS_MAX } from '../../../electron/shared/api/channels/study-channels';
import { createIpcTransport } from '../../../renderer/src/api/ipc-transport';
import { createFakeIpcPair } from '../../support/fake-ipc';

const TRUSTED = { url: 'app://radground/index.html', parent: null };
const options = { defaultApp: false, platform: 'linux' as const };

function fakeWindow(sendToRenderer: (channel: string, payload: unknown) => void, minimized = true) {
  const calls: string[] = [];
  let isMin = minimized;
  const window: HandoffWindowLike = {
    isMinimized: () => isMin,
    restore: () => void (calls.push('restore'), (isMin = false)),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
    webContents: { send: (channel, payload) => (calls.push(`send:${channel}:${JSON.stringify(payload)}`), sendToRenderer(channel, payload)) },
  };
  return { window, calls };
}

describe('launch handoff', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radground-handoff-'));
    mkdirSync(join(dir, 'CT'));
    writeFileSync(join(dir, 'x.dcm'), 'x');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function setup(window: HandoffWindowLike | null) {
    const logs: Array<[string, Record<string, unknown> | undefined]> = [];
    const handoff = createLaunchHandoff({
      window: () => window,
      resolveArgv: (argv, cwd) => launchPaths(argv, cwd, options),
      resolveOpened: (path) => importablePaths(typeof path === 'string' ? [path] : [], dir),
      log: (m, f) => void logs.push([m, f]),
    });
    return { handoff, logs };
  }

  it('a second launch restores and focuses the window, and the renderer imports its paths once, through the generated preload', async () => {
    const pair = createFakeIpcPair(TRUSTED);
    const { window, calls } = fakeWindow(pair.sendToRenderer);
    const { handoff } = setup(window);
    registerLaunchPathsChannel(pair.ipcMain, handoff);
    const transport = createIpcTransport(buildPreloadBridge(pair.ipcRenderer));
    const received: string[][] = [];
    transport.launchPaths!.onPending(() => void transport.launchPaths!.take().then((paths) => received.push(paths)));

    await handoff.secondInstance(['/opt/RadGround/radground', '--allow-file-access-from-files', 'CT', 'x.dcm', 'missing'], dir);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['restore', 'show', 'focus', `send:${DESKTOP_EVENT_CHANNEL}:{"type":"launchPaths.pending"}`]);
    expect(received).toEqual([[join(dir, 'CT'), join(dir, 'x.dcm')]]);
    expect(await transport.launchPaths!.take()).toEqual([]); // each path is taken once
  });

  it('a second launch without paths only brings the window to the front', async () => {
    const pair = createFakeIpcPair(TRUSTED);
    const { window, calls } = fakeWindow(pair.sendToRenderer, false);
    const { handoff } = setup(window);
    await handoff.secondInstance(['/opt/RadGround/radground', '--no-sandbox'], dir);
    expect(calls).toEqual(['show', 'focus']);
    expect(handoff.take()).toEqual([]);
  });

  it('the first launch, and launches before the window exists, wait until the renderer takes them', async () => {
    const { handoff } = setup(null);
    await handoff.firstLaunch(['/opt/RadGround/radground', 'CT'], dir);
    await handoff.secondInstance(['/opt/RadGround/radground', 'x.dcm', 'CT'], dir);
    await handoff.openFile(join(dir, 'x.dcm'));
    expect(handoff.take()).toEqual([join(dir, 'CT'), join(dir, 'x.dcm')]);
    expect(handoff.take()).toEqual([]);
  });

  it("macOS 'open-file' hands the file over; hostile values are dropped", async () => {
    const pair = createFakeIpcPair(TRUSTED);
    const { window, calls } = fakeWindow(pair.sendToRenderer, false);
    const { handoff } = setup(window);
    await handoff.openFile(42);
    await handoff.openFile(join(dir, 'nothing-here.dcm'));
    expect(calls).toEqual([]);
    await handoff.openFile(join(dir, 'x.dcm'));
    expect(calls).toEqual([`send:${DESKTOP_EVENT_CHANNEL}:{"type":"launchPaths.pending"}`]);
    expect(handoff.take()).toEqual([join(dir, 'x.dcm')]);
  });

  it('never throws: a failing resolver, a window that throws, and more paths than one import takes', async () => {
    const logs: string[] = [];
    let many = 0;
    const handoff = createLaunchHandoff({
      window: () => ({
        isMinimized: () => {
          throw new Error('destroyed');
        },
        restore: () => {},
        show: () => {},
        focus: () => {},
        webContents: {
          send: () => {
            throw new Error('destroyed');
          },
        },
      }),
      resolveArgv: async (argv) => {
        if (argv[1] === 'boom') throw new Error('boom');
        return Array.from({ length: IMPORT_PATHS_MAX }, () => `/p/${many++}`);
      },
      resolveOpened: async () => [],
      log: (m) => void logs.push(m),
    });
    await expect(handoff.secondInstance(['exe', 'boom'], '/')).resolves.toBeUndefined();
    await handoff.secondInstance(['exe', 'a'], '/');
    await handoff.secondInstance(['exe', 'b'], '/');
    expect(handoff.take()).toHaveLength(IMPORT_PATHS_MAX);
    expect(logs).toContain('launch paths ignored');
    expect(logs).toContain('could not bring the window to the front');
    expect(logs).toContain('launch paths past the import limit are dropped');
  });

  it('desktop.takeLaunchPaths answers FORBIDDEN to anything but our main frame, and gives nothing away', async () => {
    const { handoff } = setup(null);
    await handoff.firstLaunch(['exe', 'CT'], dir);
    for (const frame of [null, { url: 'app://radground/index.html', parent: {} }, { url: 'https://evil.example/', parent: null }]) {
      const pair = createFakeIpcPair(frame);
      registerLaunchPathsChannel(pair.ipcMain, handoff);
      expect(await pair.ipcRenderer.invoke(desktopIpcChannelFor('desktop.takeLaunchPaths'), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const pair = createFakeIpcPair(TRUSTED);
    registerLaunchPathsChannel(pair.ipcMain, handoff);
    expect(await pair.ipcRenderer.invoke(desktopIpcChannelFor('desktop.takeLaunchPaths'), { extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await pair.ipcRenderer.invoke(desktopIpcChannelFor('desktop.takeLaunchPaths'), {})).toEqual({ ok: true, value: { paths: [join(dir, 'CT')] } });
  });

  it('the preload passes on only desktop events its schema knows', () => {
    const pair = createFakeIpcPair(TRUSTED);
    const bridge = buildPreloadBridge(pair.ipcRenderer);
    const seen: unknown[] = [];
    const stop = bridge.onDesktopEvent((e) => seen.push(e));
    for (const payload of [{ type: 'launchPaths.pending' }, { type: 'launchPaths.pending', paths: ['/etc'] }, { type: 'other' }, null, 'x']) pair.sendToRenderer(DESKTOP_EVENT_CHANNEL, payload);
    stop();
    pair.sendToRenderer(DESKTOP_EVENT_CHANNEL, { type: 'launchPaths.pending' });
    expect(seen).toEqual([{ type: 'launchPaths.pending' }]);
  });
});
