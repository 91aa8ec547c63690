import { newVoxelArray, type VoxelArray, type VoxelDataType } from '../../../../electron/shared/imaging/voxel-arrays';
import { percentileSampleStep } from './modality-windows';

/**
 * The values `percentileWindow` would sample from a volume of `total` values (every
 * `percentileSampleStep(total)`th, from the first), gathered piece by piece as the volume streams
 * in, in any order, so no buffer of the whole volume is needed. Once every piece is in,
 * `percentileWindow(values)` samples every one of them (fewer than 2M), so it equals
 * `percentileWindow` of the whole volume.
 */
export class StridedSamples {
  readonly values: VoxelArray;
  readonly step: number;

  constructor(dataType: VoxelDataType, total: number) {
    this.step = percentileSampleStep(total);
    this.values = newVoxelArray(dataType, Math.ceil(total / this.step));
  }

  /** `piece` holds the volume's values `first..first+piece.length-1`. */
  add(first: number, piece: ArrayLike<number>): void {
    const step = this.step;
    for (let g = Math.ceil(first / step) * step, end = first + piece.length; g < end; g += step) this.values[g / step] = piece[g - first]!;
  }
}
