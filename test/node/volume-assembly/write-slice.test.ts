/**
 * writeSlice (each decoded frame written into the volume on the thread serving the API): an int16
 * frame into an int16 volume, and an int16 or float32 frame into a float32 one, are copied natively
 * (TypedArray.set, ~1 ms per 512 x 512 slice less than the per-voxel loop, issue 13 item 1), with the
 * values the per-voxel loop writes; other sources still go through the rounding/clamping loop.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeSlice } from '../../../electron/core/volume-assembly/slice-resample';

/** The per-voxel rule: rounded and clamped into int16, or stored as is into float32. */
function reference(dest: Int16Array | Float32Array, offset: number, values: ArrayLike<number>): void {
  for (let p = 0; p < values.length; p++) {
    const v = values[p]!;
    if (dest instanceof Int16Array) {
      const r = Math.round(v);
      dest[offset + p] = r > 32767 ? 32767 : r < -32768 ? -32768 : r;
    } else dest[offset + p] = v;
  }
}

const n = 512 * 512;
const int16Frame = () => Int16Array.from({ length: n }, (_, i) => ((i * 7919) % 65536) - 32768);
const float32Frame = () => Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 40000 + (i % 3 === 0 ? 0.5 : 0.25));
const typedArraySet = Object.getPrototypeOf(Int16Array.prototype) as { set: (...args: unknown[]) => void };

describe('writeSlice', () => {
  afterEach(() => vi.restoreAllMocks());

  const cases: [string, () => Int16Array | Float32Array, () => ArrayLike<number>][] = [
    ['int16 into int16', () => new Int16Array(3 * n), int16Frame],
    ['int16 into float32', () => new Float32Array(3 * n), int16Frame],
    ['float32 into float32', () => new Float32Array(3 * n), float32Frame],
    ['float32 into int16 (rounded, clamped)', () => new Int16Array(3 * n), float32Frame],
    ['a plain array into int16', () => new Int16Array(3 * n), () => Array.from(float32Frame())],
  ];
  for (const [name, dest, values] of cases) {
    it(`${name}: the per-voxel rule's values, at the offset`, () => {
      const v = values();
      const got = dest();
      const want = dest();
      writeSlice(got, n, v);
      reference(want, n, v);
      expect(Buffer.compare(Buffer.from(got.buffer), Buffer.from(want.buffer))).toBe(0);
    });
  }

  it('copies a same-kind frame natively, in one TypedArray.set', () => {
    const set = vi.spyOn(typedArraySet, 'set');
    writeSlice(new Int16Array(2 * n), n, int16Frame());
    writeSlice(new Float32Array(2 * n), n, int16Frame());
    writeSlice(new Float32Array(2 * n), 0, float32Frame());
    expect(set.mock.calls.map((c) => c[1])).toEqual([n, n, 0]);
  });
});
