// Which better-sqlite3 binary each runtime loads: the Node build npm installed (CLI, browser host,
// tests), or the Electron-ABI build in the folder the main process names.
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import {
  ELECTRON_NATIVE_DIR_ENV,
  selectSqliteNativeBinding,
  sqliteNativeBinding,
  unpackedAsarPath,
} from '../../../electron/core/storage/sqlite-native-binding';

const NODE_20 = { node: '20.19.0', modules: '115', v8: '11.3' };
const ELECTRON_40 = { node: '22.20.0', modules: '143', v8: '14.4', electron: '40.8.5', chrome: '144.0.0.0' };
const dir = join(sep, 'app', 'dist', 'electron-native');
const always = () => true;

describe('selectSqliteNativeBinding', () => {
  it('under Node: no nativeBinding, whatever the environment says (better-sqlite3 loads its own build)', () => {
    expect(selectSqliteNativeBinding(NODE_20, {}, always)).toBeUndefined();
    expect(selectSqliteNativeBinding(NODE_20, { [ELECTRON_NATIVE_DIR_ENV]: dir }, always)).toBeUndefined();
  });

  it('under Electron: the Electron build in the folder the main process names', () => {
    expect(selectSqliteNativeBinding(ELECTRON_40, { [ELECTRON_NATIVE_DIR_ENV]: dir }, always)).toBe(join(dir, 'better_sqlite3.node'));
  });

  it('under Electron without the folder: a clear error instead of an ABI crash', () => {
    expect(() => selectSqliteNativeBinding(ELECTRON_40, {}, always)).toThrow(ELECTRON_NATIVE_DIR_ENV);
  });

  it('under Electron with no build there: says how to make one', () => {
    const seen: string[] = [];
    const call = () =>
      selectSqliteNativeBinding(ELECTRON_40, { [ELECTRON_NATIVE_DIR_ENV]: dir }, (p) => {
        seen.push(p);
        return false;
      });
    expect(call).toThrow(RadGroundError);
    expect(call).toThrow(/Electron 40\.8\.5 \(ABI 143\).*npm run native:electron/);
    expect(seen[0]).toBe(join(dir, 'better_sqlite3.node'));
  });

  it('this test process is Node, so the database opens with the installed build', () => {
    expect(process.versions.electron).toBeUndefined();
    expect(sqliteNativeBinding()).toBeUndefined();
  });
});

describe('unpackedAsarPath', () => {
  it('moves a path inside app.asar to app.asar.unpacked, and leaves others alone', () => {
    const inAsar = join(sep, 'opt', 'RadGround', 'resources', 'app.asar', 'dist', 'electron-native');
    expect(unpackedAsarPath(inAsar)).toBe(join(sep, 'opt', 'RadGround', 'resources', 'app.asar.unpacked', 'dist', 'electron-native'));
    const dev = join(sep, 'work', 'radground', 'dist', 'electron-native');
    expect(unpackedAsarPath(dev)).toBe(dev);
    const already = join(sep, 'r', 'app.asar.unpacked', 'dist');
    expect(unpackedAsarPath(already)).toBe(already);
  });
});
