// The installer configuration (electron-builder.json), checked with electron-builder's own schema
// and file matchers: no Electron binary or network is needed for these.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appBuilderLibDir,
  appFileFilter,
  extraResource,
  loadConfig,
  platformOptions,
  PLATFORMS,
  root,
  validateConfiguration,
} from './support/electron-builder';

const config = loadConfig();
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };

describe('electron-builder.json against electron-builder 26 scheme.json', () => {
  it('is valid', async () => {
    expect(existsSync(join(appBuilderLibDir, 'scheme.json'))).toBe(true);
    await expect(validateConfiguration(config)).resolves.toBeUndefined();
  });

  it('the validator refuses what the schema does not allow (so the check above means something)', async () => {
    await expect(validateConfiguration({ ...config, asarUnpak: ['x'] })).rejects.toThrow(/asarUnpak/);
    await expect(validateConfiguration({ ...config, nsis: { oneClick: 'sometimes' } })).rejects.toThrow(/oneClick/);
  });
});

describe('identity and targets', () => {
  it('names the app and builds AppImage + deb, NSIS and dmg', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('RadGround');
    expect(platformOptions(config, 'linux').target).toEqual(['AppImage', 'deb']);
    expect(platformOptions(config, 'win').target).toEqual(['nsis']);
    expect(platformOptions(config, 'mac').target).toEqual(['dmg']);
  });

  it('associates .dcm with the app, as application/dicom (which also names DICOMDIR files on Linux)', () => {
    const dicom = config.fileAssociations?.find((a) => [a.ext].flat().includes('dcm'));
    expect(dicom).toMatchObject({ mimeType: 'application/dicom', role: 'Viewer' });
    expect(platformOptions(config, 'linux').mimeTypes).toContain('application/dicom');
  });
});

describe('what the app is made of', () => {
  const built = ['dist/electron/main.cjs', 'dist/electron/core-utility.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/electron-native/better_sqlite3.node'];

  it.each(PLATFORMS)('%s: the files globs include dist/ and package.json, not sources, icons or installers', (platform) => {
    const packed = appFileFilter(config, platform);
    for (const file of [...built, packageJson.main, 'package.json']) expect(packed(file), file).toBe(true);
    for (const file of ['electron/main/main.ts', 'renderer/src/App.vue', 'dist/installers/RadGround.AppImage', 'dist/build-resources/icon.png']) {
      expect(packed(file), file).toBe(false);
    }
  });

  it.each(PLATFORMS)('%s: native-models/ ships whole to resources/native-models, where the packaged main process reads it', (platform) => {
    // electron/main/main.ts: join(process.resourcesPath, 'native-models') when app.isPackaged,
    // outside app.asar (extraResources, not files): onnxruntime opens the .onnx files by path.
    const models = extraResource(config, platform, 'native-models');
    expect(models?.to).toBe('native-models');
    const files = readdirSync(join(root, 'native-models'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(join(root, 'native-models'), join(entry.parentPath, entry.name)));
    expect(files).toContain(join('chest-ct', 'manifest.json'));
    for (const file of files) expect(models?.filter(file), file).toBe(true);
  });
});
