/** In-memory frame loaders and a deterministic shuffle for the volume tests (their instances: test/support/dicom-instance-factory). */
import type { DicomInstance } from '../../../../electron/core/dicom/dicom-instance';
import type { FrameLoader } from '../../../../electron/core/volume-assembly/build-dicom-volume';

/** Loader returning frames computed by `pixel(instance, frame, col, row)`; counts calls per instance. */
export function fnLoader(
  pixel: (inst: DicomInstance, frame: number, col: number, row: number) => number,
  type: 'int16' | 'float32' = 'float32',
): FrameLoader & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const loader = async (inst: DicomInstance) => {
    calls.set(inst.sopInstanceUid, (calls.get(inst.sopInstanceUid) ?? 0) + 1);
    const frames: (Int16Array | Float32Array)[] = [];
    for (let f = 0; f < inst.numberOfFrames; f++) {
      const a = type === 'int16' ? new Int16Array(inst.rows * inst.columns) : new Float32Array(inst.rows * inst.columns);
      for (let r = 0; r < inst.rows; r++) for (let c = 0; c < inst.columns; c++) a[r * inst.columns + c] = pixel(inst, f, c, r);
      frames.push(a);
    }
    return frames;
  };
  return Object.assign(loader, { calls });
}

/** Deterministic shuffle (mulberry32). */
export function shuffled<T>(items: T[], seed = 1): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
