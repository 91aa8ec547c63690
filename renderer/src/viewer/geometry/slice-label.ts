import type { ImageNumbering } from '../../../../electron/shared/imaging/image-numbering';
import type { SliceInfo } from './slice-navigation';
import type { Axis } from './slice-orientation';

/** The volume's slice axis (k): the acquired images lie across it; the other axes are reformats. */
export const ACQUISITION_AXIS: Axis = 2;

export interface SliceLabel {
  /** The image number the report cites (electron/shared/imaging/image-numbering.ts), or null. */
  imageNumber: number | null;
  /** "Im 21 (44/64)" for an acquired image, "Im 44 / 64" (position only) for a reformat or an interpolated slice. */
  text: string;
}

export function sliceLabel(slice: SliceInfo, axis: Axis, numbering: ImageNumbering | null): SliceLabel {
  const imageNumber = axis === ACQUISITION_AXIS ? (numbering?.numbers[slice.index] ?? null) : null;
  return {
    imageNumber,
    text: imageNumber !== null ? `Im ${imageNumber} (${slice.number}/${slice.count})` : `Im ${slice.number} / ${slice.count}`,
  };
}
