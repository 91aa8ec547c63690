import { app, BrowserWindow, dialog, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiEnvelope } from '../shared/api/envelope';
import type { PdfExportDeps } from './pdf-export';
import { applySessionPolicy } from './content-policy';

/** The PDF export's dependencies, from Electron itself (the part that cannot run without the binary). */
export function electronPdfDeps(
  exportHtml: (reportId: string) => Promise<ApiEnvelope<unknown>>,
  parent: () => BrowserWindow | null,
): PdfExportDeps {
  return {
    exportHtml,
    showSaveDialog: (options) => {
      const owner = parent();
      return owner ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options);
    },
    createWindow: (options, allowed) => {
      const printing = session.fromPartition(options.webPreferences.partition);
      applySessionPolicy(printing);
      // Offline: every request but the document's own file (and its data: images) is cancelled.
      printing.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowed(details.url) }));
      return new BrowserWindow(options);
    },
    writeTempHtml: async (html) => {
      const dir = await mkdtemp(join(tmpdir(), 'radground-pdf-'));
      const path = join(dir, 'report.html');
      await writeFile(path, html, { encoding: 'utf8', mode: 0o600 });
      return { path, url: pathToFileURL(path).toString(), remove: () => rm(dir, { recursive: true, force: true }) };
    },
    writeFile: (path, bytes) => writeFile(path, bytes),
    defaultDir: app.getPath('downloads'),
    joinPath: join,
  };
}
