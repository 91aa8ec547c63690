import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackManifest } from '../../../../electron/core/inference/pack-manifest';
import { projectRoot } from '../../../support/shared-data';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function tmpDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `radground-${prefix}-`));
}

/** Writes a pack folder `<root>/<id>/` holding `manifest` and the model bytes; returns the folder. */
export function writePack(root: string, manifest: unknown, files: Record<string, Uint8Array>): string {
  const id = (manifest as { id: string }).id;
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** The committed manifest of an app pack (native-models/<id>/manifest.json). */
export function appManifest(id: string): PackManifest {
  return JSON.parse(readFileSync(join(projectRoot, 'native-models', id, 'manifest.json'), 'utf8')) as PackManifest;
}

/** Installs an app pack into `<dataDir>/models/<id>/`: its committed manifest plus the weights copied from `weightsPath`. */
export function installAppPack(dataDir: string, id: string, weightsPath: string, manifest: PackManifest = appManifest(id)): string {
  const dir = join(dataDir, 'models', id);
  mkdirSync(dir, { recursive: true });
  copyFileSync(weightsPath, join(dir, manifest.files[0]!.path));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** A segmentation manifest for a tiny test model, with overrides. */
export function tinyManifest(id: string, modelBytes: Uint8Array, overrides: Partial<Record<keyof PackManifest, unknown>> = {}): Record<string, unknown> {
  return {
    id,
    version: '1.0.0',
    task: 'segmentation',
    modality: 'CT',
    license: 'MIT',
    description: 'tiny test model',
    files: [{ path: 'model.onnx', sha256: sha256(modelBytes) }],
    inputs: [{ name: 'input', shape: ['batch', 1, 'd', 'h', 'w'], dtype: 'float32' }],
    preprocessing: {
      orientation: 'none',
      targetSpacing: null,
      intensity: { kind: 'none' },
      cropPad: null,
      slidingWindow: null,
    },
    outputs: [{ channel: 1, label: 'positive', kind: 'finding' }],
    postprocessing: { decision: 'argmax', connectedComponents: true, minSizeVoxels: 1 },
    ...overrides,
  };
}
