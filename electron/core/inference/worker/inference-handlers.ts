/** The inference worker's requests that are not a whole segmentation: inspect, load, bare run, release. */
import type { Reply } from '../../workers/serve-requests';
import type { RunResultMessage, WorkerRequest } from './protocol';
import type { SessionCache } from './sessions';

type Req<T extends WorkerRequest['type']> = Extract<WorkerRequest, { type: T }>;

export const inspect = async (sessions: SessionCache, msg: Req<'inspect'>): Promise<Reply> => ({ value: await sessions.inspect(msg.modelPath) });

export const load = async (sessions: SessionCache, msg: Req<'load'>): Promise<Reply> => ({ value: (await sessions.ensure(msg.session)).info });

export const release = async (sessions: SessionCache, msg: Req<'release'>): Promise<Reply> => ({ value: await sessions.release(msg.key) });

/** One bare session.run on a prepared tensor (benchmarks, tests). */
export async function runBare(sessions: SessionCache, msg: Req<'run'>): Promise<Reply> {
  const { entry, info } = await sessions.ensure(msg.session);
  const t0 = performance.now();
  const out = await sessions.runOnce(entry, msg.inputName, msg.outputName, new Float32Array(msg.input), msg.shape);
  const runMs = performance.now() - t0;
  const value: RunResultMessage = { output: out.data.buffer as ArrayBuffer, shape: out.dims, session: info, runMs };
  return { value, transfer: [value.output] };
}
