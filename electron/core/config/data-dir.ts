import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'RadGround';

/**
 * The folder Electron's app.getPath('userData') resolves to for this app, computed without
 * Electron so the CLI and the browser host share one database with the desktop app.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.RADGROUND_DATA_DIR) return env.RADGROUND_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? defaultDataDir(env);
}
