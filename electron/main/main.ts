// Electron main process: window, protocol, security policy and the IPC routing. The core runs in a
// utilityProcess (electron/utility/core-utility.ts); nothing here decides anything about studies or
// reports, and nothing heavy runs on this process.
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session, type UtilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../core/logging/logger';
import { encryptedSecretStore } from '../core/pacs/secret-store';
import { ELECTRON_NATIVE_DIR_ENV, unpackedAsarPath } from '../core/storage/sqlite-native-binding';
import { IPC_EVENT_CHANNEL } from '../shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '../shared/security/content-security-policy';
import { resolveAppUrlToFile } from './app-protocol';
import { applySessionPolicy, applyWebContentsPolicy } from './content-policy';
import { registerRoutedIpc } from './core-router';
import { startCoreUtility } from './core-utility-process';
import { electronPdfDeps } from './electron-pdf-deps';
import { registerPdfExport } from './pdf-export';
import { APP_ORIGIN, APP_SCHEME } from './trusted-sender';
import { createMainWindowOptions } from './window-options';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');
const coreUtilityPath = join(__dirname, 'core-utility.cjs');
// better-sqlite3 built for Electron's ABI (build/electron-native/ writes dist/electron-native/);
// inherited by any process the core starts.
process.env[ELECTRON_NATIVE_DIR_ENV] ??= unpackedAsarPath(join(__dirname, '..', 'electron-native'));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let coreProcess: UtilityProcess | null = null;

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
  app.on('will-quit', () => void coreProcess?.kill());
  app.whenReady().then(start, (e: unknown) => {
    console.error('RadGround failed to start', e);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const modelsDir = app.isPackaged ? join(process.resourcesPath, 'native-models') : join(__dirname, '..', '..', 'native-models');
  const dataDir = app.getPath('userData');
  // PACS passwords and tokens: encrypted by the OS keychain through safeStorage, relayed to the core.
  const secrets = encryptedSecretStore(join(dataDir, 'pacs-secrets.json'), safeStorage);
  const { router, child } = startCoreUtility(coreUtilityPath, { dataDir, modelsDir, demo: true }, createLogger(), secrets);
  coreProcess = child;
  applySessionPolicy(session.defaultSession);
  protocol.handle(APP_SCHEME, serveRenderer);
  registerRoutedIpc(ipcMain, router);
  registerPdfExport(ipcMain, electronPdfDeps((reportId) => router.call('reports.exportHtml', { reportId }), () => mainWindow));
  router.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  await router.ready;
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
