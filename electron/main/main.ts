// Electron main process: window, protocol, security policy and the IPC transport. All product
// logic lives in the core; nothing here decides anything about studies or reports.
import { app, BrowserWindow, ipcMain, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppCore, type AppCore } from '../core/app-core';
import { importDemoStudies } from '../core/import/import-demo-studies';
import { ELECTRON_NATIVE_DIR_ENV, unpackedAsarPath } from '../core/storage/sqlite-native-binding';
import { IPC_EVENT_CHANNEL } from '../shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '../shared/security/content-security-policy';
import { resolveAppUrlToFile } from './app-protocol';
import { applySessionPolicy, applyWebContentsPolicy } from './content-policy';
import { electronPdfDeps } from './electron-pdf-deps';
import { registerIpcTransport } from './ipc-transport';
import { registerPdfExport } from './pdf-export';
import { APP_ORIGIN, APP_SCHEME } from './trusted-sender';
import { createMainWindowOptions } from './window-options';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');
// better-sqlite3 built for Electron's ABI (build/electron-native/ writes dist/electron-native/);
// inherited by any process the core starts.
process.env[ELECTRON_NATIVE_DIR_ENV] ??= unpackedAsarPath(join(__dirname, '..', 'electron-native'));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => applyWebContentsPolicy(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void core?.close());
  app.whenReady().then(start, (e: unknown) => {
    console.error('RadGround failed to start', e);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const modelsDir = app.isPackaged ? join(process.resourcesPath, 'native-models') : join(__dirname, '..', '..', 'native-models');
  core = await createAppCore({ dataDir: app.getPath('userData'), modelsDir });
  const appCore = core;
  // The embedded demo study (generated on first run) is what a fresh install opens.
  const demo = await importDemoStudies(
    { db: appCore.db, logger: appCore.logger, publish: (e) => appCore.events.publish(e) },
    appCore.dataDir,
  ).catch((e: unknown) => {
    appCore.logger.error('demo study unavailable', { error: String(e) });
    return null;
  });
  appCore.setStartupStudy(demo?.currentStudyInstanceUid ?? null);
  applySessionPolicy(session.defaultSession);
  protocol.handle(APP_SCHEME, serveRenderer);
  registerIpcTransport(ipcMain, appCore.dispatch);
  registerPdfExport(ipcMain, electronPdfDeps((reportId) => appCore.dispatch('reports.exportHtml', { reportId }, { transport: 'ipc' }), () => mainWindow));
  appCore.events.subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  mainWindow = new BrowserWindow(createMainWindowOptions(preloadPath));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

async function serveRenderer(request: Request): Promise<Response> {
  const file = resolveAppUrlToFile(request.url, rendererDir);
  if (!file) return new Response('not found', { status: 404 });
  const response = await net.fetch(pathToFileURL(file).toString());
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}
