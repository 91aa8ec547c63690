import type { IpcMainLike, IpcInvokeEventLike } from '../../electron/main/ipc-transport';
import type { IpcRendererLike } from '../../electron/preload/build-preload-bridge';
import type { SenderFrameLike } from '../../electron/main/trusted-sender';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/**
 * An in-memory stand-in for Electron's ipcMain/ipcRenderer pair. Payloads and results go through
 * structuredClone, as Electron's IPC serialises them, so non-cloneable values fail here too.
 */
export function createFakeIpcPair(senderFrame: SenderFrameLike | null) {
  const handlers = new Map<string, Handler>();
  const rendererListeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();

  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };

  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const result = await handler({ senderFrame }, ...args.map((a) => structuredClone(a)));
      return structuredClone(result);
    },
    on(channel, listener) {
      if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
      rendererListeners.get(channel)!.add(listener);
    },
    removeListener(channel, listener) {
      rendererListeners.get(channel)?.delete(listener);
    },
  };

  /** What main's webContents.send would deliver to the renderer. */
  function sendToRenderer(channel: string, payload: unknown): void {
    for (const l of rendererListeners.get(channel) ?? []) l({}, structuredClone(payload));
  }

  return { ipcMain, ipcRenderer, handlers, sendToRenderer };
}
