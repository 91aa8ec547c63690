/**
 * The slices of a volume still arriving: the viewer shows the volume while its voxels stream in,
 * and each listener hears which slices `k0..k1` were just written into the scalars.
 */
export class VolumeStream {
  private readonly listeners = new Set<(k0: number, k1: number, complete: boolean) => void>();
  private done: boolean;

  /** `complete`: the slices already written when the volume is shown are all of them. */
  constructor(complete = false) {
    this.done = complete;
  }

  /** Every slice is in (nothing more will be written). */
  get complete(): boolean {
    return this.done;
  }

  /** Returns a function that stops listening. `complete`: these were the last slices missing. */
  onSlices(listener: (k0: number, k1: number, complete: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  written(k0: number, k1: number, complete: boolean): void {
    if (complete) this.done = true;
    for (const listener of this.listeners) listener(k0, k1, complete);
  }
}
