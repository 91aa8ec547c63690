import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../electron/core/volume-assembly/volume';
import { VolumeCache } from '../../../electron/core/study-volumes/volume-cache';

function vol(bytes: number): Volume {
  return {
    scalars: new Uint8Array(bytes),
    dims: [bytes, 1, 1],
    spacing: [1, 1, 1],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    units: 'raw',
    modality: null,
    frameOfReferenceUid: null,
    seriesInstanceUid: null,
    sopInstanceUids: [null],
    invertForDisplay: false,
    defaultWindow: null,
    warnings: [],
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('VolumeCache', () => {
  it('evicts least recently used entries to stay under the byte budget', () => {
    const c = new VolumeCache({ maxBytes: 100 });
    c.set('a', vol(40));
    c.set('b', vol(40));
    expect(c.get('a')).toBeDefined(); // a is now most recent
    c.set('c', vol(40)); // 120 > 100: evict b (LRU)
    expect(c.keys()).toEqual(['a', 'c']);
    expect(c.bytes).toBe(80);
    c.set('d', vol(70)); // evicts a, then c
    expect(c.keys()).toEqual(['d']);
    expect(c.bytes).toBe(70);
  });

  it('does not retain a volume larger than the budget; replacing a key updates the byte count', () => {
    const c = new VolumeCache({ maxBytes: 50 });
    expect(c.set('big', vol(51))).toBe(false);
    expect(c.has('big')).toBe(false);
    c.set('a', vol(10));
    c.set('a', vol(30));
    expect(c.bytes).toBe(30);
    expect(c.size).toBe(1);
  });

  it('delete and clear', () => {
    const c = new VolumeCache({ maxBytes: 100 });
    c.set('a', vol(10));
    c.set('b', vol(10));
    expect(c.delete('a')).toBe(true);
    expect(c.delete('a')).toBe(false);
    expect(c.bytes).toBe(10);
    c.clear();
    expect(c.size).toBe(0);
    expect(c.bytes).toBe(0);
  });

  it('getOrLoad: concurrent requests share one load, then hit the cache', async () => {
    const c = new VolumeCache({ maxBytes: 100 });
    let calls = 0;
    const d = deferred<Volume>();
    const loader = () => {
      calls++;
      return d.promise;
    };
    const p1 = c.getOrLoad('x', loader);
    const p2 = c.getOrLoad('x', loader);
    d.resolve(vol(10));
    const [v1, v2] = await Promise.all([p1, p2]);
    expect(v1).toBe(v2);
    expect(calls).toBe(1);
    expect(await c.getOrLoad('x', loader)).toBe(v1);
    expect(calls).toBe(1);
  });

  it('getOrLoad: a failed load is shared by waiters but not cached; the next call retries', async () => {
    const c = new VolumeCache({ maxBytes: 100 });
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('boom');
    };
    await Promise.all([
      expect(c.getOrLoad('x', failing)).rejects.toThrow('boom'),
      expect(c.getOrLoad('x', failing)).rejects.toThrow('boom'),
    ]);
    expect(calls).toBe(1);
    expect(c.has('x')).toBe(false);
    const v = await c.getOrLoad('x', async () => vol(5));
    expect(c.get('x')).toBe(v);
  });

  it('getOrLoad: delete during a load keeps its result out of the cache', async () => {
    const c = new VolumeCache({ maxBytes: 100 });
    const d = deferred<Volume>();
    const p = c.getOrLoad('x', () => d.promise);
    c.delete('x');
    d.resolve(vol(10));
    expect(await p).toBeDefined();
    expect(c.has('x')).toBe(false);
  });
});
