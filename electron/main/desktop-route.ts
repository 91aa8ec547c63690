import { fail, type ApiEnvelope } from '../shared/api/envelope';
import { desktopContract, desktopIpcChannelFor, type DesktopChannelName, type DesktopResponseOf } from '../shared/api/desktop-channels';
import type { z } from 'zod';
import type { IpcMainLike } from './ipc-transport';
import { isTrustedSender, type SenderFrameLike } from './trusted-sender';

type RequestOf<C extends DesktopChannelName> = z.output<(typeof desktopContract)[C]['request']>;

/**
 * Registers the main process's answer to one desktop channel: only for our own renderer's main frame
 * (FORBIDDEN otherwise, as every routed channel), its request checked against the contract
 * (BAD_REQUEST), a thrown error an INTERNAL envelope.
 * Returns a function that removes it.
 */
export function registerDesktopRoute<C extends DesktopChannelName>(
  ipcMain: IpcMainLike,
  name: C,
  answer: (request: RequestOf<C>) => Promise<ApiEnvelope<DesktopResponseOf<C>>>,
  isTrusted: (frame: SenderFrameLike | null) => boolean = isTrustedSender,
): () => void {
  const channel = desktopIpcChannelFor(name);
  ipcMain.handle(channel, async (event, payload): Promise<ApiEnvelope<unknown>> => {
    if (!isTrusted(event.senderFrame)) return fail('FORBIDDEN', 'IPC from an untrusted frame');
    const request = desktopContract[name].request.safeParse(payload);
    if (!request.success) return fail('BAD_REQUEST', `invalid request for ${name}`);
    try {
      return await answer(request.data as RequestOf<C>);
    } catch (e) {
      return fail('INTERNAL', `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return () => ipcMain.removeHandler(channel);
}
