import { apiContract, isChannelName } from '../../shared/api/contract';
import type { ChannelDefinition } from '../../shared/api/define-channel';
import { fail, type ApiEnvelope } from '../../shared/api/envelope';
import type { ApiEvent } from '../../shared/api/events';
import { portClientMessageSchema, type MessagePortLike, type PortServerMessage } from '../../shared/api/port-messages';
import type { Logger } from '../logging/logger';
import type { Dispatch } from './dispatch';

export interface PortServedCore {
  readonly dispatch: Dispatch;
  readonly events: { subscribe(listener: (event: ApiEvent) => void): () => void };
  readonly logger: Logger;
}

/**
 * Serves the core's API over a MessagePort-like port (port-messages.ts): each request is
 * dispatched (the dispatcher validates the payload against the contract), answered with its
 * envelope, and every core event is forwarded. A cancel answers CANCELLED at once, aborts the
 * call's `context.signal` and drops the late result. Messages that are not of the wire format are
 * answered BAD_REQUEST when they carry an id, else logged and dropped. Returns a function that
 * stops serving.
 */
export function serveCoreOverPort(port: MessagePortLike, core: PortServedCore): () => void {
  const inflight = new Map<number, { channel: string; controller: AbortController }>();
  const post = (message: PortServerMessage, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  const respond = (id: number, channel: string, envelope: ApiEnvelope<unknown>) => {
    const { message, transfer } = responseMessage(id, channel, envelope);
    post(message, transfer);
  };

  const stopEvents = core.events.subscribe((event) => post({ type: 'event', event }));
  const stopMessages = port.onMessage((raw) => {
    const parsed = portClientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) post({ type: 'response', id, envelope: fail('BAD_REQUEST', 'malformed port message') });
      else core.logger.warn('port message dropped', { reason: 'not of the wire format' });
      return;
    }
    const message = parsed.data;
    if (message.type === 'cancel') {
      const call = inflight.get(message.id);
      if (!call) return; // already answered
      inflight.delete(message.id);
      call.controller.abort();
      respond(message.id, call.channel, fail('CANCELLED', `${call.channel} cancelled by the caller`));
      return;
    }
    const { id, channel, payload } = message;
    if (inflight.has(id)) {
      post({ type: 'response', id, envelope: fail('BAD_REQUEST', `request id ${id} is already in flight`) });
      return;
    }
    const controller = new AbortController();
    const call = { channel, controller };
    inflight.set(id, call);
    // 'ipc': what this server carries is the desktop app's renderer IPC, routed by the main process.
    void core.dispatch(channel, payload, { transport: 'ipc', signal: controller.signal }).then((envelope) => {
      if (inflight.get(id) !== call) return; // cancelled: already answered
      inflight.delete(id);
      respond(id, channel, envelope);
    });
  });

  return () => {
    stopMessages();
    stopEvents();
    for (const { controller } of inflight.values()) controller.abort();
    inflight.clear();
  };
}

/**
 * A response message. A binary channel's bytes that are a view into a larger buffer (a chunk of a
 * cached volume, a pooled Buffer) are copied into a buffer of their own, which is transferred: the
 * port then carries those bytes only, never the buffer behind them. Bytes spanning their whole
 * buffer are sent as they are and never transferred (the core may still hold that buffer).
 */
function responseMessage(id: number, channel: string, envelope: ApiEnvelope<unknown>): { message: PortServerMessage; transfer?: ArrayBuffer[] } {
  if (!envelope.ok || !isChannelName(channel) || (apiContract[channel] as ChannelDefinition).kind !== 'binary') {
    return { message: { type: 'response', id, envelope } };
  }
  const value = envelope.value as { meta: unknown; data: Uint8Array };
  const { data } = value;
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return { message: { type: 'response', id, envelope } };
  const own = data.slice();
  return { message: { type: 'response', id, envelope: { ok: true, value: { meta: value.meta, data: own } } }, transfer: [own.buffer] };
}
