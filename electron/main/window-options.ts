import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Options of the one reading window. A plain function so a unit test can check each item of
 * Electron's security checklist without starting Electron.
 */
export function createMainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1600,
    height: 1000,
    minWidth: 1024,
    minHeight: 700,
    title: 'RadGround',
    // Reading rooms are dark; avoid a white flash before the renderer paints.
    backgroundColor: '#0b0d10',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
