import type { ChannelName } from '../../../electron/shared/api/contract';
import type { ApiEnvelope } from '../../../electron/shared/api/envelope';
import type { ApiEvent } from '../../../electron/shared/api/events';

/** How the renderer reaches the core: Electron IPC through the preload, or the loopback HTTP host. */
export interface ApiTransport {
  readonly kind: 'ipc' | 'http';
  invoke(channel: ChannelName, payload: unknown): Promise<ApiEnvelope<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}
