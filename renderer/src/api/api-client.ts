import { channelNames, type ApiClient, type ChannelName, type RequestOf, type ResponseOf } from '../../../electron/shared/api/contract';
import type { BinaryPayload } from '../../../electron/shared/api/define-channel';
import { ApiCallError } from '../../../electron/shared/api/envelope';
import { PRELOAD_GLOBAL, type PreloadBridge } from '../../../electron/shared/api/preload-bridge';
import type { ApiTransport } from './api-transport';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';

/** One typed function per contract channel; error envelopes become thrown ApiCallErrors. */
export function createApiClient(transport: ApiTransport): ApiClient {
  const client = {} as Record<ChannelName, (request: unknown) => Promise<unknown>>;
  for (const name of channelNames) {
    client[name] = async (request: unknown) => {
      const envelope = await transport.invoke(name, request);
      if (!envelope.ok) throw new ApiCallError(name, envelope.error);
      return envelope.value;
    };
  }
  return client as unknown as ApiClient;
}

/** The meta of a binary channel's answer (never for JSON channels). */
export type BinaryMetaOf<C extends ChannelName> = ResponseOf<C> extends BinaryPayload<infer Meta> ? Meta : never;

/**
 * Calls a binary channel and puts its payload into the bytes `destination(meta)` gives (exactly that
 * many): written there as they arrive where the transport can (HTTP), else copied from the answer
 * (IPC). Resolves to the meta; error envelopes become thrown ApiCallErrors.
 */
export async function callBinaryInto<C extends ChannelName>(
  channel: C,
  request: RequestOf<C>,
  destination: (meta: BinaryMetaOf<C>) => Uint8Array,
  transport: ApiTransport = useApi().transport,
): Promise<BinaryMetaOf<C>> {
  if (transport.invokeInto) {
    const envelope = await transport.invokeInto(channel, request, destination as (meta: unknown) => Uint8Array);
    if (!envelope.ok) throw new ApiCallError(channel, envelope.error);
    return envelope.value.meta as BinaryMetaOf<C>;
  }
  const envelope = await transport.invoke(channel, request);
  if (!envelope.ok) throw new ApiCallError(channel, envelope.error);
  const { meta, data } = envelope.value as BinaryPayload<BinaryMetaOf<C>>;
  const target = destination(meta);
  if (target.length !== data.length) throw new Error(`${channel}: ${data.length} bytes for a destination of ${target.length}`);
  target.set(data);
  return meta;
}

/** The Electron preload bridge when running in the desktop shell, the browser host otherwise. */
export function pickTransport(scope: object = globalThis): ApiTransport {
  const bridge = (scope as Record<string, unknown>)[PRELOAD_GLOBAL] as PreloadBridge | undefined;
  return bridge ? createIpcTransport(bridge) : createHttpTransport();
}

let defaultTransport: ApiTransport | null = null;
let defaultClient: ApiClient | null = null;

/** The renderer's single way to reach the core. */
export function useApi(): { api: ApiClient; transport: ApiTransport } {
  defaultTransport ??= pickTransport();
  defaultClient ??= createApiClient(defaultTransport);
  return { api: defaultClient, transport: defaultTransport };
}

/** Component and store tests replace the transport with an in-memory one. */
export function installTransportForTests(transport: ApiTransport): void {
  defaultTransport = transport;
  defaultClient = createApiClient(transport);
}
