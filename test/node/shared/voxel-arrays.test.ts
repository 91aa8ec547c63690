import { describe, expect, it } from 'vitest';
import { newVoxelArray, scalarRange, voxelArrayFromBytes, voxelBytes, voxelDataTypeOf, type VoxelDataType } from '../../../electron/shared/imaging/voxel-arrays';

describe('voxel bytes -> typed array', () => {
  it('views aligned int16 payloads without copying', () => {
    const buffer = new ArrayBuffer(8 + 6);
    const bytes = new Uint8Array(buffer, 8, 6);
    new Int16Array(buffer, 8, 3).set([-1000, 40, 1200]);
    const voxels = voxelArrayFromBytes('int16', bytes, 3);
    expect(voxels).toBeInstanceOf(Int16Array);
    expect(voxels.buffer).toBe(buffer);
    expect(Array.from(voxels)).toEqual([-1000, 40, 1200]);
    bytes[0] = 0; // shared memory: the view sees the change
    expect(voxels[0]).not.toBe(-1000);
  });

  it('copies misaligned payloads, with the right values', () => {
    const src = new Float32Array([1.5, -2.25]);
    const buffer = new ArrayBuffer(3 + 8);
    new Uint8Array(buffer, 3, 8).set(new Uint8Array(src.buffer));
    const voxels = voxelArrayFromBytes('float32', new Uint8Array(buffer, 3, 8), 2);
    expect(voxels.buffer).not.toBe(buffer);
    expect(Array.from(voxels)).toEqual([1.5, -2.25]);
  });

  it('rejects a payload whose size does not match the dimensions', () => {
    expect(() => voxelArrayFromBytes('int16', new Uint8Array(10), 4)).toThrow(/expected 4 voxels/);
    const u8 = new Uint8Array(4);
    expect(voxelArrayFromBytes('uint8', u8, 4)).toBe(u8);
  });

  it('one table: each data type allocates its own array, of its byte size, and names itself back', () => {
    const expected: [VoxelDataType, new (n: number) => ArrayLike<number>, number][] = [
      ['int16', Int16Array, 2],
      ['float32', Float32Array, 4],
      ['uint8', Uint8Array, 1],
    ];
    for (const [dataType, constructor, bytes] of expected) {
      const voxels = newVoxelArray(dataType, 5);
      expect(voxels).toBeInstanceOf(constructor);
      expect(voxels).toHaveLength(5);
      expect(voxelBytes(dataType)).toBe(bytes);
      expect(voxelDataTypeOf(voxels)).toBe(dataType);
    }
    expect(() => voxelArrayFromBytes('int32' as VoxelDataType, new Uint8Array(8), 2)).toThrow(/unsupported voxel data type int32/);
  });

  it('scalarRange: the smallest and largest voxel in one pass, [0, 0] for no voxels', () => {
    expect(scalarRange(Int16Array.from([40, -1024, 3071, 0]))).toEqual([-1024, 3071]);
    expect(scalarRange(Float32Array.from([2.5]))).toEqual([2.5, 2.5]);
    expect(scalarRange(new Uint8Array(0))).toEqual([0, 0]);
  });
});
