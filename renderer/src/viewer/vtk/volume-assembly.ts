import { newVoxelArray, voxelArrayFromBytes, voxelBytes, type VoxelArray, type VoxelDataType } from '../../../../electron/shared/imaging/voxel-arrays';

/**
 * Bytes a chunk request aims at: a few MiB, so progress moves and no big transient buffer exists.
 * The host decodes each chunk into a buffer of this size (kept for the next one) and the answer is
 * in flight meanwhile: on A0001 (512x512 int16), 4 MiB chunks put the host's peak ~7 MiB below 8 MiB
 * ones; 2 MiB ones were no lower and took more requests.
 */
export const CHUNK_TARGET_BYTES = 4 * 1024 * 1024;

/** Whole slices per chunk request for slices of `sliceVoxels` voxels of `dataType`. */
export function slicesPerChunk(sliceVoxels: number, dataType: VoxelDataType, targetBytes = CHUNK_TARGET_BYTES): number {
  return Math.max(1, Math.floor(targetBytes / Math.max(1, sliceVoxels * voxelBytes(dataType))));
}

/** Where a chunk goes: whole slices `start..start+count-1` of a volume of `dims` and `dataType`. */
export interface ChunkPlace {
  start: number;
  count: number;
  dims: readonly number[];
  dataType: VoxelDataType;
}

/**
 * A volume filled chunk by chunk (whole slices `start..start+count-1`, as `volumes.getChunk` sends
 * them), each chunk written in place as it arrives (`bytesFor`, then `received`) or copied (`add`).
 * Where the voxels go: with `keepWhole` (or `keepsWhole` at construction), ONE typed array of the
 * whole volume (`scalars`), allocated once, each chunk at its place; before that, ONE chunk buffer
 * of `maxChunkSlices` slices (or the largest chunk's), reused by every chunk, so a chunk's voxels (`voxelsOf`) are there only
 * until the next one is written. `progress` is the fraction of slices received; `complete` once
 * every slice has arrived (each exactly once).
 */
export class VolumeAssembly {
  private whole: VoxelArray | null = null;
  private chunkBuffer: VoxelArray | null = null;
  private lastChunkStart = -1;
  private lastChunkCount = 0;
  private readonly sliceVoxels: number;
  private readonly receivedSlices: Uint8Array;
  private receivedCount = 0;

  constructor(
    readonly dims: readonly [number, number, number],
    readonly dataType: VoxelDataType,
    private readonly maxChunkSlices = dims[2],
    keepsWhole = true,
  ) {
    if (!dims.every((d) => Number.isInteger(d) && d > 0)) throw new Error(`invalid volume dimensions ${dims.join('x')}`);
    if (!Number.isInteger(maxChunkSlices) || maxChunkSlices < 1) throw new Error(`invalid chunk size ${maxChunkSlices}`);
    this.sliceVoxels = dims[0] * dims[1];
    this.receivedSlices = new Uint8Array(dims[2]);
    if (keepsWhole) this.keepWhole();
  }

  /** The whole volume's voxels, once it is kept whole (`keepWhole`); null before. */
  get scalars(): VoxelArray | null {
    return this.whole;
  }

  /**
   * From now on keeps the whole volume in one array (`scalars`), the last chunk received into the
   * chunk buffer copied to its place first. Returns that array.
   */
  keepWhole(): VoxelArray {
    if (this.whole) return this.whole;
    const total = this.sliceVoxels * this.dims[2];
    if (this.chunkBuffer?.length === total && this.lastChunkStart === 0 && this.lastChunkCount === this.dims[2]) {
      this.whole = this.chunkBuffer; // the last chunk was the whole volume: it is the buffer
      this.chunkBuffer = null;
      return this.whole;
    }
    this.whole = newVoxelArray(this.dataType, total);
    if (this.chunkBuffer && this.lastChunkStart >= 0) {
      this.whole.set(this.chunkBuffer.subarray(0, this.lastChunkCount * this.sliceVoxels), this.lastChunkStart * this.sliceVoxels);
    }
    this.chunkBuffer = null;
    return this.whole;
  }

