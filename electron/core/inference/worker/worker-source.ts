import { inferenceWorkerMain } from './worker-main';
import { workerKernels } from './worker-kernels';
import { lowerThreadPriority } from './thread-priority';

/**
 * JavaScript source of the inference worker, for `new Worker(source, { eval: true })`.
 *
 * Built from the functions' own text (`Function.prototype.toString`), so the same code runs from
 * TypeScript under vitest/tsx and from the esbuild bundles, with no separate worker file to ship.
 * Each function is bound to its canonical name whatever a bundler renamed it to. `__name` is
 * defined because esbuild/tsx with keepNames insert calls to it inside function bodies.
 * The worker lowers its thread priority (workerData.niceIncrement, Linux) and loads onnxruntime-node
 * from `workerData.ortModulePath` (resolved by the host).
 */
export function inferenceWorkerSource(): string {
  const kernels = Object.entries(workerKernels)
    .map(([name, fn]) => `  ${JSON.stringify(name)}: (${fn.toString()}),`)
    .join('\n');
  return [
    '"use strict";',
    'var __name = (target, _value) => target;',
    "const { parentPort, workerData } = require('node:worker_threads');",
    `const kernels = {\n${kernels}\n};`,
    `const lowerThreadPriority = (${lowerThreadPriority.toString()});`,
    `const main = (${inferenceWorkerMain.toString()});`,
    'lowerThreadPriority(require, workerData.niceIncrement);',
    'main(parentPort, kernels, () => require(workerData.ortModulePath));',
  ].join('\n');
}
