import type { ModelInspector } from './load-model-pack';
import { readOnnxModelIo } from './onnx-io-reader';
import { sha256File } from './sha256-file';
import type { ModelIo } from './worker/protocol';

/** Model files' inputs/outputs already read, by the file's sha256 (a file's bytes decide its answer). */
const bySha256 = new Map<string, ModelIo>();
const MAX_CACHED = 64;

/**
 * Reads a model file's inputs and outputs from its ONNX protobuf (onnx-io-reader.ts), without
 * starting the inference worker or loading onnxruntime: listing packs (opening a study, the model
 * list) costs no onnxruntime. Answers are cached by the file's sha256 (given by the pack loader,
 * which has just verified it, or computed here). onnxruntime itself still opens the model when an
 * analysis runs, and fails it then as MODEL_INVALID if it cannot.
 */
export const onnxFileInspector: ModelInspector = {
  async inspect(modelPath: string, sha256?: string): Promise<ModelIo> {
    const key = sha256 ?? (await sha256File(modelPath));
    const hit = bySha256.get(key);
    if (hit) return structuredClone(hit);
    const io = await readOnnxModelIo(modelPath);
    if (bySha256.size >= MAX_CACHED) bySha256.delete(bySha256.keys().next().value!);
    bySha256.set(key, io);
    return structuredClone(io);
  },
};
