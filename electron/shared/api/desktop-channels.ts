import { z } from 'zod';
import { jsonChannel, type JsonChannel } from './define-channel';

/**
 * Channels the Electron main process answers itself (they need the desktop: native dialogs, printing),
 * never forwarded to the core. The preload exposes them as `window.radground.desktop`; the browser host
 * has none of them (the renderer uses the browser's own print dialog there).
 */
export const desktopContract = {
  'desktop.saveReportPdf': jsonChannel({
    description:
      "Renders the report's self-contained HTML export to PDF (printToPDF in a hidden, sandboxed, offline " +
      'window with JavaScript off) and writes it where the user picks in a save dialog.',
    request: z.object({ reportId: z.string().min(1).max(100) }).strict(),
    response: z.object({ saved: z.boolean(), fileName: z.string().nullable() }),
  }),
} as const satisfies Record<string, JsonChannel>;

export type DesktopContract = typeof desktopContract;
export type DesktopChannelName = keyof DesktopContract;
export const desktopChannelNames = Object.keys(desktopContract) as DesktopChannelName[];
export type DesktopResponseOf<C extends DesktopChannelName> = z.output<DesktopContract[C]['response']>;

export const DESKTOP_IPC_PREFIX = 'radground-desktop:';
export function desktopIpcChannelFor(name: DesktopChannelName): string {
  return DESKTOP_IPC_PREFIX + name;
}
