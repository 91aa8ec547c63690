import { RadGroundError } from '../../errors/radground-error';

/** SOF markers (second byte of FFCx / FFF7) and the coding process each one starts. */
export const SOF = {
  baseline: 0xc0,
  extended: 0xc1,
  progressive: 0xc2,
  lossless: 0xc3,
  jpegLs: 0xf7,
} as const;

const PROCESS_NAMES: Record<number, string> = {
  0xc0: 'baseline (SOF0)',
  0xc1: 'extended sequential (SOF1)',
  0xc2: 'progressive (SOF2)',
  0xc3: 'lossless (SOF3)',
  0xc5: 'hierarchical sequential (SOF5)',
  0xc6: 'hierarchical progressive (SOF6)',
  0xc7: 'hierarchical lossless (SOF7)',
  0xc9: 'arithmetic extended (SOF9)',
  0xca: 'arithmetic progressive (SOF10)',
  0xcb: 'arithmetic lossless (SOF11)',
  0xcd: 'arithmetic hierarchical (SOF13)',
  0xce: 'arithmetic hierarchical progressive (SOF14)',
  0xcf: 'arithmetic hierarchical lossless (SOF15)',
  0xf7: 'JPEG-LS (SOF55)',
};

export interface JpegFrameHeader {
  /** Second byte of the SOF marker (0xC0..0xCF or 0xF7). */
  marker: number;
  /** Sample precision P in bits. */
  precision: number;
}

const isSof = (marker: number): boolean =>
  (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xf7;

/** The first frame header (SOF marker and sample precision) of a JPEG / JPEG-LS stream, or null when there is none. */
export function readJpegFrameHeader(encoded: Uint8Array): JpegFrameHeader | null {
  if (encoded.length < 4 || encoded[0] !== 0xff || encoded[1] !== 0xd8) return null;
  let pos = 2;
  while (pos + 4 < encoded.length) {
    if (encoded[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = encoded[pos + 1]!; // pos + 4 < encoded.length
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += marker === 0xff ? 1 : 2;
      continue;
    }
    if (isSof(marker)) return { marker, precision: encoded[pos + 4]! };
    if (marker === 0xda) return null; // start of scan before any SOF
    pos += 2 + ((encoded[pos + 2]! << 8) | encoded[pos + 3]!);
  }
  return null;
}

/**
 * Refuses a frame whose SOF marker is not one the transfer syntax allows, e.g. JPEG baseline data labelled
 * JPEG lossless, which a lenient decoder would otherwise turn into a plausible but wrong image.
 */
export function assertJpegFrameType(
  encoded: Uint8Array,
  allowed: readonly number[],
  codec: string,
  filePath: string,
): JpegFrameHeader {
  const header = readJpegFrameHeader(encoded);
  if (!header) {
    throw new RadGroundError('CORRUPT_INPUT', `${codec} frame has no JPEG start-of-frame marker: ${filePath}`, { filePath });
  }
  if (!allowed.includes(header.marker)) {
    const found = PROCESS_NAMES[header.marker] ?? `SOF 0x${header.marker.toString(16)}`;
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `frame is JPEG ${found} but the transfer syntax says ${codec}: ${filePath}`,
      { filePath, sofMarker: header.marker },
    );
  }
  return header;
}
