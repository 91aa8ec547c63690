/**
 * Entry of the inference worker bundle (build/worker-bundles.mjs -> dist/workers/inference-worker.cjs):
 * lowers this thread's priority before onnxruntime starts its pool (whose threads inherit it), loads
 * onnxruntime-node from the path the host resolved, and serves the host's requests one at a time.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type * as Ort from 'onnxruntime-node';
import { analyzeChestCtRequest } from '../analysis/worker/chest-ct-handler';
import { inspect, load, release, runBare } from '../inference/worker/inference-handlers';
import type { WorkerBootData, WorkerProgressMessage, WorkerRequest } from '../inference/worker/protocol';
import { segment } from '../inference/worker/segment';
import { SessionCache } from '../inference/worker/sessions';
import { lowerThreadPriority } from '../inference/worker/thread-priority';
import { serveRequests } from './serve-requests';

if (!parentPort) throw new Error('the inference worker must run in a worker thread');
const port = parentPort;
const boot = workerData as WorkerBootData;
const load_ = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'noop.js'));
lowerThreadPriority(boot.niceIncrement);
const sessions = new SessionCache(load_(boot.ortModulePath) as typeof Ort);
const post = (m: WorkerProgressMessage): void => port.postMessage(m);

serveRequests<WorkerRequest>(port, {
  inspect: (m) => inspect(sessions, m),
  load: (m) => load(sessions, m),
  release: (m) => release(sessions, m),
  run: (m) => runBare(sessions, m),
  segment: (m) => segment(sessions, m, post),
  chestCt: (m) => analyzeChestCtRequest(sessions, m, post),
});
