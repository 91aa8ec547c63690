/**
 * Transfer syntaxes RadGround reads, and how each one stores its pixel data.
 */
export const TransferSyntax = {
  ImplicitVRLittleEndian: '1.2.840.10008.1.2',
  ExplicitVRLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVRLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVRBigEndian: '1.2.840.10008.1.2.2',
  JpegBaseline: '1.2.840.10008.1.2.4.50',
  JpegExtended: '1.2.840.10008.1.2.4.51',
  JpegLossless: '1.2.840.10008.1.2.4.57',
  JpegLosslessSV1: '1.2.840.10008.1.2.4.70',
  JpegLsLossless: '1.2.840.10008.1.2.4.80',
  JpegLsNearLossless: '1.2.840.10008.1.2.4.81',
  Jpeg2000Lossless: '1.2.840.10008.1.2.4.90',
  Jpeg2000: '1.2.840.10008.1.2.4.91',
  HtJpeg2000Lossless: '1.2.840.10008.1.2.4.201',
  HtJpeg2000RpclLossless: '1.2.840.10008.1.2.4.202',
  HtJpeg2000: '1.2.840.10008.1.2.4.203',
  RleLossless: '1.2.840.10008.1.2.5',
} as const;

/** How the pixel data of a transfer syntax is encoded. */
export type PixelEncoding =
  | 'native-le'
  | 'native-be'
  | 'rle'
  | 'jpeg-baseline'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg2000'
  | 'htj2k'
  | 'unsupported';

const ENCODINGS: Record<string, PixelEncoding> = {
  [TransferSyntax.ImplicitVRLittleEndian]: 'native-le',
  [TransferSyntax.ExplicitVRLittleEndian]: 'native-le',
  [TransferSyntax.DeflatedExplicitVRLittleEndian]: 'native-le',
  [TransferSyntax.ExplicitVRBigEndian]: 'native-be',
  [TransferSyntax.RleLossless]: 'rle',
  [TransferSyntax.JpegBaseline]: 'jpeg-baseline',
  [TransferSyntax.JpegExtended]: 'jpeg-baseline',
  [TransferSyntax.JpegLossless]: 'jpeg-lossless',
  [TransferSyntax.JpegLosslessSV1]: 'jpeg-lossless',
  [TransferSyntax.JpegLsLossless]: 'jpeg-ls',
  [TransferSyntax.JpegLsNearLossless]: 'jpeg-ls',
  [TransferSyntax.Jpeg2000Lossless]: 'jpeg2000',
  [TransferSyntax.Jpeg2000]: 'jpeg2000',
  [TransferSyntax.HtJpeg2000Lossless]: 'htj2k',
  [TransferSyntax.HtJpeg2000RpclLossless]: 'htj2k',
  [TransferSyntax.HtJpeg2000]: 'htj2k',
};

export function pixelEncodingOf(transferSyntaxUid: string): PixelEncoding {
  return ENCODINGS[transferSyntaxUid] ?? 'unsupported';
}

/** Native (uncompressed) encodings keep frames back to back in one value; all others are encapsulated. */
export function isNativeEncoding(encoding: PixelEncoding): boolean {
  return encoding === 'native-le' || encoding === 'native-be';
}

export function isDeflated(transferSyntaxUid: string): boolean {
  return transferSyntaxUid === TransferSyntax.DeflatedExplicitVRLittleEndian;
}

/**
 * Any transfer syntax that is not one of the native ones is encapsulated (PS3.5 A.4), including ones we
 * cannot decode, so the header of such a file can still be read.
 */
export function isEncapsulatedTransferSyntax(transferSyntaxUid: string): boolean {
  return !(
    transferSyntaxUid === TransferSyntax.ImplicitVRLittleEndian ||
    transferSyntaxUid === TransferSyntax.ExplicitVRLittleEndian ||
    transferSyntaxUid === TransferSyntax.DeflatedExplicitVRLittleEndian ||
    transferSyntaxUid === TransferSyntax.ExplicitVRBigEndian
  );
}
