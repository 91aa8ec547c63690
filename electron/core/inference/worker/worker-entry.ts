/**
 * Optional file entry of the inference worker, for builds that prefer a worker file to the default
 * eval'd source: bundle this file (esbuild, format cjs, onnxruntime-node external) and point
 * RADGROUND_INFERENCE_WORKER (or InferenceWorkerOptions.workerScript) at the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inferenceWorkerMain } from './worker-main';
import { workerKernels } from './worker-kernels';
import { lowerThreadPriority } from './thread-priority';
import type { WorkerBootData } from './protocol';

if (!parentPort) throw new Error('inference worker entry must run in a worker thread');
const boot = workerData as WorkerBootData;
const load = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'noop.js'));
lowerThreadPriority(load, boot.niceIncrement);
inferenceWorkerMain(parentPort as never, workerKernels, () => load(boot.ortModulePath));
