import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { RadGroundError } from '../errors/radground-error';

/**
 * better-sqlite3 is a V8-ABI addon: the build `npm install` made is for Node and Electron refuses
 * it. The desktop app loads a second build, made for Electron's ABI by `npm run native:electron`
 * (build/electron-native/), from the folder this variable names. The main process sets it; an
 * environment variable (not a module setting) so that utility processes and workers it starts
 * inherit it.
 */
export const ELECTRON_NATIVE_DIR_ENV = 'RADGROUND_ELECTRON_NATIVE_DIR';
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

/**
 * The `nativeBinding` to open better-sqlite3 with: undefined under Node (the CLI, the browser host,
 * the tests use the build npm installed), the Electron build's path under Electron.
 */
export function selectSqliteNativeBinding(
  versions: Readonly<Partial<Record<string, string>>>,
  env: Readonly<Record<string, string | undefined>>,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  if (!versions.electron) return undefined;
  const dir = env[ELECTRON_NATIVE_DIR_ENV];
  if (!dir) {
    throw new RadGroundError(
      'INTERNAL',
      `Running under Electron ${versions.electron} but ${ELECTRON_NATIVE_DIR_ENV} is not set: ` +
        'the main process names the folder of the Electron build of better-sqlite3.',
    );
  }
  const path = join(dir, SQLITE_BINDING_FILE);
  if (!exists(path)) {
    throw new RadGroundError(
      'INTERNAL',
      `No better-sqlite3 build for Electron ${versions.electron} (ABI ${versions.modules ?? '?'}) at ${path}; ` +
        'run `npm run native:electron`.',
      { path },
    );
  }
  return path;
}

/** The binding for this process. */
export function sqliteNativeBinding(): string | undefined {
  return selectSqliteNativeBinding(process.versions, process.env);
}

/**
 * A path inside app.asar, turned into its unpacked twin: native code must be loaded from a real
 * file, and electron-builder's asarUnpack puts such files in app.asar.unpacked.
 */
export function unpackedAsarPath(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}
