import { IMPORT_PATHS_MAX } from '../shared/api/channels/study-channels';
import { DESKTOP_EVENT_CHANNEL, type DesktopEvent } from '../shared/api/desktop-channels';
import { ok } from '../shared/api/envelope';
import { registerDesktopRoute } from './desktop-route';
import type { IpcMainLike } from './ipc-transport';
import { isTrustedSender, type SenderFrameLike } from './trusted-sender';

/**
 * Hands the paths the app is opened with (launch-paths.ts) to the renderer, which imports them. They wait
 * in the main process until the renderer takes them (desktop.takeLaunchPaths): the renderer takes once
 * when it starts (the first launch's paths), and again each time it is told `launchPaths.pending` (a
 * second launch, a file opened on macOS). Nothing is lost when the window is still loading or the
 * message comes before the renderer listens. A second launch also brings the window to the front.
 */

/** The main window, as far as the handoff uses it. */
export interface HandoffWindowLike {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  webContents: { send(channel: string, payload: DesktopEvent): void };
}

export interface LaunchHandoffDeps {
  /** The main window, null before it exists and after it closed. */
  window(): HandoffWindowLike | null;
  /** launchPaths() of a command line and its working directory. */
  resolveArgv(argv: readonly unknown[], workingDirectory: unknown): Promise<string[]>;
  /** importablePaths() of one path macOS asks the app to open. */
  resolveOpened(path: unknown): Promise<string[]>;
  log(message: string, fields?: Record<string, unknown>): void;
}

export interface LaunchHandoff {
  /** The first launch's own command line. */
  firstLaunch(argv: readonly unknown[], workingDirectory: unknown): Promise<void>;
  /** app 'second-instance': the window comes to the front, the second launch's paths are handed over. */
  secondInstance(argv: readonly unknown[], workingDirectory: unknown): Promise<void>;
  /** app 'open-file' (macOS). */
  openFile(path: unknown): Promise<void>;
  /** desktop.takeLaunchPaths: the paths not taken yet, each once. */
  take(): string[];
}

export function createLaunchHandoff(deps: LaunchHandoffDeps): LaunchHandoff {
  let pending: string[] = [];

  function add(paths: string[], source: string): void {
    const fresh = paths.filter((p) => !pending.includes(p));
    const room = IMPORT_PATHS_MAX - pending.length;
    if (fresh.length > room) deps.log('launch paths past the import limit are dropped', { source, dropped: fresh.length - room });
    pending = [...pending, ...fresh.slice(0, Math.max(room, 0))];
    if (!fresh.length) return;
    deps.log('launch paths to import', { source, count: fresh.length });
    try {
      deps.window()?.webContents.send(DESKTOP_EVENT_CHANNEL, { type: 'launchPaths.pending' });
    } catch (e) {
      deps.log('could not tell the window about launch paths', { error: e instanceof Error ? e.message : String(e) });
    }
  }

  async function handOver(resolving: () => Promise<string[]>, source: string): Promise<void> {
    try {
      add(await resolving(), source);
    } catch (e) {
      deps.log('launch paths ignored', { source, error: e instanceof Error ? e.message : String(e) });
    }
  }

  return {
    firstLaunch: (argv, workingDirectory) => handOver(() => deps.resolveArgv(argv, workingDirectory), 'first-launch'),
    secondInstance(argv, workingDirectory) {
      const window = deps.window();
      try {
        if (window?.isMinimized()) window.restore();
        window?.show();
        window?.focus();
      } catch (e) {
        deps.log('could not bring the window to the front', { error: e instanceof Error ? e.message : String(e) });
      }
      return handOver(() => deps.resolveArgv(argv, workingDirectory), 'second-instance');
    },
    openFile: (path) => handOver(() => deps.resolveOpened(path), 'open-file'),
    take() {
      const taken = pending;
      pending = [];
      return taken;
    },
  };
}

/** Registers desktop.takeLaunchPaths (desktop-route.ts checks the sender and the request). */
export function registerLaunchPathsChannel(
  ipcMain: IpcMainLike,
  handoff: Pick<LaunchHandoff, 'take'>,
  isTrusted: (frame: SenderFrameLike | null) => boolean = isTrustedSender,
): () => void {
  return registerDesktopRoute(ipcMain, 'desktop.takeLaunchPaths', async () => ok({ paths: handoff.take() }), isTrusted);
}
