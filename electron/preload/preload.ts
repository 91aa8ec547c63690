// Sandboxed preload (bundled to one CommonJS file): exposes the contract-generated bridge only.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { PRELOAD_GLOBAL } from '../shared/api/preload-bridge';
import { buildPreloadBridge } from './build-preload-bridge';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, buildPreloadBridge(ipcRenderer, webUtils));
