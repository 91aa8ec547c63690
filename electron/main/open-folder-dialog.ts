import { IMPORT_PATH_LENGTH_MAX, IMPORT_PATHS_MAX } from '../shared/api/channels/study-channels';
import type { DesktopRequestOf, DesktopResponseOf } from '../shared/api/desktop-channels';
import { ok, type ApiEnvelope } from '../shared/api/envelope';
import { registerDesktopRoute } from './desktop-route';
import type { IpcMainLike } from './ipc-transport';
import { isTrustedSender, type SenderFrameLike } from './trusted-sender';

/**
 * "Open folder…" / "Open files…" in the desktop worklist: Electron's open dialog on the main window,
 * several at once; the chosen paths go back to the renderer, which imports them as any typed path.
 * Windows and Linux cannot pick folders and files in one dialog, hence the two kinds. Electron's dialog is
 * behind OpenDialogDeps so the route is tested without the binary.
 */
export type ImportPick = DesktopRequestOf<'desktop.chooseImportPaths'>['pick'];

/** The part of Electron's dialog.showOpenDialog options used here. */
export interface OpenDialogOptions {
  title: string;
  buttonLabel: string;
  properties: Array<'openDirectory' | 'openFile' | 'multiSelections'>;
  filters?: Array<{ name: string; extensions: string[] }>;
}

export interface OpenDialogDeps {
  /** dialog.showOpenDialog, modal on the main window where there is one. */
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export function openDialogOptions(pick: ImportPick): OpenDialogOptions {
  if (pick === 'folders') return { title: 'Import folders', buttonLabel: 'Import', properties: ['openDirectory', 'multiSelections'] };
  return {
    title: 'Import DICOM files or DICOMDIR',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    // DICOMDIR has no extension: "All files" lets it (and DICOM files named without one) be chosen.
    filters: [
      { name: 'DICOM', extensions: ['dcm', 'dicom'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
}

/** The user's choice, as studies.import takes it: nothing when cancelled, at most its limit of paths. */
export async function chooseImportPaths(pick: ImportPick, deps: OpenDialogDeps): Promise<ApiEnvelope<DesktopResponseOf<'desktop.chooseImportPaths'>>> {
  const choice = await deps.showOpenDialog(openDialogOptions(pick));
  if (choice.canceled) return ok({ paths: [], omitted: 0 });
  const chosen = [...new Set(choice.filePaths)];
  const paths = chosen.filter((p) => typeof p === 'string' && p.length > 0 && p.length <= IMPORT_PATH_LENGTH_MAX).slice(0, IMPORT_PATHS_MAX);
  return ok({ paths, omitted: chosen.length - paths.length });
}

/** Registers desktop.chooseImportPaths (desktop-route.ts checks the sender and the request). */
export function registerOpenFolderDialog(
  ipcMain: IpcMainLike,
  deps: OpenDialogDeps,
  isTrusted: (frame: SenderFrameLike | null) => boolean = isTrustedSender,
): () => void {
  return registerDesktopRoute(ipcMain, 'desktop.chooseImportPaths', (request) => chooseImportPaths(request.pick, deps), isTrusted);
}
