import { z } from 'zod';

/** A window the file gives: Window Center/Width (0028,1050/1051) or a VOI LUT's input range. */
export const displayWindowSchema = z.object({
  center: z.number(),
  width: z.number().positive(),
  explanation: z.string().nullable(),
  source: z.enum(['window', 'voi-lut']),
});
export type DisplayWindowInfo = z.infer<typeof displayWindowSchema>;

/**
 * The pixel size to measure with: PixelSpacing (0028,0030, in the patient) first, else
 * ImagerPixelSpacing (0018,1164, at the detector plane, so magnified); null when neither is given.
 */
export const displayPixelSpacingSchema = z
  .object({ row: z.number().positive(), column: z.number().positive(), source: z.enum(['pixel-spacing', 'imager-pixel-spacing']) })
  .nullable();
export type DisplayPixelSpacing = z.infer<typeof displayPixelSpacingSchema>;

/** One 2D image (a single-frame instance or one frame) as the 2D viewer pages through them. */
export const displayImageSchema = z.object({
  /** The volume holding this image, and its slice index k there (volumes.get). */
  volumeId: z.string(),
  k: z.number().int().nonnegative(),
  sopInstanceUid: z.string().nullable(),
  /** 1-based frame number within the instance (1 for single-frame images). */
  frameNumber: z.number().int().positive(),
  instanceNumber: z.number().int().nullable(),
  rows: z.number().int().positive(),
  columns: z.number().int().positive(),
  /** Patient Orientation (0020,0020): [screen right, screen down] direction codes. */
  patientOrientation: z.tuple([z.string(), z.string()]).nullable(),
  viewPosition: z.string().nullable(),
  laterality: z.string().nullable(),
  pixelSpacing: displayPixelSpacingSchema,
  windows: z.array(displayWindowSchema),
  /** True when the image has a position, orientation and pixel spacing in patient coordinates. */
  patientGeometry: z.boolean(),
});
export type DisplayImage = z.infer<typeof displayImageSchema>;

export const seriesDisplaySchema = z.object({
  volumeId: z.string(),
  seriesInstanceUid: z.string(),
  modality: z.string().nullable(),
  sopClassUid: z.string(),
  /** 'projection': the 2D image viewer; 'cross-sectional': MPR and 3D. */
  viewer: z.enum(['projection', 'cross-sectional']),
  photometricInterpretation: z.string(),
  samplesPerPixel: z.number().int().positive(),
  voiLutFunction: z.string().nullable(),
  /** The images to page through: for a projection series every image of the series, else this volume's slices. */
  images: z.array(displayImageSchema),
});
export type SeriesDisplay = z.infer<typeof seriesDisplaySchema>;
