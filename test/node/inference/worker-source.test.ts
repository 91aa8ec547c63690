import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { inferenceWorkerSource } from '../../../electron/core/inference/worker/worker-source';
import { workerKernels } from '../../../electron/core/inference/worker/worker-kernels';

describe('inference worker source', () => {
  it('every kernel works from its own source text alone (no outside references)', () => {
    for (const [name, fn] of Object.entries(workerKernels)) {
      // Evaluated in a fresh context with nothing but typed arrays and Math: a kernel that
      // reached for an import or a module constant would throw ReferenceError when run.
      const isolated = new Script(`(${fn.toString()})`).runInNewContext({ __name: (f: unknown) => f });
      expect(typeof isolated, name).toBe('function');
    }
    const iso = (name: keyof typeof workerKernels) => new Script(`(${workerKernels[name].toString()})`).runInNewContext({ Math, Float32Array, Float64Array, Uint8Array, Int32Array, Error, Infinity });
    expect(Array.from(iso('argmaxLabels')(Float32Array.from([0, 1, 2, 0]), 2, 2))).toEqual([1, 0]);
    expect(iso('planWindows')([4, 4, 8], [4, 4, 4], 0)).toEqual([0, 0, 0, 0, 0, 4]);
    expect(iso('importanceMap')([3, 3, 3], 'gaussian').length).toBe(27);
    expect(iso('centeredStart')(10, 4)).toBe(3);
  });

  it('compiles as a script', () => {
    expect(() => new Script(inferenceWorkerSource())).not.toThrow();
  });
});
