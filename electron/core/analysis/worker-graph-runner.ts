import { defaultIntraOpThreads, providerOrder, type PipelinePack } from '../inference';
import type { SessionSpec } from '../inference/worker/protocol';

/** The session a pipeline pack's graph runs in (cached by the inference worker under this key). */
export function pipelineSessionSpec(pack: PipelinePack): SessionSpec {
  return {
    key: `${pack.id}@${pack.version}:${pack.model.sha256.slice(0, 16)}`,
    modelPath: pack.model.absolutePath,
    providers: providerOrder(undefined),
    options: { intraOpNumThreads: defaultIntraOpThreads(), allowSpinning: false },
  };
}
