import type { ChestCtGraphRunner, GraphTensorLike } from './chest-ct';
import { defaultIntraOpThreads, providerOrder, type InferenceWorker, type PipelinePack } from '../inference';
import type { ExecutionProviderName } from '../inference/execution-providers';
import type { GraphOutputMessage, SessionSpec } from '../inference/worker/protocol';

/** The session a pipeline pack's graph runs in (cached by the worker under this key). */
export function pipelineSessionSpec(pack: PipelinePack): SessionSpec {
  return {
    key: `${pack.id}@${pack.version}:${pack.model.sha256.slice(0, 16)}`,
    modelPath: pack.model.absolutePath,
    providers: providerOrder(undefined),
    options: { intraOpNumThreads: defaultIntraOpThreads(), allowSpinning: false },
  };
}

export interface WorkerGraphRunner {
  run: ChestCtGraphRunner;
  /** The execution provider of the last run (null before the first). */
  executionProvider(): ExecutionProviderName | null;
  onnxruntimeVersion(): string | null;
}

/** Runs a pipeline pack's ONNX graph in the inference worker, off the main thread. */
export function workerGraphRunner(worker: InferenceWorker, pack: PipelinePack): WorkerGraphRunner {
  const session = pipelineSessionSpec(pack);
  const inputName = pack.manifest.inputs[0]!.name;
  let provider: ExecutionProviderName | null = null;
  let ortVersion: string | null = null;
  return {
    async run(hu, shape) {
      // The input is transferred to the worker (detached here); the pipeline still reads `hu`, so send a copy.
      const input = hu.slice().buffer;
      const result = await worker.runGraph({ session, input, shape: [...shape], inputName });
      provider = result.session.provider;
      ortVersion = result.session.onnxruntimeVersion;
      return Object.fromEntries(result.outputs.map((o) => [o.name, toTensor(o)]));
    },
    executionProvider: () => provider,
    onnxruntimeVersion: () => ortVersion,
  };
}

function toTensor(o: GraphOutputMessage): GraphTensorLike {
  const data = o.type === 'float32' ? new Float32Array(o.data) : o.type === 'uint8' || o.type === 'bool' ? new Uint8Array(o.data) : o.data;
  return { data, dims: o.dims };
}
