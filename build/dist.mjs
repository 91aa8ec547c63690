// `npm run dist [-- electron-builder options]`: the installer for this OS (electron-builder.json:
// AppImage + deb on Linux, NSIS on Windows, dmg on macOS) in dist/installers/.
// Needs the network for what electron-builder fetches (the Electron zip, NSIS/AppImage tools) and
// for Electron's headers; npm ci never downloads them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native/ensure.mjs';
import { renderIcons } from './icons/render-icons.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

const passThrough = process.argv.slice(2);
const foreign = passThrough.find((a) => isForeignTarget(a));
if (foreign) fail(`${foreign}: installers are built on the OS and arch they are for (the native modules are built here, for ${process.platform}-${process.arch})`);

run(process.execPath, [join(root, 'build', 'build.mjs')]);
// electron-builder's own rebuild is off (npmRebuild: false): it would rebuild node_modules in
// place and leave the CLI and the tests with an Electron-ABI better-sqlite3.
const native = await ensureElectronNative({ root });
if (native.status === 'skipped') fail(`cannot package: ${native.reason}`);
await renderIcons();

const args = ['--publish', 'never', ...passThrough];
// The Electron binary `npm start` fetched (for this machine) saves a second download.
const electronDist = join(root, 'node_modules', 'electron', 'dist');
if (existsSync(electronDist)) args.push(`-c.electronDist=${electronDist}`);
run(process.execPath, [require.resolve('electron-builder/cli.js'), ...args]);

function isForeignTarget(arg) {
  const platforms = { linux: ['--linux', '-l'], win32: ['--win', '--windows', '-w'], darwin: ['--mac', '--macos', '-m', '-o'] };
  const otherPlatform = Object.entries(platforms).some(([platform, flags]) => platform !== process.platform && flags.includes(arg));
  const otherArch = ['--x64', '--ia32', '--arm64', '--armv7l', '--universal'].includes(arg) && arg !== `--${process.arch}`;
  return otherPlatform || otherArch;
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function fail(message) {
  process.stderr.write(`RadGround: ${message}\n`);
  process.exit(1);
}
