import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InferenceWorker } from '../../../electron/core/inference/inference-worker';
import { listModelPacks, pickModelPack } from '../../../electron/core/inference/list-model-packs';
import { loadModelPack } from '../../../electron/core/inference/load-model-pack';
import { packManifestSchema } from '../../../electron/core/inference/pack-manifest';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import { projectRoot, requireSharedData, sharedData } from '../../support/shared-data';
import { appManifest, installAppPack, sha256, tinyManifest, tmpDir, writePack } from './support/packs';
import { signModel } from './support/tiny-onnx';

const hasData = requireSharedData();

const worker = new InferenceWorker();
const root = tmpDir('packs');
afterAll(async () => {
  await worker.close();
  rmSync(root, { recursive: true, force: true });
});

async function loadError(dir: string): Promise<RadGroundError> {
  try {
    await loadModelPack(dir, worker);
  } catch (e) {
    if (e instanceof RadGroundError) return e;
    throw e;
  }
  throw new Error(`expected ${dir} to fail its checks`);
}

describe('model pack manifests', () => {
  it('the committed MeshNet manifests validate and pin the shared weights by sha256', () => {
    for (const [id, file] of [
      ['meshnet-gwm', 'meshnet_gwm_niivue-onnx_model.onnx'],
      ['meshnet-gwm-64', 'model30_3class.onnx'],
    ] as const) {
      const m = packManifestSchema.parse(appManifest(id));
      expect(m.id).toBe(id);
      expect(m.files).toHaveLength(1);
      expect(m.files[0]!.path).toBe(file);
      if (hasData) expect(m.files[0]!.sha256).toBe(sha256(readFileSync(sharedData('models', file))));
    }
  });

  it('rejects manifests whose sizes contradict the declared input', () => {
    const bytes = signModel([8, 8, 8]);
    const bad = tinyManifest('x', bytes, {
      inputs: [{ name: 'input', shape: ['batch', 1, 8, 8, 8], dtype: 'float32' }],
      preprocessing: { orientation: 'none', targetSpacing: null, intensity: { kind: 'none' }, cropPad: null, slidingWindow: { roiSize: [8, 8, 4], overlap: 0.5, blending: 'gaussian' } },
    });
    const r = packManifestSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['preprocessing', 'slidingWindow', 'roiSize', 2]);
  });

  it('rejects paths that leave the pack folder', () => {
    const m = tinyManifest('x', new Uint8Array(1), { files: [{ path: '../model.onnx', sha256: '0'.repeat(64) }] });
    expect(packManifestSchema.safeParse(m).success).toBe(false);
  });
});

