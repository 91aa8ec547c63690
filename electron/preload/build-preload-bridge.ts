import { channelNames, ipcChannelFor, IPC_EVENT_CHANNEL, type ChannelName } from '../shared/api/contract';
import {
  DESKTOP_EVENT_CHANNEL,
  desktopChannelNames,
  desktopEventSchema,
  desktopIpcChannelFor,
  type DesktopChannelName,
  type DesktopEvent,
} from '../shared/api/desktop-channels';
import type { ApiEnvelope } from '../shared/api/envelope';
import type { ApiEvent } from '../shared/api/events';
import type { PreloadBridge } from '../shared/api/preload-bridge';

/** The part of Electron's ipcRenderer the preload uses; tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds `window.radground` from the contract: one function per channel, each bound to its own
 * IPC channel name. The renderer never sees ipcRenderer itself.
 */
/** Electron's webUtils (file paths of dropped files); tests pass a fake. */
export interface WebUtilsLike {
  getPathForFile(file: Blob): string;
}

export function buildPreloadBridge(ipcRenderer: IpcRendererLike, webUtils: WebUtilsLike = { getPathForFile: () => '' }): PreloadBridge {
  const api = {} as Record<ChannelName, (payload: unknown) => Promise<ApiEnvelope<unknown>>>;
  for (const name of channelNames) {
    const ipcName = ipcChannelFor(name);
    api[name] = (payload: unknown) => ipcRenderer.invoke(ipcName, payload) as Promise<ApiEnvelope<unknown>>;
  }
  const desktop = {} as Record<DesktopChannelName, (payload: unknown) => Promise<ApiEnvelope<unknown>>>;
  for (const name of desktopChannelNames) {
    const ipcName = desktopIpcChannelFor(name);
    desktop[name] = (payload: unknown) => ipcRenderer.invoke(ipcName, payload) as Promise<ApiEnvelope<unknown>>;
  }
  return {
    api: Object.freeze(api),
    desktop: Object.freeze(desktop),
    pathForFile: (file: Blob) => webUtils.getPathForFile(file),
    onEvent(listener: (event: ApiEvent) => void) {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as ApiEvent);
      ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
      };
    },
    onDesktopEvent(listener: (event: DesktopEvent) => void) {
      const wrapped = (_event: unknown, payload: unknown) => {
        const parsed = desktopEventSchema.safeParse(payload);
        if (parsed.success) listener(parsed.data);
      };
      ipcRenderer.on(DESKTOP_EVENT_CHANNEL, wrapped);
      return () => {
        ipcRenderer.removeListener(DESKTOP_EVENT_CHANNEL, wrapped);
      };
    },
  };
}
