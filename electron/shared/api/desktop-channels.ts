import { z } from 'zod';
import { IMPORT_PATHS_MAX, importPathSchema } from './channels/study-channels';
import { jsonChannel, type JsonChannel } from './define-channel';

/** Paths for studies.import, as many as one call takes. */
const importPaths = z.array(importPathSchema).max(IMPORT_PATHS_MAX);

/**
 * Channels the Electron main process answers itself (they need the desktop: native dialogs, printing,
 * the paths the app was launched with), never forwarded to the core. The preload exposes them as
 * `window.radground.desktop`; the browser host has none of them (the renderer uses the browser's own
 * print dialog and a path field there).
 */
export const desktopContract = {
  'desktop.saveReportPdf': jsonChannel({
    description:
      "Renders the report's self-contained HTML export to PDF (printToPDF in a hidden, sandboxed, offline " +
      'window with JavaScript off) and writes it where the user picks in a save dialog.',
    request: z.object({ reportId: z.string().min(1).max(100) }).strict(),
    response: z.object({ saved: z.boolean(), fileName: z.string().nullable() }),
  }),
  'desktop.chooseImportPaths': jsonChannel({
    description:
      'Shows the open dialog on the main window (folders, or DICOM files and DICOMDIRs; several at once) and ' +
      'answers the chosen paths for studies.import: none when cancelled; past the import limit the rest are counted in `omitted`.',
    request: z.object({ pick: z.enum(['folders', 'files']) }).strict(),
    response: z.object({ paths: importPaths, omitted: z.number().int().nonnegative() }),
  }),
  'desktop.takeLaunchPaths': jsonChannel({
    description:
      'The folders and DICOM files the app was opened with (command line of the first or a second launch, ' +
      "macOS 'open-file') that the renderer has not taken yet; each is answered once.",
    request: z.object({}).strict(),
    response: z.object({ paths: importPaths }),
  }),
} as const satisfies Record<string, JsonChannel>;

export type DesktopContract = typeof desktopContract;
export type DesktopChannelName = keyof DesktopContract;
export const desktopChannelNames = Object.keys(desktopContract) as DesktopChannelName[];
export type DesktopRequestOf<C extends DesktopChannelName> = z.input<DesktopContract[C]['request']>;
export type DesktopResponseOf<C extends DesktopChannelName> = z.output<DesktopContract[C]['response']>;

export const DESKTOP_IPC_PREFIX = 'radground-desktop:';
export function desktopIpcChannelFor(name: DesktopChannelName): string {
  return DESKTOP_IPC_PREFIX + name;
}

/**
 * Events the main process sends the renderer itself (not the core's ApiEvents). `launchPaths.pending`
 * says "desktop.takeLaunchPaths has paths for you" (a second launch, a file opened on macOS); it
 * carries no paths, so a renderer that was not listening yet loses nothing: it takes them when it starts.
 */
export const desktopEventSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('launchPaths.pending') }).strict()]);
export type DesktopEvent = z.infer<typeof desktopEventSchema>;
export const DESKTOP_EVENT_CHANNEL = 'radground-desktop-event';
