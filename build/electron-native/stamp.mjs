// The stamp beside the Electron build of better-sqlite3: what it was built for. The build is
// redone whenever any of these change (a new Electron, another better-sqlite3, another machine).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the Electron build goes, relative to the repository root. The main process finds it as
 * `<dist/electron>/../electron-native` (electron/main/main.ts); packaged, it is asar-unpacked. */
export const ELECTRON_NATIVE_DIR = 'dist/electron-native';
export const BINDING_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'stamp.json';

/** What a build made now would be. `abi` is Electron's NODE_MODULE_VERSION (null when unknown). */
export function expectedStamp({ electronVersion, abi, platform, arch, moduleVersion }) {
  return { module: 'better-sqlite3', moduleVersion, electron: electronVersion, abi, platform, arch };
}

/** True when the stamp on disk says the build is for exactly `expected`. */
export function stampIsCurrent(actual, expected) {
  if (actual === null || typeof actual !== 'object') return false;
  return Object.keys(expected).every((key) => actual[key] === expected[key]);
}

/** The stamp in `dir`, or null when there is none or it is unreadable. */
export function readStamp(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8'));
  } catch {
    return null;
  }
}

export function writeStamp(dir, stamp) {
  writeFileSync(join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
}
