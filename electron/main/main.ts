// Electron main process: window, protocol, security policy and the IPC routing. The core runs in a
// utilityProcess (electron/utility/core-utility.ts); nothing here decides anything about studies or
// reports, and nothing heavy runs on this process.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, screen, session, type UtilityProcess } from 'electron';
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
import { allowSoftwareWebgl } from './software-webgl';
import { electronPdfDeps } from './electron-pdf-deps';
import { createLaunchHandoff, registerLaunchPathsChannel } from './launch-handoff';
import { importablePaths, launchPaths } from './launch-paths';
import { registerOpenFolderDialog } from './open-folder-dialog';
import { registerPdfExport } from './pdf-export';
import { APP_ORIGIN, APP_SCHEME } from './trusted-sender';
import { createMainWindowOptions, MAIN_WINDOW_SIZE } from './window-options';
import { placeWindow } from './window-state';
import { readWindowStateFile, writeWindowStateFile, writeWindowStateFileSync } from './window-state-file';
import { trackWindowState } from './window-state-tracker';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');
const coreUtilityPath = join(__dirname, 'core-utility.cjs');
// better-sqlite3 built for Electron's ABI (build/electron-native/ writes dist/electron-native/);
// inherited by any process the core starts.
process.env[ELECTRON_NATIVE_DIR_ENV] ??= unpackedAsarPath(join(__dirname, '..', 'electron-native'));

allowSoftwareWebgl(app.commandLine);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let coreProcess: UtilityProcess | null = null;
const log = createLogger();
const logLine = (message: string, fields?: Record<string, unknown>) => log.info(message, fields);
// Folders and DICOM files the app is opened with (launch-paths.ts), handed to the renderer to import.
const argvOptions = { defaultApp: process.defaultApp === true, platform: process.platform };
const launches = createLaunchHandoff({
  window: () => mainWindow,
  resolveArgv: (argv, workingDirectory) => launchPaths(argv, workingDirectory, argvOptions),
  resolveOpened: (path) => importablePaths(typeof path === 'string' ? [path] : [], process.cwd()),
  log: logLine,
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (say, a DICOM file double-clicked in the file manager) hands its paths to this one.
  app.on('second-instance', (_event, argv, workingDirectory) => void launches.secondInstance(argv, workingDirectory));
  // macOS opens files through the running app (also before 'ready', when a file starts the app).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void launches.openFile(path);
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
  const firstLaunch = launches.firstLaunch(process.argv, process.cwd());
  const modelsDir = app.isPackaged ? join(process.resourcesPath, 'native-models') : join(__dirname, '..', '..', 'native-models');
  const dataDir = app.getPath('userData');
  const windowStateFile = join(dataDir, 'window-state.json');
  const savedWindow = readWindowStateFile(windowStateFile, logLine);
  // PACS passwords and tokens: encrypted by the OS keychain through safeStorage, relayed to the core.
  const secrets = encryptedSecretStore(join(dataDir, 'pacs-secrets.json'), safeStorage);
  const { router, child } = startCoreUtility(coreUtilityPath, { dataDir, modelsDir, demo: true }, log, secrets);
  coreProcess = child;
  applySessionPolicy(session.defaultSession);
  protocol.handle(APP_SCHEME, serveRenderer);
  registerRoutedIpc(ipcMain, router);
  registerPdfExport(ipcMain, electronPdfDeps((reportId) => router.call('reports.exportHtml', { reportId }), () => mainWindow));
  registerOpenFolderDialog(ipcMain, {
    showOpenDialog: (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
  });
  registerLaunchPathsChannel(ipcMain, launches);
  router.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  await router.ready;
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const placement = placeWindow(await savedWindow, workAreas, MAIN_WINDOW_SIZE);
  const window = new BrowserWindow(createMainWindowOptions(preloadPath, placement));
  mainWindow = window;
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
    if (placement.fullScreen) window.setFullScreen(true);
  });
  trackWindowState(window, {
    save: (state) => writeWindowStateFile(windowStateFile, state),
    saveNow: (state) => writeWindowStateFileSync(windowStateFile, state),
    log: logLine,
  });
  window.on('closed', () => (mainWindow = null));
  // The renderer takes the first launch's paths when it starts: they are known before it loads.
  await firstLaunch;
  await window.loadURL(`${APP_ORIGIN}/index.html`);
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
