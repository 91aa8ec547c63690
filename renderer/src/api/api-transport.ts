import type { ChannelName } from '../../../electron/shared/api/contract';
import type { ApiEnvelope } from '../../../electron/shared/api/envelope';
import type { ApiEvent } from '../../../electron/shared/api/events';

/** How the renderer reaches the core: Electron IPC through the preload, or the loopback HTTP host. */
export interface ApiTransport {
  readonly kind: 'ipc' | 'http';
  invoke(channel: ChannelName, payload: unknown): Promise<ApiEnvelope<unknown>>;
  /**
   * A binary channel's answer with its payload written, as it arrives, into the bytes
   * `destination(meta)` gives (no buffer of the whole payload); the envelope carries the meta alone.
   * Absent where the payload comes whole anyway (IPC): callers then copy it (api-client's callBinaryInto).
   */
  invokeInto?(channel: ChannelName, payload: unknown, destination: (meta: unknown) => Uint8Array): Promise<ApiEnvelope<{ meta: unknown }>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /**
   * Paths the core can import for files dropped on the page: the desktop app knows their paths;
   * a browser sends their bytes to the host, which keeps them in one folder per drop.
   */
  importPathsForFiles(files: DroppedFile[]): Promise<string[]>;
  /**
   * The desktop app's PDF export (printToPDF of the report's HTML, saved where the user picks); absent in
   * the browser host, where the renderer prints the HTML through the browser's dialog instead.
   */
  saveReportPdf?(reportId: string): Promise<{ saved: boolean; fileName: string | null }>;
  /**
   * The desktop app's open dialog ("Open folder…", "Open files…"): the chosen paths, none when cancelled
   * (`omitted`: chosen past the import limit). Absent in the browser host, which has the path field only.
   */
  chooseImportPaths?(pick: 'folders' | 'files'): Promise<{ paths: string[]; omitted: number }>;
  /**
   * The folders and DICOM files the desktop app was opened with (its command line, a second launch, a
   * file opened on macOS): `take` answers those not taken yet, `onPending` says when more have come.
   * Absent in the browser host.
   */
  launchPaths?: { take(): Promise<string[]>; onPending(listener: () => void): () => void };
}

export interface DroppedFile {
  file: File;
  /** Path inside the dropped folder ('CT/1-01.dcm'), or the file name. */
  relativePath: string;
}
