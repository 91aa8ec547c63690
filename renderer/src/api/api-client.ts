import { channelNames, type ApiClient, type ChannelName } from '../../../electron/shared/api/contract';
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
