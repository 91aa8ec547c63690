/**
 * The number of an image in a series: the one rule the report ("series S, image I") and the viewer
 * ("Im I (k/n)") both use, so that a reader can type the cited number and land on the cited slice.
 *
 * Input: a volume's slices in the volume's own slice order (k = 0, 1, …), each with the
 * InstanceNumber (0020,0013) of its source image, or null for a slice with no source image (a slice
 * interpolated between two acquired ones, or a volume that is not DICOM).
 *
 *  - 'instance-number': every source slice has an InstanceNumber (a non-negative integer) and no two
 *    share one: image I is the slice whose InstanceNumber is I (what PACS and the scanner show).
 *  - 'position': otherwise (an InstanceNumber missing or repeated, e.g. the frames of one enhanced
 *    multi-frame instance): image I is the slice at 1-based position I in the volume's slice order,
 *    the same number the viewer shows as "k" in "k/n".
 *
 * Slices without a source image never get an image number (the viewer shows their position only).
 * Either way no two slices share a number, so a number names at most one slice.
 */

export type ImageNumberRule = 'instance-number' | 'position';

export interface ImageNumbering {
  rule: ImageNumberRule;
  /** numbers[k]: the image number of slice k, or null when slice k has no source image. */
  numbers: (number | null)[];
}

/** The source image of one slice (null: none). */
export type SliceSource = { instanceNumber: number | null } | null;

function usable(n: number | null): n is number {
  return n !== null && Number.isSafeInteger(n) && n >= 0;
}

export function numberImages(slices: readonly SliceSource[]): ImageNumbering {
  const seen = new Set<number>();
  let unique = true;
  for (const s of slices) {
    if (s === null) continue;
    if (!usable(s.instanceNumber) || seen.has(s.instanceNumber)) {
      unique = false;
      break;
    }
    seen.add(s.instanceNumber);
  }
  if (unique && seen.size > 0) return { rule: 'instance-number', numbers: slices.map((s) => (s === null ? null : s.instanceNumber)) };
  return { rule: 'position', numbers: slices.map((s, k) => (s === null ? null : k + 1)) };
}

/** The 0-based slice index (k) of image `n`, or null when no slice has that number. */
export function sliceOfImage(numbering: ImageNumbering, n: number): number | null {
  const k = numbering.numbers.indexOf(n);
  return k >= 0 ? k : null;
}
