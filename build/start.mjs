// `npm start`: the desktop app when Electron's binary is available; otherwise the same renderer and
// API from the loopback browser host, with the URL (and its session token) printed to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native/ensure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const passThrough = process.argv.slice(2);

const built = [join('dist', 'cli', 'radground.cjs'), join('dist', 'workers', 'inference-worker.cjs'), join('dist', 'renderer', 'index.html')];
if (built.some((f) => !existsSync(join(root, f)))) {
  run(process.execPath, [join(root, 'build', 'build.mjs')]);
}

const electronPath = findElectron() ?? fetchElectron();
const why = whyNotElectron(electronPath) ?? (await whyNoElectronNative());
if (why === null) {
  // Chromium refuses to run its sandbox as root; only then is the flag added.
  const args = [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...passThrough];
  exitWith(spawn(electronPath, args, { stdio: 'inherit' }));
} else {
  process.stderr.write(`RadGround: ${why}; starting the browser host instead.\n`);
  exitWith(spawn(process.execPath, [join(root, 'electron', 'cli', 'radground.cjs'), 'serve', '--demo', ...passThrough], { stdio: 'inherit' }));
}

function findElectron() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Electron's install script is not run by `npm ci` (see package.json allowScripts); try it once now. */
function fetchElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.RADGROUND_NO_ELECTRON_DOWNLOAD) return null;
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return null;
  process.stderr.write('RadGround: fetching the Electron binary (one time)…\n');
  const result = spawnSync(process.execPath, [installer], { cwd: dirname(installer), stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  if (result.status !== 0) process.stderr.write('RadGround: the Electron binary could not be downloaded.\n');
  return findElectron();
}

function whyNotElectron(path) {
  if (!path) return 'the Electron binary is not installed';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display to open a window on';
  return null;
}

/** better-sqlite3 must be built for Electron's ABI (again when Electron changes); null when it is. */
async function whyNoElectronNative() {
  const native = await ensureElectronNative({ root });
  return native.status === 'skipped' ? native.reason : null;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function exitWith(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
