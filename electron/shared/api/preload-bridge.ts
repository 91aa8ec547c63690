import type { ChannelName } from './contract';
import type { DesktopChannelName, DesktopEvent } from './desktop-channels';
import type { ApiEnvelope } from './envelope';
import type { ApiEvent } from './events';

/** What the sandboxed preload exposes as `window.radground`: one function per contract channel. */
export interface PreloadBridge {
  readonly api: { readonly [C in ChannelName]: (payload: unknown) => Promise<ApiEnvelope<unknown>> };
  /** The channels the main process answers itself (desktop-channels.ts): one function per channel. */
  readonly desktop: { readonly [C in DesktopChannelName]: (payload: unknown) => Promise<ApiEnvelope<unknown>> };
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Events of the main process itself (desktop-channels.ts), checked against their schema; others are dropped. */
  onDesktopEvent(listener: (event: DesktopEvent) => void): () => void;
  /** The file-system path of a file dropped on the window (Electron's webUtils), for imports. */
  pathForFile(file: Blob): string;
}

export const PRELOAD_GLOBAL = 'radground';
