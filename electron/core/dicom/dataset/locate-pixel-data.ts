import type { DataSet, Element } from '../dicom-parser-module';
import { walkEncapsulatedItems } from './encapsulated-pixel-data';
import { expectedNativePixelBytes, type ImagePixelDescription } from './image-pixel-description';
import { corruptInput } from '../input-errors';
import type { DicomPixelDataLocation } from './pixel-data-location';
import { isDeflated, isEncapsulatedTransferSyntax, TransferSyntax } from './transfer-syntax';

const EXTENDED_OFFSET_TABLE = 'x7fe00001';
const UNDEFINED_LENGTH = 0xffffffff;

/** Bytes from an element's tag to its value: 8 in implicit VR and for short explicit VRs, else 12. */
function elementHeaderLength(vr: string | undefined): number {
  if (vr === undefined) return 8;
  return ['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT'].includes(vr) ? 12 : 8;
}

function readExtendedOffsetTable(dataSet: DataSet): number[] | null {
  const element = dataSet.elements[EXTENDED_OFFSET_TABLE];
  if (!element || element.length <= 0 || element.length % 8 !== 0) return null;
  const bytes = dataSet.byteArray;
  const view = new DataView(bytes.buffer, bytes.byteOffset + element.dataOffset, element.length);
  const offsets: number[] = [];
  for (let at = 0; at < element.length; at += 8) offsets.push(Number(view.getBigUint64(at, true)));
  return offsets;
}

export interface LocateOptions {
  filePath: string;
  fileSize: number;
  partial: boolean;
  walkFragments: boolean;
}

/**
 * Records where Pixel Data is and checks there is as much of it as the header promises: uncompressed data
 * must be long enough (CORRUPT_INPUT "pixel data length X, expected Y"), compressed data must be
 * encapsulated and, when `walkFragments`, its items must all be inside the file. Returns null when
 * fragments should be walked but only the start of the file is at hand.
 */
export function locatePixelData(
  dataSet: DataSet,
  pixelElement: Element,
  transferSyntaxUid: string,
  image: ImagePixelDescription,
  options: LocateOptions,
): DicomPixelDataLocation | null {
  const { filePath } = options;
  const encapsulated = isEncapsulatedTransferSyntax(transferSyntaxUid);
  const deflated = isDeflated(transferSyntaxUid);
  const bytes = dataSet.byteArray as Uint8Array;
  const declaredLength = pixelElement.length === UNDEFINED_LENGTH ? null : pixelElement.length;
  const location: DicomPixelDataLocation = {
    tagOffset: pixelElement.dataOffset - elementHeaderLength(pixelElement.vr),
    dataOffset: pixelElement.dataOffset,
    length: declaredLength,
    vr: pixelElement.vr ?? null,
    encapsulated,
    bigEndian: transferSyntaxUid === TransferSyntax.ExplicitVRBigEndian,
    deflated,
    fragments: null,
    basicOffsetTable: null,
    extendedOffsetTable: readExtendedOffsetTable(dataSet),
  };

  if (encapsulated) {
    if (declaredLength !== null) {
      throw corruptInput(`transfer syntax ${transferSyntaxUid} needs encapsulated pixel data, but Pixel Data has a defined length`, filePath);
    }
    if (options.walkFragments) {
      if (options.partial) return null;
      const items = walkEncapsulatedItems(bytes, pixelElement.dataOffset, filePath);
      location.fragments = items.fragments;
      location.basicOffsetTable = items.basicOffsetTable;
    }
    return location;
  }

  if (declaredLength === null) throw corruptInput('uncompressed Pixel Data has an undefined length', filePath);
  const expected = expectedNativePixelBytes(image);
  const endOfData = deflated ? bytes.length : options.fileSize;
  const present = Math.max(0, Math.min(declaredLength, endOfData - pixelElement.dataOffset));
  if (present < expected) {
    const truncated = present < declaredLength;
    const { rows, columns, numberOfFrames, samplesPerPixel, bitsAllocated } = image;
    throw corruptInput(
      `${truncated ? 'file is truncated: ' : ''}pixel data length ${present}, expected ${expected} ` +
        `(${rows}x${columns}, ${numberOfFrames} frame(s), ${samplesPerPixel} sample(s), ${bitsAllocated} bits` +
        `${truncated ? `; the element declares ${declaredLength} bytes` : ''})`,
      filePath,
      { pixelDataLength: present, expectedLength: expected },
    );
  }
  return location;
}
