import { fail, ok, type ApiEnvelope } from '../shared/api/envelope';
import type { DesktopResponseOf } from '../shared/api/desktop-channels';
import { registerDesktopRoute } from './desktop-route';
import type { IpcMainLike } from './ipc-transport';
import { isTrustedSender, type SenderFrameLike } from './trusted-sender';

/**
 * PDF export in the desktop app: the main process asks the core for the report's self-contained HTML
 * export (the same document "HTML" saves), loads it into a hidden window that is sandboxed, has no
 * preload, no Node, no JavaScript and reaches nothing but the document itself, prints it with
 * webContents.printToPDF and writes the bytes where the user chose in a save dialog. Electron's APIs are
 * behind the small interfaces below so the route, the HTML, the window and the print options are tested
 * without the binary (electron-pdf-deps.ts builds them from Electron).
 */

/** The options of the hidden window that prints; checked by a unit test. */
export const PDF_WINDOW_OPTIONS = {
  show: false,
  width: 900,
  height: 1200,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    javascript: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    images: true,
    /** An in-memory session of its own (no "persist:"): its request filter and cache end with the app. */
    partition: 'radground-pdf-export',
  },
} as const;

/** printToPDF's options: A4 unless the document's own @page says otherwise, backgrounds kept, no header/footer. */
export const PRINT_TO_PDF_OPTIONS = {
  pageSize: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  landscape: false,
} as const;

export interface PdfWindowLike {
  loadFile(path: string): Promise<void>;
  webContents: { printToPDF(options: typeof PRINT_TO_PDF_OPTIONS): Promise<Uint8Array> };
  destroy(): void;
}

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

export interface PdfExportDeps {
  /** The core's reports.exportHtml, through the router. */
  exportHtml(reportId: string): Promise<ApiEnvelope<unknown>>;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** A hidden window with these options whose session answers only `allowedUrl` (file://) and data: URLs. */
  createWindow(options: typeof PDF_WINDOW_OPTIONS, allowedUrl: (url: string) => boolean): PdfWindowLike;
  /** Writes the HTML to a new private folder; returns its path and a function that removes the folder. */
  writeTempHtml(html: string): Promise<{ path: string; url: string; remove(): Promise<void> }>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** The folder the save dialog opens in (the user's downloads). */
  defaultDir: string;
  joinPath(dir: string, name: string): string;
}

/** The only requests the printing window may make: its own document, and images embedded as data: URLs. */
export function pdfRequestAllowed(documentUrl: string): (url: string) => boolean {
  return (url) => url === documentUrl || url.startsWith('data:');
}

function reportHtml(envelope: ApiEnvelope<unknown>): string | ApiEnvelope<never> {
  if (!envelope.ok) return envelope;
  const html = (envelope.value as { html?: unknown }).html;
  return typeof html === 'string' ? html : fail('INTERNAL', 'reports.exportHtml answered without HTML');
}

/** The route's work, once the sender and the request are known to be good. */
export async function saveReportPdf(reportId: string, deps: PdfExportDeps): Promise<ApiEnvelope<DesktopResponseOf<'desktop.saveReportPdf'>>> {
  const html = reportHtml(await deps.exportHtml(reportId));
  if (typeof html !== 'string') return html;
  const safeId = reportId.replace(/[^A-Za-z0-9._-]/g, '_');
  const choice = await deps.showSaveDialog({
    title: 'Save report as PDF',
    defaultPath: deps.joinPath(deps.defaultDir, `report-${safeId}.pdf`),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return ok({ saved: false, fileName: null });
  const temp = await deps.writeTempHtml(html);
  let window: PdfWindowLike | null = null;
  try {
    window = deps.createWindow(PDF_WINDOW_OPTIONS, pdfRequestAllowed(temp.url));
    await window.loadFile(temp.path);
    const pdf = await window.webContents.printToPDF(PRINT_TO_PDF_OPTIONS);
    await deps.writeFile(choice.filePath, pdf);
  } catch (e) {
    return fail('INTERNAL', `PDF export failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    window?.destroy();
    await temp.remove().catch(() => {});
  }
  const fileName = choice.filePath.split(/[\\/]/).pop() ?? choice.filePath;
  return ok({ saved: true, fileName });
}

/** Registers the desktop.saveReportPdf route (desktop-route.ts checks the sender and the request); returns a function that removes it. */
export function registerPdfExport(
  ipcMain: IpcMainLike,
  deps: PdfExportDeps,
  isTrusted: (frame: SenderFrameLike | null) => boolean = isTrustedSender,
): () => void {
  return registerDesktopRoute(ipcMain, 'desktop.saveReportPdf', (request) => saveReportPdf(request.reportId, deps), isTrusted);
}
