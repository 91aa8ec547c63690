import type { ChannelName } from '../../../electron/shared/api/contract';
import type { ApiEnvelope } from '../../../electron/shared/api/envelope';
import type { ApiEvent } from '../../../electron/shared/api/events';

/** How the renderer reaches the core: Electron IPC through the preload, or the loopback HTTP host. */
export interface ApiTransport {
  readonly kind: 'ipc' | 'http';
  invoke(channel: ChannelName, payload: unknown): Promise<ApiEnvelope<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /**
   * Paths the core can import for files dropped on the page: the desktop app knows their paths;
   * a browser sends their bytes to the host, which keeps them in one folder per drop.
   */
  importPathsForFiles(files: DroppedFile[]): Promise<string[]>;
}

export interface DroppedFile {
  file: File;
  /** Path inside the dropped folder ('CT/1-01.dcm'), or the file name. */
  relativePath: string;
}
