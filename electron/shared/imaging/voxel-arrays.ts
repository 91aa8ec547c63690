/**
 * Voxel data types of the volume channels (`voxelDataTypeSchema`: volumes.get, getSlice, getChunk)
 * and the typed arrays that hold them: the core names the type of the voxels it sends, the renderer
 * allocates and views what it receives, both through this table.
 */
import type { z } from 'zod';
import type { voxelDataTypeSchema } from '../api/channels/study-channels';

export type VoxelDataType = z.infer<typeof voxelDataTypeSchema>;
export type VoxelArray = Int16Array | Float32Array | Uint8Array;

const ARRAY_OF = { int16: Int16Array, float32: Float32Array, uint8: Uint8Array } as const satisfies Record<VoxelDataType, unknown>;

/** Bytes per voxel of a data type (0 for a name that is none). */
export function voxelBytes(dataType: VoxelDataType): number {
  return (ARRAY_OF[dataType] as (typeof ARRAY_OF)[VoxelDataType] | undefined)?.BYTES_PER_ELEMENT ?? 0;
}

/** A zeroed array of `length` voxels of the type. */
export function newVoxelArray(dataType: VoxelDataType, length: number): VoxelArray {
  return new ARRAY_OF[dataType](length);
}

/** The data type of an array of voxels. */
export function voxelDataTypeOf(voxels: VoxelArray): VoxelDataType {
  if (voxels instanceof Int16Array) return 'int16';
  if (voxels instanceof Uint8Array) return 'uint8';
  return 'float32';
}

/**
 * Views the bytes received over the API as typed voxels: a zero-copy view when the payload is
 * aligned for the type (the transports keep it 8-byte aligned), a copy otherwise. Little-endian,
 * like every platform the app runs on. Throws when the byte count does not match the voxel count.
 */
export function voxelArrayFromBytes(dataType: VoxelDataType, bytes: Uint8Array, voxelCount: number): VoxelArray {
  const size = voxelBytes(dataType);
  if (!size) throw new Error(`unsupported voxel data type ${String(dataType)}`);
  if (bytes.byteLength !== voxelCount * size) {
    throw new Error(`volume payload has ${bytes.byteLength} bytes, expected ${voxelCount} voxels × ${size} bytes`);
  }
  if (dataType === 'uint8') return bytes;
  if (bytes.byteOffset % size === 0) {
    return dataType === 'int16'
      ? new Int16Array(bytes.buffer, bytes.byteOffset, voxelCount)
      : new Float32Array(bytes.buffer, bytes.byteOffset, voxelCount);
  }
  const copy = newVoxelArray(dataType, voxelCount);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}

/** The smallest and largest value of the voxels ([0, 0] when there are none): one pass. */
export function scalarRange(voxels: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < voxels.length; i++) {
    const v = voxels[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return voxels.length ? [min, max] : [0, 0];
}
