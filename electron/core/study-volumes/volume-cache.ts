import type { Volume } from '../volume-assembly/volume';

export interface VolumeCacheOptions {
  /** Budget in bytes of scalars (Volume.scalars.byteLength summed over cached volumes). */
  maxBytes: number;
}

/**
 * LRU cache of volumes by id under a byte budget.
 *
 * - get() refreshes recency; set() evicts least-recently-used entries until the budget holds.
 * - A volume larger than the whole budget is not retained (set() returns false); callers still own it.
 * - getOrLoad(key, loader): concurrent requests for the same key share ONE loader call. A failed load
 *   is not cached (the next call retries). delete()/clear() during a load stop its result from being
 *   cached (the waiting callers still receive it).
 */
export class VolumeCache {
  readonly maxBytes: number;
  private readonly entries = new Map<string, Volume>(); // insertion order = recency (oldest first)
  private readonly inFlight = new Map<string, { promise: Promise<Volume>; token: symbol }>();
  private bytesUsed = 0;

  constructor(options: VolumeCacheOptions) {
    if (!(options.maxBytes >= 0)) throw new RangeError('VolumeCache: maxBytes must be >= 0');
    this.maxBytes = options.maxBytes;
  }

  static sizeOf(volume: Volume): number {
    return volume.scalars.byteLength;
  }

  get bytes(): number {
    return this.bytesUsed;
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** True while getOrLoad's loader for `key` runs. */
  isLoading(key: string): boolean {
    return this.inFlight.has(key);
  }

  get(key: string): Volume | undefined {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  /** Stores `volume` as most recently used; returns false when it alone exceeds the budget. */
  set(key: string, volume: Volume): boolean {
    this.remove(key);
    const size = VolumeCache.sizeOf(volume);
    if (size > this.maxBytes) return false;
    this.entries.set(key, volume);
    this.bytesUsed += size;
    this.evict();
    return true;
  }

  delete(key: string): boolean {
    this.inFlight.delete(key);
    return this.remove(key);
  }

  clear(): void {
    this.entries.clear();
    this.inFlight.clear();
    this.bytesUsed = 0;
  }

  getOrLoad(key: string, loader: () => Promise<Volume>): Promise<Volume> {
    const cached = this.get(key);
    if (cached) return Promise.resolve(cached);
    const pending = this.inFlight.get(key);
    if (pending) return pending.promise;
    const token = Symbol(key);
    const promise = (async () => {
      try {
        const volume = await loader();
        if (this.inFlight.get(key)?.token === token) this.set(key, volume);
        return volume;
      } finally {
        if (this.inFlight.get(key)?.token === token) this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, { promise, token });
    return promise;
  }

  private remove(key: string): boolean {
    const v = this.entries.get(key);
    if (!v) return false;
    this.entries.delete(key);
    this.bytesUsed -= VolumeCache.sizeOf(v);
    return true;
  }

  private evict(): void {
    while (this.bytesUsed > this.maxBytes && this.entries.size > 0) {
      const oldest = this.entries.keys().next().value!;
      this.remove(oldest);
    }
  }
}
