import type { ChannelName } from './contract';
import type { ApiEnvelope } from './envelope';
import type { ApiEvent } from './events';

/** What the sandboxed preload exposes as `window.radground`: one function per contract channel. */
export interface PreloadBridge {
  readonly api: { readonly [C in ChannelName]: (payload: unknown) => Promise<ApiEnvelope<unknown>> };
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export const PRELOAD_GLOBAL = 'radground';
