import { z } from 'zod';
import { binaryChannel } from '../define-channel';

/**
 * Color images for display. `volumes.get` carries grey levels only; a color image (RGB, YBR_*,
 * PALETTE COLOR, color JPEG/J2K/HTJ2K) comes here one image at a time, decoded to 8-bit RGB.
 */
export const imageChannels = {
  'images.rgb': binaryChannel({
    description:
      'One color image of a volume (its slice index k, as volumes.display lists it) as 8-bit RGB: R, G, B per pixel, rows top to bottom, column fastest. Grey-scale images are refused: read them with volumes.get.',
    request: z.object({ volumeId: z.string().min(1).max(80).regex(/^[0-9.]+$/, 'a series UID or stack id'), index: z.number().int().nonnegative() }).strict(),
    meta: z.object({
      rows: z.number().int().positive(),
      columns: z.number().int().positive(),
      /** Significant bits of the decoded samples (more than 8 are shown by their top 8). */
      bits: z.number().int().positive(),
      photometricInterpretation: z.string(),
    }),
  }),
} as const;