describe('loadModelPack checks', () => {
  const bytes = signModel();

  it('loads a good pack with the model inputs onnxruntime reports', async () => {
    const dir = writePack(root, tinyManifest('good', bytes), { 'model.onnx': bytes });
    const pack = await loadModelPack(dir, worker);
    expect(pack.model.sha256).toBe(sha256(bytes));
    expect(pack.io.inputs).toEqual([{ name: 'input', isTensor: true, type: 'float32', shape: ['batch', 1, 'd', 'h', 'w'] }]);
    expect(pack.io.outputs[0]).toMatchObject({ name: 'output', shape: ['batch', 2, 'd', 'h', 'w'] });
  });

  it('a tampered .onnx (one byte flipped) fails with MODEL_INVALID naming the file and both hashes', async () => {
    const tampered = bytes.slice();
    tampered[tampered.length - 3]! ^= 0x01;
    const dir = writePack(root, tinyManifest('tampered', bytes), { 'model.onnx': tampered });
    const e = await loadError(dir);
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toContain("sha256 mismatch for 'model.onnx'");
    expect(e.message).toContain(sha256(tampered));
    expect(e.message).toContain(sha256(bytes));
  });

  it('a malformed manifest fails with MODEL_INVALID and the zod path of the bad field', async () => {
    const m = tinyManifest('malformed', bytes);
    (m.inputs as { shape: unknown[] }[])[0]!.shape = ['batch', 1, 'd', -4, 'w'];
    const dir = writePack(root, m, { 'model.onnx': bytes });
    const e = await loadError(dir);
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toMatch(/inputs\.0\.shape\.3/);

    const dir2 = join(root, 'not-json');
    mkdirSync(dir2, { recursive: true });
    writeFileSync(join(dir2, 'manifest.json'), '{ "id": ');
    expect((await loadError(dir2)).code).toBe('MODEL_INVALID');
  });

  it('a manifest whose input name, rank or dtype disagree with the model fails with MODEL_INVALID', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['wrong-name', [{ name: 'image', shape: ['batch', 1, 'd', 'h', 'w'], dtype: 'float32' }], /declares input 'image'.*'input'/],
      ['wrong-dtype', [{ name: 'input', shape: ['batch', 1, 'd', 'h', 'w'], dtype: 'int16' }], /input 'input' is float32 in the model, int16 in the manifest/],
    ];
    for (const [id, inputs, why] of cases) {
      const dir = writePack(root, tinyManifest(id, bytes, { inputs }), { 'model.onnx': bytes });
      const e = await loadError(dir);
      expect(e.code, id).toBe('MODEL_INVALID');
      expect(e.message, id).toMatch(why);
    }
    const dir = writePack(root, tinyManifest('wrong-channel', bytes, { outputs: [{ channel: 2, label: 'x', kind: 'finding' }] }), { 'model.onnx': bytes });
    expect((await loadError(dir)).code).toBe('MODEL_INVALID');
  });

  it('a pack whose model file is missing is NOT_FOUND (listed as unavailable)', async () => {
    const dir = writePack(root, tinyManifest('missing', bytes), {});
    const e = await loadError(dir);
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain("'model.onnx'");
  });

  it.skipIf(!hasData)('the MeshNet manifest with a wrong input shape ([1,1,128,128,128]) fails with MODEL_INVALID', async () => {
    const dataDir = tmpDir('wrong-shape');
    const m = appManifest('meshnet-gwm');
    m.inputs[0]!.shape = [1, 1, 128, 128, 128];
    const dir = installAppPack(dataDir, 'meshnet-gwm', sharedData('models', 'meshnet_gwm_niivue-onnx_model.onnx'), m);
    const e = await loadError(dir);
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toContain('input \'input\' has shape ["batch_size", 1, 256, 256, 256] in the model, [1, 1, 128, 128, 128] in the manifest');
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('listModelPacks', () => {
  it('reports every pack with its check result and never throws for a bad one', async () => {
    const dataDir = tmpDir('list');
    const bytes = signModel();
    const models = join(dataDir, 'models');
    writePack(models, tinyManifest('ok-pack', bytes), { 'model.onnx': bytes });
    writePack(models, tinyManifest('bad-hash', bytes, { files: [{ path: 'model.onnx', sha256: 'f'.repeat(64) }] }), { 'model.onnx': bytes });
    writePack(models, tinyManifest('no-weights', bytes), {});
    mkdirSync(join(models, 'broken'));
    writeFileSync(join(models, 'broken', 'manifest.json'), '[]');
    mkdirSync(join(models, 'not-a-pack')); // no manifest: ignored

    const listings = await listModelPacks({ appModelsDir: join(projectRoot, 'native-models'), dataDir }, worker);
    const user = listings.filter((l) => l.source === 'user');
    const byId = Object.fromEntries(user.map((l) => [l.id, l]));
    expect(Object.keys(byId).sort()).toEqual(['bad-hash', 'broken', 'no-weights', 'ok-pack']);
    expect(byId['ok-pack']).toMatchObject({ status: 'ok', error: null });
    expect(byId['bad-hash']).toMatchObject({ status: 'invalid', error: { code: 'MODEL_INVALID' } });
    expect(byId['no-weights']).toMatchObject({ status: 'unavailable', error: { code: 'NOT_FOUND' } });
    expect(byId['broken']).toMatchObject({ status: 'invalid', error: { code: 'MODEL_INVALID' } });

    // The app's own MeshNet manifests are listed; their third-party weights are not committed.
    for (const id of ['meshnet-gwm', 'meshnet-gwm-64']) {
      const app = listings.find((l) => l.source === 'app' && l.id === id);
      expect(app, id).toBeDefined();
      expect(app!.status === 'unavailable' || app!.status === 'ok').toBe(true);
      if (app!.status === 'unavailable') expect(app!.error!.message).toMatch(/not installed/);
    }
    expect(pickModelPack(listings, 'ok-pack').id).toBe('ok-pack');
    expect(() => pickModelPack(listings, 'no-weights')).toThrow(/no usable model pack 'no-weights'.*unavailable/);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a user-installed pack takes precedence over the app copy of the same id', async () => {
    if (!hasData) return;
    const dataDir = tmpDir('precedence');
    installAppPack(dataDir, 'meshnet-gwm-64', sharedData('models', 'model30_3class.onnx'));
    const listings = await listModelPacks({ appModelsDir: join(projectRoot, 'native-models'), dataDir }, worker);
    expect(pickModelPack(listings, 'meshnet-gwm-64').dir).toBe(join(dataDir, 'models', 'meshnet-gwm-64'));
    rmSync(dataDir, { recursive: true, force: true });
  });
});
