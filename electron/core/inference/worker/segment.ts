/** The worker's `segment` request: preprocess -> infer -> postprocess, with progress and cancellation. */
import { readCancelFlag } from '../../workers/cancel-flag';
import type { Reply } from '../../workers/serve-requests';
import { infer } from './infer';
import { backgroundResult, postprocess } from './postprocess';
import { preprocess, viewScalars } from './preprocess';
import type { SegmentRequest, SegmentResultMessage, WorkerProgressMessage } from './protocol';
import type { SessionCache } from './sessions';

export async function segment(sessions: SessionCache, msg: SegmentRequest, post: (m: WorkerProgressMessage) => void): Promise<Reply> {
  const tStart = performance.now();
  const cancel = readCancelFlag(msg.cancel);
  const throwIfCancelled = (): void => cancel.throwIfCancelled('inference');
  const progress = (phase: WorkerProgressMessage['phase'], done: number, total: number): void => post({ type: 'progress', id: msg.id, phase, done, total });
  const { plan } = msg;
  throwIfCancelled();
  const { entry, info } = await sessions.ensure(msg.session);
  throwIfCancelled();

  const tPre = performance.now();
  progress('preprocess', 0, 1);
  const pre = preprocess(viewScalars(msg.scalars, msg.dtype), [msg.dims[0], msg.dims[1], msg.dims[2]], plan);
  const preprocessMs = performance.now() - tPre;
  if (pre.kind === 'background') {
    const { labels, probabilities } = backgroundResult(pre.steps.gridDims, plan);
    const timings = { sessionLoadMs: info.loadMs, preprocessMs, inferenceMs: 0, blendMs: 0, postprocessMs: 0, workerTotalMs: performance.now() - tStart };
    return replyOf({ labels: labels.buffer as ArrayBuffer, probabilities: (probabilities?.buffer as ArrayBuffer | undefined) ?? null, channels: plan.channels, windows: 0, session: info, timings });
  }
  progress('preprocess', 1, 1);

  const scores = await infer(sessions, entry, pre.input, pre.dims, plan, { throwIfCancelled, progress: (done, total) => progress('infer', done, total) });

  throwIfCancelled();
  const tPost = performance.now();
  progress('postprocess', 0, 1);
  const { labels, probabilities } = postprocess(scores.scores, scores.channels, plan, pre.steps);
  const postprocessMs = performance.now() - tPost;
  progress('postprocess', 1, 1);
  const timings = {
    sessionLoadMs: info.loadMs,
    preprocessMs,
    inferenceMs: scores.inferenceMs,
    blendMs: scores.blendMs,
    postprocessMs,
    workerTotalMs: performance.now() - tStart,
  };
  return replyOf({
    labels: labels.buffer as ArrayBuffer,
    probabilities: (probabilities?.buffer as ArrayBuffer | undefined) ?? null,
    channels: scores.channels,
    windows: scores.windows,
    session: info,
    timings,
  });
}

function replyOf(value: SegmentResultMessage): Reply {
  return { value, transfer: value.probabilities ? [value.labels, value.probabilities] : [value.labels] };
}
