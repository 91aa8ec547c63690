/**
 * Issue 14.5: the desktop app's PDF export route, tested without the Electron binary: Electron's dialog,
 * window and file APIs are injected (a recording fake), the HTML comes from a real core's
 * reports.exportHtml. What Electron itself does with the window is covered by test/electron (skipped where
 * the binary is absent) and the pagination of the same HTML by the Chromium e2e test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import { PDF_WINDOW_OPTIONS, PRINT_TO_PDF_OPTIONS, pdfRequestAllowed, registerPdfExport, type PdfExportDeps } from '../../../electron/main/pdf-export';
import type { IpcInvokeEventLike, IpcMainLike } from '../../../electron/main/ipc-transport';
import { buildPreloadBridge } from '../../../electron/preload/build-preload-bridge';
import { createIpcTransport } from '../../../renderer/src/api/ipc-transport';
import { desktopIpcChannelFor } from '../../../electron/shared/api/desktop-channels';
import type { ApiEnvelope } from '../../../electron/shared/api/envelope';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';

const hasData = requireSharedData();
const CHANNEL = desktopIpcChannelFor('desktop.saveReportPdf');
const TRUSTED: IpcInvokeEventLike = { senderFrame: { url: 'app://radground/index.html', parent: null } };

function fakeIpcMain(): IpcMainLike & { invoke(event: IpcInvokeEventLike, payload: unknown): Promise<ApiEnvelope<unknown>>; handlers: Map<string, unknown> } {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  return {
    handlers,
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
    invoke: async (event, payload) => (await handlers.get(CHANNEL)!(event, payload)) as ApiEnvelope<unknown>,
  };
}

interface Recorded {
  exported: string[];
  dialogs: unknown[];
  windows: Array<{ options: unknown; allowed: (url: string) => boolean; loaded: string[]; printed: unknown[]; destroyed: boolean }>;
  temps: Array<{ html: string; removed: boolean }>;
  written: Array<{ path: string; bytes: Uint8Array }>;
}

const PDF_BYTES = new TextEncoder().encode('%PDF-1.4 fake');

function fakeDeps(exportHtml: PdfExportDeps['exportHtml'], options: { cancel?: boolean; printFails?: boolean } = {}): { deps: PdfExportDeps; rec: Recorded } {
  const rec: Recorded = { exported: [], dialogs: [], windows: [], temps: [], written: [] };
  const deps: PdfExportDeps = {
    exportHtml: (reportId) => {
      rec.exported.push(reportId);
      return exportHtml(reportId);
    },
    showSaveDialog: async (dialog) => {
      rec.dialogs.push(dialog);
      return options.cancel ? { canceled: true } : { canceled: false, filePath: '/home/reader/Reports/chosen.pdf' };
    },
    createWindow: (windowOptions, allowed) => {
      const window = { options: windowOptions, allowed, loaded: [] as string[], printed: [] as unknown[], destroyed: false };
      rec.windows.push(window);
      return {
        loadFile: async (path) => void window.loaded.push(path),
        webContents: {
          printToPDF: async (printOptions) => {
            window.printed.push(printOptions);
            if (options.printFails) throw new Error('printing failed');
            return PDF_BYTES;
          },
        },
        destroy: () => void (window.destroyed = true),
      };
    },
    writeTempHtml: async (html) => {
      const temp = { html, removed: false };
      rec.temps.push(temp);
      return { path: '/tmp/radground-pdf-x/report.html', url: 'file:///tmp/radground-pdf-x/report.html', remove: async () => void (temp.removed = true) };
    },
    writeFile: async (path, bytes) => void rec.written.push({ path, bytes }),
    defaultDir: '/home/reader/Downloads',
    joinPath: (dir, name) => `${dir}/${name}`,
  };
  return { deps, rec };
}

describe('desktop.saveReportPdf route: sender and request validation', () => {
  const never = async (): Promise<ApiEnvelope<unknown>> => {
    throw new Error('the core must not be asked');
  };

  it('answers FORBIDDEN to anything but our renderer main frame, and asks nothing of the core or the user', async () => {
    const ipc = fakeIpcMain();
    const { deps, rec } = fakeDeps(never);
    registerPdfExport(ipc, deps);
    for (const senderFrame of [null, { url: 'app://radground/index.html', parent: {} }, { url: 'https://evil.example/', parent: null }, { url: 'file:///x.html', parent: null }]) {
      const envelope = await ipc.invoke({ senderFrame }, { reportId: 'r1' });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(rec.exported).toEqual([]);
    expect(rec.dialogs).toEqual([]);
  });

  it('answers BAD_REQUEST to a payload the contract refuses', async () => {
    const ipc = fakeIpcMain();
    const { deps, rec } = fakeDeps(never);
    registerPdfExport(ipc, deps);
    for (const payload of [undefined, {}, { reportId: '' }, { reportId: 'x'.repeat(101) }, { reportId: 'r1', path: '/etc/passwd' }, { reportId: 7 }]) {
      expect(await ipc.invoke(TRUSTED, payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(rec.exported).toEqual([]);
  });

  it('passes the core\'s error on (an unknown report) without a dialog', async () => {
    const ipc = fakeIpcMain();
    const { deps, rec } = fakeDeps(async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no report r9' } }));
    registerPdfExport(ipc, deps);
    expect(await ipc.invoke(TRUSTED, { reportId: 'r9' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no report r9' } });
    expect(rec.dialogs).toEqual([]);
    expect(rec.windows).toEqual([]);
  });

  it('removes its handler', () => {
    const ipc = fakeIpcMain();
    const remove = registerPdfExport(ipc, fakeDeps(never).deps);
    expect(ipc.handlers.has(CHANNEL)).toBe(true);
    remove();
    expect(ipc.handlers.has(CHANNEL)).toBe(false);
  });
});

describe('the printing window and its options', () => {
  it('is hidden, sandboxed, without Node, preload or JavaScript, in an in-memory session of its own', () => {
    const w = PDF_WINDOW_OPTIONS;
    expect(w.show).toBe(false);
    expect(w.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, javascript: false, webSecurity: true, webviewTag: false });
    expect(w.webPreferences).not.toHaveProperty('preload');
    expect(w.webPreferences.partition.startsWith('persist:')).toBe(false);
  });

  it('may load only its own document and data: images (offline)', () => {
    const allowed = pdfRequestAllowed('file:///tmp/radground-pdf-a/report.html');
    expect(allowed('file:///tmp/radground-pdf-a/report.html')).toBe(true);
    expect(allowed('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    for (const url of ['https://example.org/track.png', 'http://127.0.0.1:8042/', 'file:///etc/passwd', 'file:///tmp/radground-pdf-a/other.html', 'app://radground/index.html']) {
      expect(allowed(url), url).toBe(false);
    }
  });
});

describe.skipIf(!hasData)(`desktop.saveReportPdf with a real core's HTML export (${hasData ? 'real CR' : NO_SHARED_DATA_REASON})`, () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let reportId: string;
  let exportHtml: PdfExportDeps['exportHtml'];
  beforeAll(async () => {
    env = await createTestCore();
    const summary = await call(env.core, 'studies.import', { paths: [sharedData('cxr', 'siim_CR_jpegbaseline.dcm')] });
    const report = await call(env.core, 'reports.create', { studyInstanceUid: summary.studies[0]!.studyInstanceUid });
    reportId = report.id;
    await call(env.core, 'reports.addSentence', { reportId, section: 'indication', text: 'Cough for two weeks.' });
    exportHtml = (id) => env.core.dispatch('reports.exportHtml', { reportId: id }, { transport: 'ipc' });
  });
  afterAll(() => env?.dispose());

  it('prints exactly the report\'s HTML export in the sandboxed window with the PDF options, writes the PDF where the user chose, and cleans up', async () => {
    const ipc = fakeIpcMain();
    const { deps, rec } = fakeDeps(exportHtml);
    registerPdfExport(ipc, deps);
    const envelope = await ipc.invoke(TRUSTED, { reportId });
    expect(envelope).toEqual({ ok: true, value: { saved: true, fileName: 'chosen.pdf' } });
    const { html } = await call(env.core, 'reports.exportHtml', { reportId });
    expect(rec.temps.map((t) => t.html)).toEqual([html]);
    expect(html).toContain('Cough for two weeks.');
    expect(rec.dialogs).toEqual([{ title: 'Save report as PDF', defaultPath: `/home/reader/Downloads/report-${reportId}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] }]);
    expect(rec.windows).toHaveLength(1);
    const window = rec.windows[0]!;
    expect(window.options).toBe(PDF_WINDOW_OPTIONS);
    expect(window.loaded).toEqual(['/tmp/radground-pdf-x/report.html']);
    expect(window.allowed('file:///tmp/radground-pdf-x/report.html')).toBe(true);
    expect(window.allowed('https://example.org/')).toBe(false);
    expect(window.printed).toEqual([PRINT_TO_PDF_OPTIONS]);
    expect(PRINT_TO_PDF_OPTIONS).toMatchObject({ printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
    expect(rec.written).toEqual([{ path: '/home/reader/Reports/chosen.pdf', bytes: PDF_BYTES }]);
    expect(window.destroyed).toBe(true);
    expect(rec.temps[0]!.removed).toBe(true);
  });

  it('a cancelled dialog saves nothing and opens no window', async () => {
    const ipc = fakeIpcMain();
    const { deps, rec } = fakeDeps(exportHtml, { cancel: true });
    registerPdfExport(ipc, deps);
    expect(await ipc.invoke(TRUSTED, { reportId })).toEqual({ ok: true, value: { saved: false, fileName: null } });
    expect(rec.windows).toEqual([]);
    expect(rec.written).toEqual([]);
  });

  it('a failed print is an INTERNAL error; the window is destroyed and the temporary HTML removed all the same', async () => {
    const ipc = fakeIpcMain();
    const { deps, rec } = fakeDeps(exportHtml, { printFails: true });
    registerPdfExport(ipc, deps);
    expect(await ipc.invoke(TRUSTED, { reportId })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'PDF export failed: printing failed' } });
    expect(rec.written).toEqual([]);
    expect(rec.windows).toHaveLength(1);
    expect(rec.windows[0]!.destroyed).toBe(true);
    expect(rec.temps).toHaveLength(1);
    expect(rec.temps[0]!.removed).toBe(true);
  });
});

describe('preload: the desktop channels are generated from their contract', () => {
  it('window.radground.desktop invokes the desktop IPC channel with the payload', async () => {
    const calls: unknown[][] = [];
    const bridge = buildPreloadBridge({ invoke: async (...args) => (calls.push(args), { ok: true, value: { saved: false, fileName: null } }), on: () => {}, removeListener: () => {} });
    expect(Object.keys(bridge.desktop)).toEqual(['desktop.saveReportPdf', 'desktop.chooseImportPaths', 'desktop.takeLaunchPaths']);
    expect(await bridge.desktop['desktop.saveReportPdf']({ reportId: 'r1' })).toEqual({ ok: true, value: { saved: false, fileName: null } });
    expect(calls).toEqual([['radground-desktop:desktop.saveReportPdf', { reportId: 'r1' }]]);
    expect(Object.isFrozen(bridge.desktop)).toBe(true);
  });
});

describe("renderer: the desktop transport's PDF export", () => {
  it('calls the desktop channel and returns its value; an error envelope throws with its code', async () => {
    const answers: Array<ApiEnvelope<unknown>> = [
      { ok: true, value: { saved: true, fileName: 'r.pdf' } },
      { ok: false, error: { code: 'INTERNAL', message: 'PDF export failed: x' } },
    ];
    const bridge = buildPreloadBridge({ invoke: async () => answers.shift(), on: () => {}, removeListener: () => {} });
    const transport = createIpcTransport(bridge);
    expect(await transport.saveReportPdf!('r1')).toEqual({ saved: true, fileName: 'r.pdf' });
    await expect(transport.saveReportPdf!('r1')).rejects.toMatchObject({ code: 'INTERNAL', channel: 'desktop.saveReportPdf' });
  });
});
