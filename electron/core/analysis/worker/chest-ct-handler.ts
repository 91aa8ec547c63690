/** The inference worker's `chestCt` request: analyzeChestCt as a whole, off the thread that serves the UI. */
import { analyzeChestCt, type ChestCtGraphRunner } from '../chest-ct';
import type { LoadedSessionInfo, WorkerProgressMessage } from '../../inference/worker/protocol';
import type { SessionCache } from '../../inference/worker/sessions';
import { readCancelFlag } from '../../workers/cancel-flag';
import type { Reply } from '../../workers/serve-requests';
import type { ChestCtRequest, ChestCtResultMessage } from './chest-ct-protocol';

export async function analyzeChestCtRequest(sessions: SessionCache, msg: ChestCtRequest, post: (m: WorkerProgressMessage) => void): Promise<Reply> {
  const cancel = readCancelFlag(msg.cancel);
  const progress = (phase: WorkerProgressMessage['phase']): void => post({ type: 'progress', id: msg.id, phase, done: 0, total: 1 });
  let session: LoadedSessionInfo | null = null;
  // The graph is the one inference step; resampling before it and region work after it are the analysis's.
  const graph: ChestCtGraphRunner = async (hu, shape) => {
    progress('infer');
    const { entry, info } = await sessions.ensure(msg.session);
    session = info;
    const out = await entry.session.run({ [msg.inputName]: new sessions.ort.Tensor('float32', hu, [...shape]) });
    progress('postprocess');
    return out;
  };
  cancel.throwIfCancelled('chest-ct analysis');
  const { diagnostics: _none, ...analysis } = await analyzeChestCt(msg.volume, graph, { volumeId: msg.volumeId, runId: msg.runId, signal: cancel.signal });
  const value: ChestCtResultMessage = { analysis, session };
  return { value };
}
