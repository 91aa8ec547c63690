import { apiContract, channelNames, ipcChannelFor, isChannelName, type ChannelName } from '../shared/api/contract';
import { fail, type ApiEnvelope } from '../shared/api/envelope';
import { apiEventSchema, type ApiEvent } from '../shared/api/events';
import { portServerMessageSchema, type MessagePortLike, type PortClientMessage } from '../shared/api/port-messages';
import type { IpcMainLike } from './ipc-transport';
import { isTrustedSender, type SenderFrameLike } from './trusted-sender';

/**
 * The main process's side of the core: it owns no product logic, it forwards each call over the
 * port to the core server (the utility process) and hands back its envelope, and fans the core's
 * events out. Requests are checked against the contract here first, so a malformed payload never
 * leaves the main process.
 */
export interface CoreRouter {
  call(channel: string, payload: unknown, signal?: AbortSignal): Promise<ApiEnvelope<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Resolves when the core server says it is listening; rejects when it could not start. */
  readonly ready: Promise<void>;
  /** The core is gone (its process exited): every pending and later call fails with INTERNAL. */
  close(reason: string): void;
}

export interface RouterLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export function createCoreRouter(port: MessagePortLike, logger: RouterLogger = { warn: () => {} }): CoreRouter {
  let nextId = 1;
  let closed: string | null = null;
  const pending = new Map<number, (envelope: ApiEnvelope<unknown>) => void>();
  const listeners = new Set<(event: ApiEvent) => void>();
  let markReady!: () => void;
  let markFailed!: (e: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  ready.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection here

  const close = (reason: string) => {
    if (closed !== null) return;
    closed = reason;
    markFailed(new Error(reason));
    for (const resolve of pending.values()) resolve(fail('INTERNAL', `the core stopped: ${reason}`));
    pending.clear();
    stop();
  };

  const stop = port.onMessage((raw) => {
    const parsed = portServerMessageSchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn('core message dropped', { reason: 'not of the wire format' });
      return;
    }
    const message = parsed.data;
    if (message.type === 'ready') markReady();
    else if (message.type === 'fatal') close(`the core could not start: ${message.message}`);
    else if (message.type === 'event') {
      const event = apiEventSchema.safeParse(message.event);
      if (!event.success) logger.warn('core event dropped', { reason: 'not an API event' });
      else for (const listener of listeners) listener(event.data);
    } else {
      const resolve = pending.get(message.id);
      if (!resolve) return; // cancelled, then answered late
      pending.delete(message.id);
      resolve(message.envelope);
    }
  });

  const call = (channel: string, payload: unknown, signal?: AbortSignal): Promise<ApiEnvelope<unknown>> => {
    if (!isChannelName(channel)) return Promise.resolve(fail('NOT_FOUND', `unknown API channel "${channel}"`));
    if (!apiContract[channel].request.safeParse(payload).success) return Promise.resolve(fail('BAD_REQUEST', `invalid request for ${channel}`));
    if (closed !== null) return Promise.resolve(fail('INTERNAL', `the core stopped: ${closed}`));
    if (signal?.aborted) return Promise.resolve(fail('CANCELLED', `${channel} cancelled by the caller`));
    const id = nextId++;
    return new Promise((resolve) => {
      const onAbort = () => port.postMessage({ type: 'cancel', id } satisfies PortClientMessage);
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, (envelope) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(envelope);
      });
      port.postMessage({ type: 'request', id, channel, payload } satisfies PortClientMessage);
    });
  };

  return {
    call,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready,
    close,
  };
}

/** The part of an invoking WebContents the router uses: a call of a closed window is cancelled. */
export interface InvokeSenderLike {
  once(event: 'destroyed', listener: () => void): unknown;
  removeListener(event: 'destroyed', listener: () => void): unknown;
}

/**
 * One ipcMain handler per contract channel, each answered through the router: only our own
 * renderer's main frame is answered (FORBIDDEN otherwise), and a call whose window goes away is
 * cancelled in the core. Returns a function that removes the handlers.
 */
export function registerRoutedIpc(
  ipcMain: IpcMainLike,
  router: Pick<CoreRouter, 'call'>,
  isTrusted: (frame: SenderFrameLike | null) => boolean = isTrustedSender,
): () => void {
  for (const name of channelNames) {
    ipcMain.handle(ipcChannelFor(name), async (event, payload): Promise<ApiEnvelope<unknown>> => {
      if (!isTrusted(event.senderFrame)) return fail('FORBIDDEN', 'IPC from an untrusted frame');
      const sender = (event as { sender?: InvokeSenderLike }).sender;
      if (!sender) return router.call(name, payload);
      const controller = new AbortController();
      const onGone = () => controller.abort();
      sender.once('destroyed', onGone);
      try {
        return await router.call(name satisfies ChannelName, payload, controller.signal);
      } finally {
        sender.removeListener('destroyed', onGone);
      }
    });
  }
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(ipcChannelFor(name));
  };
}
