import { voxelBytes } from '../../shared/imaging/voxel-arrays';
import { dicomWorkers, type DicomWorkerPool } from '../dicom-worker/dicom-worker-pool';
import { lentFrameLoader } from '../dicom-worker/lent-frames';
import type { SeriesStack } from '../volume-assembly';
import type { LendingFrameLoader } from '../volume-assembly/load-frames';
import { assembleDirectSlices, scanDirectStack, streamableStackPlan, type DirectStackScan } from '../volume-assembly/stream-slices';
import type { VolumeChunk } from './study-volume-service';

/** No chunk decoded for this long: the spare chunk buffer and idle frame loaders are let go. */
const IDLE_MS = 5000;

/**
 * The frames of a streamable stack are native pixel data, each read from its file straight into a
 * shared lane (a file read and, at most, a rescale): one DICOM worker keeps up with that, and every
 * further worker thread would cost ~11 MiB resident for as long as it lives. So the loads start no
 * second worker (they use any already running), and keep two in flight: one read while the thread
 * serving the UI takes the other's slices.
 */
const STREAM_WORKERS = 1;
const STREAM_LOADS_IN_FLIGHT = 2;

/**
 * Chunks of a plain uncompressed stack decoded by themselves, in the DICOM worker pool, with no
 * whole volume built (volume-assembly/stream-slices.ts): the volume's voxel type and scalar range,
 * which every chunk carries, come from one earlier pass over the frames that keeps nothing else
 * (kept per stack). A chunk's buffer is handed back by its `release` (the HTTP route, once the answer
 * is sent) for the next chunk, so streaming a volume holds about one chunk at a time.
 */
export class DecodedChunks {
  private readonly scans = new Map<string, Promise<DirectStackScan>>();
  private readonly spareBuffers: ArrayBuffer[] = [];
  /** Frame loaders (each with its lanes' shared buffers) not in use by a scan or a chunk now. */
  private readonly idleLoaders: LendingFrameLoader[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  /** `workers`: the DICOM worker pool the frames are read in (default: the process's). */
  constructor(private readonly workers: () => Pick<DicomWorkerPool, 'readModalityFramesInto'> = dicomWorkers) {}

  /** Slices [start, start + count) of the stack's volume, clipped to it; null when the stack is not streamable. */
  async chunk(volumeId: string, stack: SeriesStack, start: number, count: number): Promise<VolumeChunk | null> {
    const plan = streamableStackPlan(stack.instances);
    if (!plan) return null;
    const scan = await this.scanOf(`${volumeId}\n${stack.instances.map((i) => i.sopInstanceUid).join('\n')}`, () => this.withLoader((loader) => scanDirectStack(plan, loader, STREAM_LOADS_IN_FLIGHT)));
    const d = plan.dims[2];
    const first = Math.min(start, d);
    const n = Math.max(0, Math.min(count, d - first));
    const length = n * plan.rows * plan.cols;
    const bytes = length * voxelBytes(scan.dataType);
    const spare = this.spareBuffers.findIndex((b) => b.byteLength >= bytes);
    const buffer = spare >= 0 ? this.spareBuffers.splice(spare, 1)[0]! : new ArrayBuffer(bytes);
    const scalars = scan.dataType === 'int16' ? new Int16Array(buffer, 0, length) : new Float32Array(buffer, 0, length);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (this.spareBuffers.length) return;
      this.spareBuffers.push(buffer);
      this.letGoWhenIdle();
    };
    // Not handed back on failure: a load still in flight may yet write into it.
    await this.withLoader((loader) => assembleDirectSlices(plan, loader, scalars, first, STREAM_LOADS_IN_FLIGHT));
    return { start: first, count: n, dims: plan.dims, dataType: scan.dataType, scalarRange: scan.scalarRange, scalars, release };
  }

  /**
   * Runs `use` with a lending frame loader no one else uses meanwhile (two at once would share lanes),
   * reused from chunk to chunk so that its lanes' buffers are not made again each time. A failed
   * use does not hand its loader back: a load still in flight may yet write into its lanes.
   */
  private async withLoader<T>(use: (loader: LendingFrameLoader) => Promise<T>): Promise<T> {
    const loader = this.idleLoaders.pop() ?? lentFrameLoader(this.workers(), { maxWorkers: STREAM_WORKERS });
    const result = await use(loader);
    if (this.idleLoaders.length < 2) this.idleLoaders.push(loader);
    this.letGoWhenIdle();
    return result;
  }

  private letGoWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.spareBuffers.length = 0;
      this.idleLoaders.length = 0;
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  /** One scan per stack at a time, kept for the last few stacks (a failed scan is not kept). */
  private scanOf(key: string, run: () => Promise<DirectStackScan>): Promise<DirectStackScan> {
    let scan = this.scans.get(key);
    if (!scan) {
      scan = run();
      scan.catch(() => this.scans.delete(key));
      this.scans.set(key, scan);
      while (this.scans.size > 16) this.scans.delete(this.scans.keys().next().value!);
    }
    return scan;
  }
}
