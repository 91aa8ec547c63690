// The ONNX file reader (onnx-io-reader.ts) against onnxruntime's own inputs/outputs on every model
// the project has, and its typed refusals of malformed files.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { afterAll, describe, expect, it } from 'vitest';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import { InferenceWorker } from '../../../electron/core/inference/inference-worker';
import { listModelPacks } from '../../../electron/core/inference/list-model-packs';
import { onnxFileInspector } from '../../../electron/core/inference/onnx-file-inspector';
import { readOnnxModelIo } from '../../../electron/core/inference/onnx-io-reader';
import { projectRoot, requireSharedData, sharedData } from '../../support/shared-data';
import { identityModel, signModel, slowConvModel } from './support/tiny-onnx';
import { tmpDir } from './support/packs';

const hasData = requireSharedData();
const worker = new InferenceWorker();
const root = tmpDir('onnx-io');
afterAll(async () => {
  await worker.close();
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
function file(bytes: Uint8Array): string {
  const path = join(root, `m${n++}.onnx`);
  writeFileSync(path, bytes);
  return path;
}

type Dim = { dimValue: number } | { dimParam: string } | Record<string, never>;
function vi(name: string, elemType: number, dims: Dim[] | null): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, ...(dims ? { shape: { dim: dims } } : {}) } } };
}

/** A model whose input list also names an initializer (onnxruntime leaves it out), with an unnamed dim, an int64 output and an output without shape. */
function edgeModel(): Uint8Array {
  const w = { name: 'w', dataType: 1, dims: [1], rawData: new Uint8Array(new Float32Array([2]).buffer) };
  const m = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'edge',
      node: [
        { opType: 'Mul', input: ['x', 'w'], output: ['y'], name: 'mul' },
        { opType: 'Shape', input: ['x'], output: ['s'], name: 'shape' },
        { opType: 'Identity', input: ['x'], output: ['z'], name: 'id' },
      ],
      initializer: [w],
      input: [vi('x', 1, [{ dimParam: 'n' }, {}, { dimValue: 3 }]), vi('w', 1, [{ dimValue: 1 }])],
      output: [vi('y', 1, [{ dimParam: 'n' }, {}, { dimValue: 3 }]), vi('s', 7, [{ dimValue: 3 }]), vi('z', 1, null)],
    },
  });
  return new Uint8Array(onnx.ModelProto.encode(m).finish());
}

function projectModels(): string[] {
  const out: string[] = [];
  for (const pack of readdirSync(join(projectRoot, 'native-models'))) {
    for (const f of readdirSync(join(projectRoot, 'native-models', pack))) if (f.endsWith('.onnx')) out.push(join(projectRoot, 'native-models', pack, f));
  }
  if (hasData) for (const f of readdirSync(sharedData('models'))) if (f.endsWith('.onnx')) out.push(sharedData('models', f));
  return out;
}

async function refusal(path: string): Promise<unknown> {
  try {
    await readOnnxModelIo(path);
    return null;
  } catch (e) {
    return e;
  }
}

