import type { VoxelArray } from '../../../../electron/shared/imaging/voxel-arrays';

/**
 * Where the viewer keeps a streamed volume's voxels: 'whole', in one array in the renderer
 * (`LoadedVolume.scalars`), or 'texture', only in the GPU texture it writes itself, each chunk
 * handed to the listeners (`onSlices`' `voxels`) and dropped once they return.
 */
export type VoxelPlacement = 'whole' | 'texture';

export type SliceListener = (k0: number, k1: number, complete: boolean, voxels: VoxelArray) => void;

/** What the loader does when the viewer picks a placement (`VolumeStream.place`). */
export interface StreamPlacer {
  /** Keeps the voxels as `placement` says; for 'whole', returns the array they are in. */
  place(placement: VoxelPlacement): VoxelArray | null;
  /** Asks the core for the whole volume again (the voxels kept only in a texture that is lost). */
  refetch(): void;
}

/**
 * The slices of a volume still arriving: the viewer shows the volume while its voxels stream in,
 * and each listener hears which slices `k0..k1` were just written (their voxels in `voxels`, valid
 * only during the call). The loader waits for the viewer to `place` the voxels before it asks for
 * more than the first chunk.
 */
export class VolumeStream {
  private readonly listeners = new Set<SliceListener>();
  private done: boolean;
  private placement: VoxelPlacement | null = null;
  /** Where the voxels are 'texture': the automatic window's samples, complete once every slice is in. */
  windowSamples: VoxelArray | null = null;

  /** `complete`: the slices already written when the volume is shown are all of them. */
  constructor(
    complete = false,
    private readonly placer: StreamPlacer | null = null,
  ) {
    this.done = complete;
  }

  /** Every slice is in (nothing more will be written). */
  get complete(): boolean {
    return this.done;
  }

  /** The placement chosen; null before (and for a stream without a placer: always 'whole'). */
  get placed(): VoxelPlacement | null {
    return this.placer ? this.placement : 'whole';
  }

  /**
   * Chooses where the voxels are kept, once. 'whole': returns the array of the whole volume (the
   * chunks already in, in it). 'texture': the chunk already in is handed to the listeners now, so
   * subscribe first; returns null. A second call, or 'texture' without a placer, throws.
   */
  place(placement: VoxelPlacement): VoxelArray | null {
    if (this.placement) throw new Error(`the voxels are already placed (${this.placement})`);
    if (!this.placer) {
      if (placement === 'texture') throw new Error('this stream cannot hand its voxels over chunk by chunk');
      return null;
    }
    this.placement = placement;
    return this.placer.place(placement);
  }

  /** Asks for the volume again (its texture, the only copy of the voxels, was lost). */
  refetch(): void {
    this.placer?.refetch();
  }

  /** Returns a function that stops listening. `complete`: these were the last slices missing. */
  onSlices(listener: SliceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  written(k0: number, k1: number, complete: boolean, voxels: VoxelArray): void {
    if (complete) this.done = true;
    for (const listener of this.listeners) listener(k0, k1, complete, voxels);
  }
}
