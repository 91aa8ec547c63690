// Every native library the main and utility processes load must be a real file outside app.asar:
// the .node addons and the shared libraries they load (onnxruntime, and its optional CUDA
// providers). Enumerated from the installed production dependencies, matched with
// electron-builder's own matchers for `files` and `asarUnpack`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINDING_FILE, ELECTRON_NATIVE_DIR } from '../../../build/electron-native/stamp.mjs';
import { appFileFilter, asarUnpackFilter, loadConfig, nodeModuleFilter, PLATFORMS, root } from './support/electron-builder';

const config = loadConfig();
const NATIVE = /\.(node|so(\.\d+)*|dylib|dll)$/;

/** Folders (relative, posix) of the packages npm installed as production dependencies. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true)
    .map(([path]) => path)
    .filter((path) => existsSync(join(root, path)));
}

function nativeFilesUnder(packageDir: string): string[] {
  return readdirSync(join(root, packageDir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && NATIVE.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((path) => !path.slice(packageDir.length).includes('/node_modules/'));
}

const nativeFiles = [...new Set(productionPackages().flatMap(nativeFilesUnder))].sort();

/** Where onnxruntime-node's installer puts the CUDA provider libraries (ONNXRUNTIME_NODE_INSTALL=cuda12). */
function onnxruntimeCudaLibraries(): string[] {
  const ortDir = join(root, 'node_modules', 'onnxruntime-node');
  const install = readFileSync(join(ortDir, 'script', 'install.js'), 'utf8');
  // Its layout, checked so that a new onnxruntime-node that moves them fails here.
  expect(install).toContain("path.join(__dirname, '..', 'bin/napi-v6', PLATFORM)");
  const metadata = createRequire(join(ortDir, 'package.json'))('./script/install-metadata.js') as {
    manifests: Record<string, Record<string, unknown>>;
  };
  return Object.entries(metadata.manifests).flatMap(([key, files]) => {
    const platform = key.split(':')[0]!; // 'linux/x64:cuda12' (split gives at least one part)
    return Object.keys(files).map((file) => posix.join('node_modules/onnxruntime-node/bin/napi-v6', platform, file));
  });
}

describe('native modules and asarUnpack', () => {
  it('finds the native files of the production dependencies', () => {
    // Not vacuous: onnxruntime-node's binding for this machine and better-sqlite3's Node build.
    expect(nativeFiles).toContain(`node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}/onnxruntime_binding.node`);
    expect(nativeFiles).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  });

  it.each(PLATFORMS)('%s: every native file that is packed is unpacked', (platform) => {
    const packed = nodeModuleFilter(config, platform);
    const unpacked = asarUnpackFilter(config, platform);
    const packedNative = nativeFiles.filter(packed);
    expect(packedNative.length).toBeGreaterThan(0);
    expect(packedNative.filter((file) => !unpacked(file))).toEqual([]);
  });

  it.each(PLATFORMS)("%s: onnxruntime's CUDA provider libraries are unpacked where its installer puts them", (platform) => {
    const cuda = onnxruntimeCudaLibraries();
    expect(cuda).toContain('node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so');
    const unpacked = asarUnpackFilter(config, platform);
    for (const file of cuda) expect(unpacked(file), file).toBe(true);
    if (platform === 'linux') for (const file of cuda) expect(nodeModuleFilter(config, platform)(file), file).toBe(true);
  });

  it.each(PLATFORMS)('%s: the Electron build of better-sqlite3 is packed and unpacked; the Node build is left out', (platform) => {
    const electronBuild = posix.join(ELECTRON_NATIVE_DIR, BINDING_FILE);
    expect(appFileFilter(config, platform)(electronBuild)).toBe(true);
    expect(asarUnpackFilter(config, platform)(electronBuild)).toBe(true);
    expect(nodeModuleFilter(config, platform)('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false);
    expect(nodeModuleFilter(config, platform)('node_modules/better-sqlite3/lib/database.js')).toBe(true);
  });

  it('the main process looks for the Electron build where the rebuild script writes it', () => {
    const main = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main;
    // electron/main/main.ts: join(__dirname, '..', 'electron-native'), __dirname = dirname(main).
    expect(posix.join(posix.dirname(main), '..', 'electron-native')).toBe(ELECTRON_NATIVE_DIR);
    const mainSource = readFileSync(join(root, 'electron', 'main', 'main.ts'), 'utf8');
    expect(mainSource).toContain("unpackedAsarPath(join(__dirname, '..', 'electron-native'))");
  });
});
