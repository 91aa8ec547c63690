import type { ChestCtAnalysis } from '../chest-ct';
import type { LoadedSessionInfo, SessionSpec } from '../../inference/worker/protocol';
import type { Volume } from '../../volume-assembly/volume';

/** The whole chest-ct analysis in the inference worker: resampling, the ONNX graph, post-processing, Regions. */
export interface ChestCtRequest {
  type: 'chestCt';
  id: number;
  session: SessionSpec;
  /** The graph's input name (the pack manifest's first input). */
  inputName: string;
  /** `scalars` over a SharedArrayBuffer (workers/shared-copy.ts): the worker reads it in place. */
  volume: Volume;
  volumeId: string | null;
  runId: string | null;
  /** Int32Array(1) over a SharedArrayBuffer: non-zero = stop at the analysis's next check. */
  cancel: SharedArrayBuffer;
}

export interface ChestCtResultMessage {
  analysis: Omit<ChestCtAnalysis, 'diagnostics'>;
  /** The session the graph ran in (null if the analysis stopped before the graph). */
  session: LoadedSessionInfo | null;
}
