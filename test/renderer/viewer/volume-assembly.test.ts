import { describe, expect, it } from 'vitest';
import { slicesPerChunk, VolumeAssembly } from '../../../renderer/src/viewer/vtk/volume-assembly';

/** The bytes of slices start..start+count-1 of a volume whose voxel n holds n - 500 (int16). */
function chunkBytes(dims: [number, number, number], start: number, count: number): Uint8Array {
  const per = dims[0] * dims[1];
  const buffer = new ArrayBuffer(8 + count * per * 2); // 8-byte aligned payload after a header, as the transports send it
  const values = new Int16Array(buffer, 8, count * per);
  for (let n = 0; n < values.length; n++) values[n] = start * per + n - 500;
  return new Uint8Array(buffer, 8, values.byteLength);
}

describe('VolumeAssembly (chunked volume loading)', () => {
  const dims: [number, number, number] = [5, 4, 7];
  const chunk = (start: number, count: number) => ({ start, count, dims, dataType: 'int16' as const });

  it('copies chunks of whole slices into one buffer, in any order, and reports progress', () => {
    const a = new VolumeAssembly(dims, 'int16');
    expect(a.scalars!).toBeInstanceOf(Int16Array);
    expect(a.scalars!.length).toBe(140);
    a.add(chunk(3, 3), chunkBytes(dims, 3, 3));
    expect(a.progress).toBeCloseTo(3 / 7);
    expect(a.complete).toBe(false);
    expect(a.nextMissing(0)).toBe(0);
    expect(a.nextMissing(3)).toBe(6);
    a.add(chunk(0, 3), chunkBytes(dims, 0, 3));
    a.add(chunk(6, 1), chunkBytes(dims, 6, 1));
    expect(a.complete).toBe(true);
    expect(a.progress).toBe(1);
    expect(a.nextMissing(0)).toBeNull();
    // Every voxel landed where the whole-volume answer would have it.
    expect(Array.from(a.scalars!)).toEqual(Array.from({ length: 140 }, (_, n) => n - 500));
  });

  it('keeps no reference to the chunks it copied', () => {
    const a = new VolumeAssembly(dims, 'int16');
    const bytes = chunkBytes(dims, 0, 7);
    a.add(chunk(0, 7), bytes);
    expect(a.scalars!.buffer).not.toBe(bytes.buffer);
    new Int16Array(bytes.buffer, bytes.byteOffset, 140).fill(0);
    expect(a.scalars![0]).toBe(-500);
  });

  it('counts a slice sent twice once', () => {
    const a = new VolumeAssembly(dims, 'int16');
    a.add(chunk(0, 4), chunkBytes(dims, 0, 4));
    a.add(chunk(2, 4), chunkBytes(dims, 2, 4));
    expect(a.progress).toBeCloseTo(6 / 7);
    expect(a.complete).toBe(false);
  });

  it('refuses chunks that do not fit the volume', () => {
    const a = new VolumeAssembly(dims, 'int16');
    expect(() => a.add(chunk(6, 2), chunkBytes(dims, 6, 2))).toThrow(/outside 0..6/);
    expect(() => a.add({ ...chunk(0, 1), dataType: 'float32' }, chunkBytes(dims, 0, 1))).toThrow(/float32 voxels for a int16 volume/);
    expect(() => a.add({ ...chunk(0, 1), dims: [5, 5, 7] }, chunkBytes(dims, 0, 1))).toThrow(/5x5x7 volume/);
    expect(() => a.add(chunk(0, 2), chunkBytes(dims, 0, 1))).toThrow(/expected 40 voxels/);
    expect(a.progress).toBe(0);
  });

  it('gives each chunk its place in the one buffer to be written in place, counted once marked received', () => {
    const a = new VolumeAssembly(dims, 'int16');
    const place = a.bytesFor(chunk(2, 3));
    expect(place.buffer).toBe(a.scalars!.buffer);
    expect(place.byteOffset).toBe(a.scalars!.byteOffset + 2 * 20 * 2);
    expect(place.length).toBe(3 * 20 * 2);
    place.set(chunkBytes(dims, 2, 3));
    expect(a.progress).toBe(0); // written, not yet marked
    a.received(chunk(2, 3));
    expect(a.progress).toBeCloseTo(3 / 7);
    expect(a.nextMissing(2)).toBe(5);
    expect(Array.from(a.scalars!.subarray(40, 100))).toEqual(Array.from({ length: 60 }, (_, n) => 40 + n - 500));
    expect(a.scalars![39]).toBe(0);
    expect(a.scalars![100]).toBe(0);
    expect(() => a.bytesFor(chunk(6, 2))).toThrow(/outside 0..6/);
    expect(() => a.received({ ...chunk(0, 1), dataType: 'float32' })).toThrow(/float32 voxels for a int16 volume/);
  });

  it('sizes chunks in whole slices near the target bytes', () => {
    expect(slicesPerChunk(512 * 512, 'int16')).toBe(8); // 4 MiB of 512x512 int16 slices
    expect(slicesPerChunk(512 * 512, 'float32')).toBe(4);
    expect(slicesPerChunk(4096 * 4096, 'float32')).toBe(1);
  });

  it('without keeping the whole volume: every chunk in one reused chunk buffer; keepWhole then keeps the last one at its place', () => {
    const a = new VolumeAssembly(dims, 'int16', 3, false);
    expect(a.scalars).toBeNull();
    const into = a.bytesFor(chunk(3, 3));
    into.set(chunkBytes(dims, 3, 3));
    a.received(chunk(3, 3));
    const first = a.voxelsOf(chunk(3, 3));
    expect(Array.from(first)).toEqual(Array.from({ length: 60 }, (_, n) => 60 + n - 500));
    expect(first.buffer.byteLength).toBe(3 * 20 * 2); // one chunk's worth, not the volume's
    a.add(chunk(0, 2), chunkBytes(dims, 0, 2));
    const second = a.voxelsOf(chunk(0, 2));
    expect(second.buffer).toBe(first.buffer); // reused
    expect(Array.from(second)).toEqual(Array.from({ length: 40 }, (_, n) => n - 500));
    expect(() => a.voxelsOf(chunk(3, 3))).toThrow(/no longer held/);
    const other = new VolumeAssembly(dims, 'int16', 3, false);
    other.add(chunk(0, 2), chunkBytes(dims, 0, 2));
    other.dropChunkBuffer();
    expect(() => other.voxelsOf(chunk(0, 2))).toThrow(/no longer held/);
    const whole = a.keepWhole();
    expect(a.scalars).toBe(whole);
    expect(whole).toHaveLength(140);
    expect(Array.from(whole.subarray(0, 40))).toEqual(Array.from({ length: 40 }, (_, n) => n - 500)); // the last chunk, copied
    expect(whole[60]).toBe(0); // slices 3..5 were dropped with the chunk buffer
    a.add(chunk(2, 1), chunkBytes(dims, 2, 1));
    expect(whole[40]).toBe(40 - 500);
    expect(a.progress).toBeCloseTo(6 / 7);
    a.dropChunkBuffer();
    expect(a.scalars).toBe(whole); // kept whole: nothing to drop
  });

  it('a chunk larger than the chunk buffer gets a buffer of its own size', () => {
    const a = new VolumeAssembly(dims, 'int16', 2, false);
    a.add(chunk(0, 7), chunkBytes(dims, 0, 7));
    expect(Array.from(a.voxelsOf(chunk(0, 7)))).toEqual(Array.from({ length: 140 }, (_, n) => n - 500));
    expect(a.complete).toBe(true);
    const chunkVoxels = a.voxelsOf(chunk(0, 7));
    expect(a.keepWhole().buffer).toBe(chunkVoxels.buffer); // the whole volume already, not copied
  });
});
