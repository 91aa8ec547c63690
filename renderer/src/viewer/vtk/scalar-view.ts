/** Voxel data types of the `volumes.get` channel. */
export type VoxelDataType = 'int16' | 'float32' | 'uint8';
export type VoxelArray = Int16Array | Float32Array | Uint8Array;

const BYTES: Record<VoxelDataType, number> = { int16: 2, float32: 4, uint8: 1 };

/**
 * Views the bytes received over the API as typed voxels: a zero-copy view when the payload is
 * aligned for the type (the transports keep it 8-byte aligned), a copy otherwise. Little-endian,
 * like every platform the app runs on. Throws when the byte count does not match the voxel count.
 */
export function voxelArrayFromBytes(dataType: VoxelDataType, bytes: Uint8Array, voxelCount: number): VoxelArray {
  const size = BYTES[dataType];
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
  const copy = dataType === 'int16' ? new Int16Array(voxelCount) : new Float32Array(voxelCount);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}
