import type { DicomInstance } from '../dicom/dicom-instance';
import { modalityOutputType } from '../dicom/pixels/modality-output';
import type { LendingFrameLoader } from '../volume-assembly/load-frames';
import type { DicomWorkerPool } from './dicom-worker-pool';

/**
 * A LendingFrameLoader for one volume build (buildDicomVolume) that decodes in the
 * worker pool straight into one SharedArrayBuffer per lane, reused from instance to instance
 * (grown when an instance needs more): the frames it answers are views of that buffer, valid until
 * the lane's next load. A build thus allocates a few instances' worth of buffers, where frames
 * transferred from the workers would leave one buffer per instance behind (the whole volume again,
 * until the garbage collector frees them). `maxWorkers`: the loads start no worker beyond this many
 * (DicomWorkerPool.readModalityFramesInto).
 */
export function lentFrameLoader(pool: Pick<DicomWorkerPool, 'readModalityFramesInto'>, options: { maxWorkers?: number } = {}): LendingFrameLoader {
  const lanes: SharedArrayBuffer[] = [];
  const lend = async (instance: DicomInstance, lane: number) => {
    const frameLength = instance.rows * instance.columns;
    const frames = Math.max(1, instance.numberOfFrames);
    const int16 = modalityOutputType(instance) === 'int16';
    const bytes = frameLength * frames * (int16 ? 2 : 4);
    let buffer = lanes[lane];
    if (!buffer || buffer.byteLength < bytes) lanes[lane] = buffer = new SharedArrayBuffer(bytes);
    const shared = buffer;
    const view = (offset: number, length: number) => (int16 ? new Int16Array(shared, offset * 2, length) : new Float32Array(shared, offset * 4, length));
    await pool.readModalityFramesInto(instance, view(0, frameLength * frames), options);
    return Array.from({ length: frames }, (_, f) => view(f * frameLength, frameLength)) as Int16Array[] | Float32Array[];
  };
  return { lend };
}
