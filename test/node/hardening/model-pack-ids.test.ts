/**
 * Issue 15: a user pack can never take a built-in id (refused with a reason), and an explicit
 * --model that fails its checks is MODEL_INVALID (exit 1), never a silent fallback to the built-in.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { InferenceWorker, listModelPacks, pickAnyModelPack } from '../../../electron/core/inference';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

const appModelsDir = join(projectRoot, 'native-models');
const worker = new InferenceWorker();
const dirs: string[] = [];
afterAll(async () => {
  await worker.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** <dataDir>/models/<folder>: a copy of the built-in chest-ct pack, edited by `edit` (manifest JSON). */
function userChestCt(folder: string, edit: (manifest: Record<string, unknown>, dir: string) => void): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'rg-packs-'));
  dirs.push(dataDir);
  const dir = join(dataDir, 'models', folder);
  cpSync(join(appModelsDir, 'chest-ct'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  edit(manifest, dir);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dataDir;
}

/** Alters the model file and re-hashes it in the manifest: every check of its own passes. */
function alterAndRehash(manifest: Record<string, unknown>, dir: string): void {
  const file = join(dir, 'chest-ct.onnx');
  const bytes = readFileSync(file);
  writeFileSync(file, Buffer.concat([bytes, Buffer.from([0])]));
  (manifest.files as { path: string; sha256: string }[])[0]!.sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('user packs and built-in ids', () => {
  it('an altered, re-hashed user pack with the built-in id is refused with the reason; picking the id is MODEL_INVALID, not the built-in', async () => {
    const dataDir = userChestCt('chest-ct', (m) => void (m.description = 'mine now'));
    const listings = await listModelPacks({ appModelsDir, dataDir }, worker);
    const user = listings.find((l) => l.source === 'user')!;
    expect(user).toMatchObject({ id: 'chest-ct', status: 'invalid', pack: null, error: { code: 'MODEL_INVALID' } });
    expect(user.error!.message).toMatch(/takes the id 'chest-ct' of a built-in pack .* refused/);
    expect(listings.find((l) => l.source === 'app' && l.id === 'chest-ct')!.status).toBe('ok');
    let err: { code?: string; message?: string } = {};
    try {
      pickAnyModelPack(listings, 'chest-ct');
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toMatch(/refused/);
  });

  it('the built-in pack itself installed in the user folder (same manifest) is accepted', async () => {
    const dataDir = userChestCt('chest-ct-copy', () => {});
    const listings = await listModelPacks({ appModelsDir, dataDir }, worker);
    expect(listings.filter((l) => l.id === 'chest-ct').map((l) => [l.source, l.status])).toEqual([
      ['user', 'ok'],
      ['app', 'ok'],
    ]);
  });

  it('a user pack of its own id that fails its checks is MODEL_INVALID', async () => {
    const dataDir = userChestCt('mine', (m, dir) => {
      m.id = 'my-chest';
      alterAndRehash(m, dir);
      (m.files as { sha256: string }[])[0]!.sha256 = 'f'.repeat(64);
    });
    const listings = await listModelPacks({ appModelsDir, dataDir }, worker);
    expect(() => pickAnyModelPack(listings, 'my-chest')).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
    expect(() => pickAnyModelPack(listings, 'nothing-like-it')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe.skipIf(!hasData)(`radground analyze --model (${hasData ? 'real NIfTI' : NO_SHARED_DATA_REASON})`, () => {
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, env: {}, rendererDir: '/none', modelsDir: appModelsDir });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('exits 1 with MODEL_INVALID for an altered user chest-ct, instead of running the built-in pack', async () => {
    const dataDir = userChestCt('chest-ct', alterAndRehash);
    const r = await cli(['analyze', sharedData('nifti', 'totalseg_ct_upperabdomen_3mm_small.nii.gz'), '--model', 'chest-ct', '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'MODEL_INVALID' });
    expect(r.stderr).toMatch(/never replace a built-in pack/);
  }, 60_000);
});
