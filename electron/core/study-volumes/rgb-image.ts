import { pixelKindOf, readRgbFrames, rgbDisplayBytes, type RgbFrame } from '../dicom';
import type { DicomInstance } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import { planDicomStack, type SeriesStack } from '../volume-assembly';

export interface RgbImage {
  rows: number;
  columns: number;
  bits: number;
  photometricInterpretation: string;
  /** rows * columns * 3 bytes: R, G, B per pixel, column fastest. */
  rgb: Uint8Array;
}

/** The decoded frames of the last few color instances (paging a multi-frame US loop decodes it once). */
export class RgbFrameCache {
  private readonly entries = new Map<string, Promise<RgbFrame[]>>();
  /** `decode` reads an instance's color frames (the app passes the DICOM worker pool's). */
  constructor(
    private readonly maxInstances = 4,
    private readonly decode: (instance: DicomInstance) => Promise<RgbFrame[]> = readRgbFrames,
  ) {}

  frames(instance: DicomInstance): Promise<RgbFrame[]> {
    const key = instance.filePath;
    let hit = this.entries.get(key);
    if (hit) this.entries.delete(key);
    else hit = this.decode(instance);
    this.entries.set(key, hit);
    hit.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxInstances) this.entries.delete(this.entries.keys().next().value!);
    return hit;
  }
}

/**
 * Image k of a stack (the k of `volumes.display`) as 8-bit RGB. A slice interpolated between two
 * images shows the nearer one: color is never blended. Grey-scale images are BAD_REQUEST.
 */
export async function rgbImageOf(stack: SeriesStack, k: number, cache: RgbFrameCache): Promise<RgbImage> {
  const plan = planDicomStack(stack.instances);
  const out = plan.output[k];
  if (!out) throw new RadGroundError('NOT_FOUND', `volume ${stack.id} has no image ${k} (it has ${plan.output.length})`);
  const src = out.kind === 'copy' ? out.src : out.t < 0.5 ? out.lo : out.hi;
  const { instance, frameIndex } = plan.slices[src]!.source;
  if (pixelKindOf(instance) !== 'rgb') {
    throw new RadGroundError('BAD_REQUEST', `image ${k} of volume ${stack.id} is grey-scale (${instance.photometricInterpretation}): read it with volumes.get`);
  }
  const frame = (await cache.frames(instance))[frameIndex];
  if (!frame) throw new RadGroundError('CORRUPT_INPUT', `instance ${instance.sopInstanceUid} has no frame ${frameIndex + 1}`);
  return { rows: frame.rows, columns: frame.columns, bits: frame.bits, photometricInterpretation: instance.photometricInterpretation, rgb: rgbDisplayBytes(frame) };
}
