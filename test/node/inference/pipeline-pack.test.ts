import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InferenceWorker, isPipelinePack, listModelPacks, pickAnyModelPack, pickModelPack } from '../../../electron/core/inference';
import { projectRoot } from '../../support/shared-data';

describe('pipeline packs (the built-in chest-ct)', () => {
  const worker = new InferenceWorker();
  const root = mkdtempSync(join(tmpdir(), 'rg-pipeline-packs-'));
  afterAll(async () => {
    await worker.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('the shipped chest-ct pack passes the same file, sha256 and input checks as any pack', async () => {
    const listings = await listModelPacks({ appModelsDir: join(projectRoot, 'native-models'), dataDir: null }, worker);
    const chest = listings.find((l) => l.id === 'chest-ct')!;
    expect(chest.status, chest.error?.message).toBe('ok');
    const pack = pickAnyModelPack(listings, 'chest-ct');
    expect(isPipelinePack(pack) && pack.pipeline).toBe('chest-ct');
    // The generic runner refuses it: its processing is the built-in pipeline.
    expect(() => pickModelPack(listings, 'chest-ct')).toThrow(/built-in chest-ct pipeline/);
  });

  it('a tampered copy is refused (sha256) and a wrong declared input is refused (name)', async () => {
    const user = join(root, 'models');
    cpSync(join(projectRoot, 'native-models', 'chest-ct'), join(user, 'chest-ct'), { recursive: true });
    const onnx = join(user, 'chest-ct', 'chest-ct.onnx');
    const bytes = readFileSync(onnx);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(onnx, bytes);
    cpSync(join(projectRoot, 'native-models', 'chest-ct'), join(user, 'chest-ct-renamed'), { recursive: true });
    const manifestPath = join(user, 'chest-ct-renamed', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.id = 'chest-ct-renamed';
    manifest.inputs[0].name = 'image';
    writeFileSync(manifestPath, JSON.stringify(manifest));

    const listings = await listModelPacks({ appModelsDir: null, dataDir: root }, worker);
    const tampered = listings.find((l) => l.id === 'chest-ct')!;
    expect(tampered.status).toBe('invalid');
    expect(tampered.error?.message).toMatch(/sha256 mismatch/);
    const renamed = listings.find((l) => l.id === 'chest-ct-renamed')!;
    expect(renamed.status).toBe('invalid');
    expect(renamed.error?.message).toMatch(/input 'image'/);
  });
});
