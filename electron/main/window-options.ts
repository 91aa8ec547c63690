import type { BrowserWindowConstructorOptions } from 'electron';
import type { Placement, PlacementDefaults } from './window-state';

/** The window's size on a first start (and its smallest size); window-state.ts places it later on. */
export const MAIN_WINDOW_SIZE: PlacementDefaults = { width: 1600, height: 1000, minWidth: 1024, minHeight: 700 };

/**
 * Options of the one reading window, at the remembered place and size (`placement`, window-state.ts;
 * maximized and full screen are applied once the window exists). A plain function so a unit test can
 * check each item of Electron's security checklist without starting Electron.
 */
export function createMainWindowOptions(preloadPath: string, placement?: Placement): BrowserWindowConstructorOptions {
  return {
    width: placement?.width ?? MAIN_WINDOW_SIZE.width,
    height: placement?.height ?? MAIN_WINDOW_SIZE.height,
    ...(placement?.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: MAIN_WINDOW_SIZE.minWidth,
    minHeight: MAIN_WINDOW_SIZE.minHeight,
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
