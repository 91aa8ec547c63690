/**
 * The seam to ONNX Runtime. The analysis needs one thing: run the chest-ct graph on a working-grid
 * HU volume and get its named outputs back. Callers pass either such a function (e.g. one that runs
 * the session in a worker thread) or an onnxruntime session plus its Tensor constructor; this core
 * module never imports onnxruntime itself.
 */
import { RadGroundError } from '../../errors/radground-error';
import { CHEST_CT_INPUT_NAME, CHEST_CT_OUTPUTS, type ChestCtOutputName } from './model-contract';

export interface GraphTensorLike {
  data: unknown;
  dims: readonly number[];
}

/** Runs the graph: `hu` has shape [1, 1, depth, height, width] (working grid, k slowest). */
export type ChestCtGraphRunner = (hu: Float32Array, shape: readonly [1, 1, number, number, number]) => Promise<Record<string, GraphTensorLike>>;

/** The part of onnxruntime's InferenceSession that is used. */
export interface OrtSessionLike {
  run(feeds: Record<string, unknown>): Promise<Record<string, GraphTensorLike>>;
}

/** onnxruntime's Tensor constructor (e.g. `ort.Tensor`). */
export type OrtTensorConstructor = new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;

export interface OrtSessionGraph {
  session: OrtSessionLike;
  Tensor: OrtTensorConstructor;
}

export function ortGraphRunner({ session, Tensor }: OrtSessionGraph): ChestCtGraphRunner {
  return (hu, shape) => session.run({ [CHEST_CT_INPUT_NAME]: new Tensor('float32', hu, shape) });
}

export type ChestCtGraphOutputs = {
  [K in ChestCtOutputName]: K extends 'blobness' ? Float32Array : Uint8Array;
};

/** Checks names, types and sizes of the graph's outputs (MODEL_INVALID otherwise). */
export function checkGraphOutputs(raw: Record<string, GraphTensorLike>, voxels: number): ChestCtGraphOutputs {
  const out: Partial<Record<ChestCtOutputName, Float32Array | Uint8Array>> = {};
  for (const spec of CHEST_CT_OUTPUTS) {
    const t = raw[spec.name];
    const ok = t && (spec.dtype === 'float32' ? t.data instanceof Float32Array : t.data instanceof Uint8Array);
    if (!ok) {
      throw new RadGroundError('MODEL_INVALID', `chest-ct graph output '${spec.name}' is missing or not ${spec.dtype}`);
    }
    const data = t.data as Float32Array | Uint8Array;
    if (data.length !== voxels) {
      throw new RadGroundError('MODEL_INVALID', `chest-ct graph output '${spec.name}' has ${data.length} values, expected ${voxels}`);
    }
    out[spec.name] = data;
  }
  return out as ChestCtGraphOutputs;
}