describe('reading an ONNX model\'s inputs and outputs without onnxruntime', () => {
  it('gives onnxruntime\'s own answer on every model the project has (built and third-party) and on built edge cases', async () => {
    const paths = [...projectModels(), file(signModel()), file(identityModel([8, 8, 8])), file(slowConvModel([4, 4, 4], 2, 2)), file(edgeModel())];
    expect(paths.filter((p) => p.includes('native-models')).length).toBeGreaterThan(0);
    if (hasData) expect(paths.filter((p) => p.includes('shared')).length).toBe(3);
    const edgePath = paths.pop()!;
    for (const path of paths) expect({ path, io: await readOnnxModelIo(path) }).toEqual({ path, io: await worker.inspect(path) });
    // Where the file declares no output shape, onnxruntime reports the one its shape inference
    // finds; the file reader reports what the file declares (the run-time onnxruntime check sees more).
    const edge = await readOnnxModelIo(edgePath);
    const byOrt = await worker.inspect(edgePath);
    expect(edge.inputs).toEqual(byOrt.inputs);
    expect(edge.inputs.map((i) => i.name)).toEqual(['x']); // the initializer 'w' is not an input
    expect(edge.inputs[0]?.shape).toEqual(['n', '', 3]);
    expect(edge.outputs.slice(0, 2)).toEqual(byOrt.outputs.slice(0, 2));
    expect(edge.outputs[2]).toEqual({ name: 'z', isTensor: true, type: 'float32', shape: [] });
    expect(byOrt.outputs[2]).toEqual({ name: 'z', isTensor: true, type: 'float32', shape: ['n', '', 3] });
  });

  it('lists the app\'s packs with the same status and inputs/outputs as the onnxruntime check', async () => {
    const roots = { appModelsDir: join(projectRoot, 'native-models'), dataDir: null };
    const strip = (ls: Awaited<ReturnType<typeof listModelPacks>>) => ls.map((l) => ({ id: l.id, status: l.status, code: l.error?.code ?? null, io: l.pack?.io ?? null }));
    expect(strip(await listModelPacks(roots, onnxFileInspector))).toEqual(strip(await listModelPacks(roots, worker)));
  });

  it('refuses truncated, corrupted and foreign files with CORRUPT_INPUT, never another error or a hang', async () => {
    const good = readFileSync(join(projectRoot, 'native-models', 'chest-ct', 'chest-ct.onnx'));
    const cuts = new Set<number>();
    for (let i = 0; i < good.length; i += 13) cuts.add(i);
    for (let i = Math.max(0, good.length - 40); i < good.length; i++) cuts.add(i);
    const path = join(root, 'cut.onnx');
    const whole = await readOnnxModelIo(join(projectRoot, 'native-models', 'chest-ct', 'chest-ct.onnx'));
    let read = 0;
    for (const cut of cuts) {
      writeFileSync(path, good.subarray(0, cut));
      const e = await refusal(path);
      if (e === null) {
        // A cut on a top-level field boundary past the graph is a well-formed (shorter) model.
        expect(await readOnnxModelIo(path)).toEqual(whole);
        read++;
      } else expect({ cut, code: (e as RadGroundError).code }).toEqual({ cut, code: 'CORRUPT_INPUT' });
    }
    expect(read).toBeLessThan(5);
    const foreign = [
      readFileSync(join(projectRoot, 'README.md')),
      new Uint8Array([0x08, 0x07, 0x3a, 0xff, 0xff, 0xff, 0xff, 0x0f]), // graph field claiming 4 GiB
      new Uint8Array([0x3b, 0x00]), // wire type 3 (group)
      new Uint8Array([0x3a, 0x04, 0x5a, 0x02, 0x0a, 0x00]), // an input with no type
      new Uint8Array([0x3a, 0x08, 0x5a, 0x06, 0x12, 0x04, 0x0a, 0x02, 0x08, 0x63]), // element type 99
    ];
    for (const bytes of foreign) {
      writeFileSync(path, bytes);
      expect(((await refusal(path)) as RadGroundError | null)?.code).toBe('CORRUPT_INPUT');
    }
    // Seeded byte flips: each either reads or is refused as CORRUPT_INPUT.
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 300; k++) {
      const bytes = Uint8Array.from(good);
      for (let j = 0; j < 3; j++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      writeFileSync(path, bytes);
      const e = await refusal(path);
      if (e !== null) expect(e instanceof RadGroundError && e.code === 'CORRUPT_INPUT' ? 'CORRUPT_INPUT' : String(e)).toBe('CORRUPT_INPUT');
    }
  });

  it('refuses a graph of millions of empty initializers (2 bytes each) instead of holding a record for each; a few thousand still read', async () => {
    const graphHead = onnx.GraphProto.encode({ name: 'g', input: [vi('x', 1, [{ dimValue: 1 }])], output: [vi('y', 1, [{ dimValue: 1 }])] }).finish();
    const model = (initializers: number): Uint8Array => {
      const graph = new Uint8Array(graphHead.length + 2 * initializers);
      graph.set(graphHead);
      for (let i = 0; i < initializers; i++) graph[graphHead.length + 2 * i] = 0x2a; // GraphProto.initializer (5), length 0
      const length: number[] = [];
      for (let v = graph.length; ; v = Math.floor(v / 128)) {
        if (v < 128) {
          length.push(v);
          break;
        }
        length.push((v % 128) | 0x80);
      }
      return Uint8Array.from([0x3a, ...length, ...graph]); // ModelProto.graph (7)
    };
    const many = await refusal(file(model(1_000_000)));
    expect(many).toBeInstanceOf(RadGroundError);
    expect((many as RadGroundError).code).toBe('CORRUPT_INPUT');
    expect((many as RadGroundError).message).toMatch(/more than 250000 initializers/);
    const io = await readOnnxModelIo(file(model(5000)));
    expect(io.inputs.map((i) => i.name)).toEqual(['x']);
    expect(io.outputs.map((o) => o.name)).toEqual(['y']);
  });
});
