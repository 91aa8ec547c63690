import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultIntraOpThreads } from '../../../electron/core/inference';

describe('onnxruntime intra-op threads', () => {
  it('default to every available core; RADGROUND_INFERENCE_THREADS lowers it, never above the cores', () => {
    const cores = availableParallelism();
    expect(defaultIntraOpThreads({})).toBe(cores);
    expect(defaultIntraOpThreads({ RADGROUND_INFERENCE_THREADS: '1' })).toBe(1);
    expect(defaultIntraOpThreads({ RADGROUND_INFERENCE_THREADS: String(cores + 8) })).toBe(cores);
    for (const bad of ['0', '-2', '1.5', 'all', '']) expect(defaultIntraOpThreads({ RADGROUND_INFERENCE_THREADS: bad })).toBe(cores);
  });
});
