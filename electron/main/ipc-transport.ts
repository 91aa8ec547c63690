import { channelNames, ipcChannelFor } from '../shared/api/contract';
import { fail, type ApiEnvelope } from '../shared/api/envelope';
import type { Dispatch } from '../core/api/dispatch';
import { isTrustedSender, type SenderFrameLike } from './trusted-sender';

export interface IpcInvokeEventLike {
  senderFrame: SenderFrameLike | null;
}

/** The part of Electron's ipcMain the transport uses; tests pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Registers one ipcMain handler per contract channel; returns a function that removes them. */
export function registerIpcTransport(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrusted: (frame: SenderFrameLike | null) => boolean = isTrustedSender,
): () => void {
  for (const name of channelNames) {
    ipcMain.handle(ipcChannelFor(name), async (event, payload): Promise<ApiEnvelope<unknown>> => {
      if (!isTrusted(event.senderFrame)) return fail('FORBIDDEN', 'IPC from an untrusted frame');
      return dispatch(name, payload, { transport: 'ipc' });
    });
  }
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(ipcChannelFor(name));
  };
}
