/**
 * The built-in chest-ct model pack: the generator is deterministic and matches the committed files,
 * the manifest describes the graph, and the graph computes what the contract says on synthetic input.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BLOB_SCALES_MM,
  CHEST_CT_OUTPUTS,
  WORKING_SPACING_MM,
} from '../../../electron/core/analysis/chest-ct';
import { projectRoot } from '../../support/shared-data';
import { CHEST_CT_DIR, CHEST_CT_MODEL_PATH, chestCtSession } from './support/chest-ct';

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Runs the committed generator script (as `npx tsx build/models/generate-chest-ct-model.ts <dir>` would). */
function generate(outDir: string): { onnx: Buffer; manifest: string } {
  execFileSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'build/models/generate-chest-ct-model.ts'), outDir], { cwd: projectRoot, stdio: 'pipe' });
  return { onnx: readFileSync(join(outDir, 'chest-ct.onnx')), manifest: readFileSync(join(outDir, 'manifest.json'), 'utf8') };
}

const tmp = mkdtempSync(join(tmpdir(), 'chest-ct-model-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('chest-ct model pack', () => {
  it('regenerates byte-identical files (deterministic generator, committed files up to date)', () => {
    const out = generate(tmp);
    expect(out.onnx.equals(readFileSync(CHEST_CT_MODEL_PATH))).toBe(true);
    expect(out.manifest).toBe(readFileSync(join(CHEST_CT_DIR, 'manifest.json'), 'utf8'));
  });

  it("has a manifest whose sha256 matches the committed graph, and describes inputs, outputs and codes", () => {
    const manifest = JSON.parse(readFileSync(join(CHEST_CT_DIR, 'manifest.json'), 'utf8'));
    const onnx = readFileSync(CHEST_CT_MODEL_PATH);
    expect(manifest.files).toEqual([{ path: 'chest-ct.onnx', sha256: sha256Hex(onnx), bytes: onnx.length }]);
    expect(onnx.length).toBeLessThan(64 * 1024); // a small hand-built graph, not a network
    expect(statSync(CHEST_CT_MODEL_PATH).size).toBe(onnx.length);
    expect(manifest).toMatchObject({ id: 'chest-ct', task: 'segmentation', modality: 'CT', license: 'UNLICENSED (RadGround)' });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.inputs).toEqual([expect.objectContaining({ name: 'hu', shape: ['batch', 1, 'depth', 'height', 'width'], dtype: 'float32' })]);
    expect(manifest.preprocessing.resample.spacingMm).toEqual([...WORKING_SPACING_MM]);
    expect(manifest.outputs.map((o: { name: string }) => o.name)).toEqual(CHEST_CT_OUTPUTS.map((o) => o.name));
    const body = manifest.outputs.find((o: { name: string }) => o.name === 'body');
    expect(body.channels[0].code).toEqual({ scheme: 'SCT', value: '123037004', meaning: 'Body structure' });
    expect(manifest.postprocessing.steps.length).toBeGreaterThan(3);
  });

  it('is an opset-17 graph with dynamic depth/height/width and its kernels as initializers', () => {
    const model = onnxProto.onnx.ModelProto.decode(readFileSync(CHEST_CT_MODEL_PATH));
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    const input = model.graph!.input![0]!;
    expect(input.name).toBe('hu');
    expect(input.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 1, 'depth', 'height', 'width']);
    const convs = model.graph!.node!.filter((n) => n.opType === 'Conv');
    const inits = new Set(model.graph!.initializer!.map((t) => t.name));
    expect(convs.length).toBeGreaterThan(10);
    for (const c of convs) expect(inits.has(c.input![1])).toBe(true);
    const ops = new Set(model.graph!.node!.map((n) => n.opType));
    for (const op of ['Clip', 'Conv', 'MaxPool', 'Greater', 'Less', 'Cast', 'AveragePool', 'Resize', 'ArgMax']) expect(ops.has(op)).toBe(true);
  });

  it('computes masks and a blob response that prefers a sphere to a tube of the same radius', async () => {
    const session = await chestCtSession();
    // Working grid voxels (2 x 2 x 2.5 mm): a soft-tissue box (the "body") holding aerated lung
    // (-850 HU) with a 12 mm sphere and a 12 mm wide tube of soft tissue (40 HU) in it, air outside.
    const [nx, ny, nz] = [64, 48, 32];
    const hu = new Float32Array(nx * ny * nz).fill(-1000);
    const sphere = [20, 24, 16] as const;
    const tubeI = 44;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const p = (k * ny + j) * nx + i;
          if (i < 4 || i >= nx - 4 || j < 4 || j >= ny - 4) continue;
          hu[p] = i < 12 || i >= nx - 12 || j < 12 || j >= ny - 12 ? 40 : -850; // 16 mm wall
          const [x, y, z] = [(i - sphere[0]) * 2, (j - sphere[1]) * 2, (k - sphere[2]) * 2.5];
          if (x * x + y * y + z * z <= 36) hu[p] = 40;
          if (((i - tubeI) * 2) ** 2 + ((j - 24) * 2) ** 2 <= 36) hu[p] = 40; // tube along k
        }
      }
    }
    const out = await session.run({ hu: new ort.Tensor('float32', hu, [1, 1, nz, ny, nx]) });
    for (const spec of CHEST_CT_OUTPUTS) {
      expect(out[spec.name]!.dims).toEqual([1, 1, nz, ny, nx]);
      expect(out[spec.name]!.type).toBe(spec.dtype);
    }
    const at = (name: string, i: number, j: number, k: number) => (out[name]!.data as ArrayLike<number>)[(k * ny + j) * nx + i]!;
    expect(at('body', 5, 5, 16)).toBe(1);
    expect(at('body', 1, 1, 16)).toBe(0);
    expect(at('air', 14, 14, 16)).toBe(1);
    expect(at('air', 1, 1, 16)).toBe(1);
    expect(at('solid', 20, 24, 16)).toBe(1);
    expect(at('solid', 14, 14, 16)).toBe(0);
    // The opened core keeps the 16 mm wall but not the 12 mm sphere (smaller than the 10 x 10 x 7.5 mm box).
    expect(at('solid_core', 8, 24, 16)).toBe(1);
    expect(at('solid_core', 20, 24, 16)).toBe(0);
    expect(at('bone', 20, 24, 16)).toBe(0);
    let sphereMax = 0, tubeMax = 0, lungMax = 0;
    for (let k = 8; k < nz - 8; k++) {
      for (let j = 16; j < 32; j++) {
        for (let i = 16; i < 48; i++) {
          const b = at('blobness', i, j, k);
          if (Math.abs(i - sphere[0]) <= 3 && Math.abs(j - sphere[1]) <= 3 && Math.abs(k - sphere[2]) <= 2) sphereMax = Math.max(sphereMax, b);
          else if (Math.abs(i - tubeI) <= 3) tubeMax = Math.max(tubeMax, b);
          else if (Math.abs(i - sphere[0]) > 7 && Math.abs(i - tubeI) > 7) lungMax = Math.max(lungMax, b);
        }
      }
    }
    expect(sphereMax).toBeGreaterThan(100);
    expect(tubeMax).toBeLessThan(0.5 * sphereMax);
    expect(lungMax).toBeLessThan(0.1 * sphereMax);
    // The strongest scale for a 6 mm radius sphere is sigma ~ r / sqrt(3) = 3.5 mm: 2.5 or 4 mm.
    const s = BLOB_SCALES_MM[at('blob_scale', sphere[0], sphere[1], sphere[2])];
    expect([2.5, 4]).toContain(s);
  });
});
