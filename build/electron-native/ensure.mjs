// Builds better-sqlite3 for Electron's ABI into dist/electron-native/, leaving the Node build in
// node_modules for the CLI, the browser host and the tests. Redone only when the stamp says the
// build is for another Electron, better-sqlite3, platform or arch. Used by `npm start`,
// `npm run dist` and `npm run native:electron`.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BINDING_FILE, ELECTRON_NATIVE_DIR, expectedStamp, readStamp, stampIsCurrent, writeStamp } from './stamp.mjs';

const DEFAULT_HEADERS_URL = 'https://www.electronjs.org/headers';
const MODULE = 'better-sqlite3';

/**
 * @returns {Promise<{ status: 'current' | 'built' | 'skipped', path?: string, reason?: string }>}
 *   'skipped' (with the reason) when the build cannot be made here: Electron not installed, its
 *   headers not reachable, or the compiler failed. Nothing is thrown for those.
 */
export async function ensureElectronNative({
  root,
  outDir = join(root, ELECTRON_NATIVE_DIR),
  force = false,
  headersUrl = process.env.ELECTRON_REBUILD_DIST_URL || DEFAULT_HEADERS_URL,
  // @electron/rebuild's node-gyp header cache (~/.electron-gyp/<version>/, complete when it has installVersion).
  electronGypDir = join(homedir(), '.electron-gyp'),
  log = (line) => process.stderr.write(`RadGround: ${line}\n`),
}) {
  const require = createRequire(join(root, 'package.json'));
  const electronVersion = packageVersion(require, 'electron');
  if (!electronVersion) return skipped('Electron is not installed (it is a dev dependency: run npm ci)');
  const moduleVersion = packageVersion(require, MODULE);
  if (!moduleVersion) return skipped(`${MODULE} is not installed (run npm ci)`);

  const stamp = await currentStamp(root);
  const binding = join(outDir, BINDING_FILE);
  if (!force && existsSync(binding) && stampIsCurrent(readStamp(outDir), stamp)) return { status: 'current', path: binding };

  const headers = await headersReachable(electronVersion, headersUrl, electronGypDir);
  if (headers !== true) {
    return skipped(`the headers of Electron ${electronVersion} could not be fetched from ${headersUrl} (${headers}), so ${MODULE} cannot be built for Electron`);
  }

  log(`building ${MODULE} ${moduleVersion} for Electron ${electronVersion} (ABI ${stamp.abi ?? '?'})…`);
  // A copy of the package, inside the repository so that prebuild-install (a dependency of
  // better-sqlite3, tried before compiling) still resolves from node_modules.
  const staging = join(root, 'node_modules', '.cache', 'radground-electron-native');
  const stagedModule = join(staging, 'node_modules', MODULE);
  rmSync(staging, { recursive: true, force: true });
  const moduleDir = dirname(require.resolve(`${MODULE}/package.json`));
  cpSync(moduleDir, stagedModule, {
    recursive: true,
    filter: (src) => !['build', 'prebuilds', 'node_modules'].includes(relative(moduleDir, src).split(sep)[0]),
  });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'radground-electron-native', private: true, dependencies: { [MODULE]: moduleVersion } }));
  try {
    const { rebuild } = await import(pathToFileURL(require.resolve('@electron/rebuild')).href);
    await rebuild({
      buildPath: staging,
      electronVersion,
      arch: process.arch,
      onlyModules: [MODULE],
      force: true,
      headerURL: headersUrl,
      mode: 'sequential',
    });
    mkdirSync(outDir, { recursive: true });
    copyFileSync(join(stagedModule, 'build', 'Release', BINDING_FILE), binding);
    writeStamp(outDir, stamp);
  } catch (e) {
    return skipped(`${MODULE} could not be built for Electron ${electronVersion}: ${firstLine(e)}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`${MODULE} for Electron ${electronVersion} is in ${relative(root, outDir)}`);
  return { status: 'built', path: binding };
}

/** What a build made now, on this machine, would be for; null without Electron or better-sqlite3. */
export async function currentStamp(root) {
  const require = createRequire(join(root, 'package.json'));
  const electronVersion = packageVersion(require, 'electron');
  const moduleVersion = packageVersion(require, MODULE);
  if (!electronVersion || !moduleVersion) return null;
  const abi = await electronAbi(require, electronVersion);
  return expectedStamp({ electronVersion, abi, platform: process.platform, arch: process.arch, moduleVersion });
}

function skipped(reason) {
  return { status: 'skipped', reason };
}

function packageVersion(require, name) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Electron's NODE_MODULE_VERSION from node-abi (the table @electron/rebuild uses), null if unknown. */
async function electronAbi(require, electronVersion) {
  try {
    const rebuildRequire = createRequire(require.resolve('@electron/rebuild'));
    const { getAbi } = await import(pathToFileURL(rebuildRequire.resolve('node-abi')).href);
    return String(getAbi(electronVersion, 'electron'));
  } catch {
    return null;
  }
}

/** true when node-gyp already holds the headers or they answer at `headersUrl`; else why not. */
async function headersReachable(electronVersion, headersUrl, electronGypDir) {
  if (existsSync(join(electronGypDir, electronVersion, 'installVersion'))) return true;
  const url = `${headersUrl.replace(/\/+$/, '')}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(15_000) });
    return response.ok ? true : `HTTP ${response.status}`;
  } catch (e) {
    return firstLine(e.cause ?? e);
  }
}

function firstLine(e) {
  const text = e instanceof Error ? `${e.code ? `${e.code}: ` : ''}${e.message}` : String(e);
  return text.split('\n')[0];
}
