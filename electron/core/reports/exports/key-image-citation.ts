/**
 * Which image a key image is, in the numbers the report cites and the viewer shows: the series
 * number and the image number of the shared rule (electron/shared/imaging/image-numbering.ts) of the
 * key image's slice, from the indexed headers of the region's volume. Null when the volume is not in
 * the study index (a NIfTI or a test volume): the caption then gives the slice position only.
 */
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';
import { findSeriesStack } from '../../study-volumes/find-series-stack';
import { stackImageNumbering } from '../../study-volumes/volume-geometry';
import type { SeriesStack } from '../../volume-assembly';

export interface KeyImageCitation {
  seriesNumber: number | null;
  /** Null for a slice with no source image (interpolated). */
  imageNumber: number | null;
}

export function keyImageCitation(db: SqliteDatabase, volumeId: string, sliceIndex: number): KeyImageCitation | null {
  let stack: SeriesStack;
  try {
    stack = findSeriesStack(db, volumeId);
  } catch (e) {
    if (e instanceof RadGroundError) return null;
    throw e;
  }
  let numbers: (number | null)[];
  try {
    numbers = stackImageNumbering(stack).numbers;
  } catch (e) {
    if (e instanceof RadGroundError) return null; // headers that form no volume
    throw e;
  }
  if (numbers.length === 0) return null;
  const seriesNumber = stack.instances.find((h) => h.seriesNumber !== null)?.seriesNumber ?? null;
  return { seriesNumber, imageNumber: numbers[sliceIndex] ?? null };
}

/** "series 2, image 21" (the parts known), or null when neither is. */
export function citationText(c: KeyImageCitation | null): string | null {
  if (!c) return null;
  const parts = [c.seriesNumber !== null ? `series ${c.seriesNumber}` : null, c.imageNumber !== null ? `image ${c.imageNumber}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}