  /** Every chunk has been handed over: lets the chunk buffer go (`voxelsOf` has nothing to give after this). */
  dropChunkBuffer(): void {
    this.chunkBuffer = null;
    this.lastChunkStart = -1;
    this.lastChunkCount = 0;
  }

  /** Copies slices `start..start+count-1` from `bytes` into place. Throws on a chunk that does not fit. */
  add(chunk: ChunkPlace, bytes: Uint8Array): void {
    this.check(chunk);
    const voxels = voxelArrayFromBytes(this.dataType, bytes, chunk.count * this.sliceVoxels);
    this.place(chunk).set(voxels);
    this.received(chunk);
  }

  /**
   * The bytes of slices `start..start+count-1` where they go (their place in `scalars`, else the
   * chunk buffer), a view to write them into in place (then `received`). Throws on a chunk that does not fit.
   */
  bytesFor(chunk: ChunkPlace): Uint8Array {
    this.check(chunk);
    const place = this.place(chunk);
    return new Uint8Array(place.buffer, place.byteOffset, place.byteLength);
  }

  /** The voxels of the chunk just received (`received`/`add`): valid until the next chunk is written. */
  voxelsOf(chunk: ChunkPlace): VoxelArray {
    this.check(chunk);
    if (!this.whole && chunk.start !== this.lastChunkStart) throw new Error(`slices ${chunk.start}.. are no longer held`);
    return this.whole ? this.place(chunk) : this.chunkBuffer!.subarray(0, chunk.count * this.sliceVoxels);
  }

  private place(chunk: ChunkPlace): VoxelArray {
    const n = chunk.count * this.sliceVoxels;
    if (this.whole) return this.whole.subarray(chunk.start * this.sliceVoxels, chunk.start * this.sliceVoxels + n);
    // A chunk larger than asked for (the core may answer more slices) gets a buffer of its size.
    if (!this.chunkBuffer || this.chunkBuffer.length < n) this.chunkBuffer = newVoxelArray(this.dataType, Math.max(n, Math.min(this.maxChunkSlices, this.dims[2]) * this.sliceVoxels));
    this.lastChunkStart = chunk.start;
    this.lastChunkCount = chunk.count;
    return this.chunkBuffer.subarray(0, n);
  }

  /** Slices `start..start+count-1` are in place (written through `bytesFor`). */
  received(chunk: ChunkPlace): void {
    this.check(chunk);
    for (let k = chunk.start; k < chunk.start + chunk.count; k++) {
      if (!this.receivedSlices[k]) this.receivedCount++;
      this.receivedSlices[k] = 1;
    }
  }

  private check({ start, count, dims, dataType }: ChunkPlace): void {
    if (dataType !== this.dataType) throw new Error(`chunk of ${dataType} voxels for a ${this.dataType} volume`);
    if (dims.some((d, a) => d !== this.dims[a])) throw new Error(`chunk of a ${dims.join('x')} volume for a ${this.dims.join('x')} one`);
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 1 || start + count > this.dims[2]) {
      throw new Error(`chunk slices ${start}..${start + count - 1} outside 0..${this.dims[2] - 1}`);
    }
  }

  /** The first slice not received yet at or after `from` (the next chunk to ask for), or null. */
  nextMissing(from = 0): number | null {
    for (let k = from; k < this.dims[2]; k++) if (!this.receivedSlices[k]) return k;
    for (let k = 0; k < from; k++) if (!this.receivedSlices[k]) return k;
    return null;
  }

  /** How many slices from `start` on (at most `max`) are all still missing: the next chunk's size. */
  missingRun(start: number, max: number): number {
    let n = 0;
    while (n < max && start + n < this.dims[2] && !this.receivedSlices[start + n]) n++;
    return n;
  }

  get progress(): number {
    return this.receivedCount / this.dims[2];
  }

  get complete(): boolean {
    return this.receivedCount === this.dims[2];
  }
}
