import { readFile } from 'node:fs/promises';
import { RadGroundError } from '../../errors/radground-error';
import type { DicomInstance } from '../dicom-instance';
import { mapFragmentsToFrames, walkEncapsulatedItems } from '../dataset/encapsulated-pixel-data';
import { fileAccessError } from '../files/file-errors';
import { nonRegularFileReason, statPath } from '../files/file-io';
import { expectedNativePixelBytes } from '../dataset/image-pixel-description';
import { parseDicomHeader } from '../dataset/parse-dicom-header';
import {
  isParsedDicomInstance,
  type DicomPixelDataLocation,
  type ParsedDicomInstance,
  type PixelDataFragment,
} from '../dataset/pixel-data-location';
import { pixelEncodingOf, type PixelEncoding } from '../dataset/transfer-syntax';

/** Everything needed to decode any frame of one file: its bytes, where pixel data is, and how it is encoded. */
export interface PixelSource {
  instance: ParsedDicomInstance;
  /** The data-set bytes the location refers to (the inflated stream for deflated files). */
  bytes: Uint8Array;
  encoding: PixelEncoding;
  /** Encapsulated only: fragment index range per frame. */
  frameFragments: Array<[number, number]> | null;
}

/** True when the Pixel Data tag is where `location` says it is in `bytes`. */
export function locationMatches(bytes: Uint8Array, location: DicomPixelDataLocation): boolean {
  const at = location.tagOffset;
  if (at < 0 || at + 4 > bytes.length || location.dataOffset > bytes.length) return false;
  return location.bigEndian
    ? bytes[at] === 0x7f && bytes[at + 1] === 0xe0 && bytes[at + 2] === 0x00 && bytes[at + 3] === 0x10
    : bytes[at] === 0xe0 && bytes[at + 1] === 0x7f && bytes[at + 2] === 0x10 && bytes[at + 3] === 0x00;
}

/** The recorded fragments still sit behind item tags inside these bytes. */
function fragmentsMatch(bytes: Uint8Array, fragments: PixelDataFragment[]): boolean {
  for (const { offset, length } of fragments) {
    const at = offset - 8;
    if (at < 0 || offset + length > bytes.length) return false;
    if (bytes[at] !== 0xfe || bytes[at + 1] !== 0xff || bytes[at + 2] !== 0x00 || bytes[at + 3] !== 0xe0) return false;
  }
  return true;
}

/** Uncompressed pixel data must be all there; the bytes may be shorter than the file seen at import. */
function assertNativePixelDataPresent(instance: ParsedDicomInstance, available: number): void {
  const expected = expectedNativePixelBytes(instance);
  const present = Math.max(0, available - instance.pixelData.dataOffset);
  if (present < expected) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `file is truncated: pixel data length ${present}, expected ${expected}: ${instance.filePath}`,
      { filePath: instance.filePath, pixelDataLength: present, expectedLength: expected },
    );
  }
}

function sameImage(a: DicomInstance, b: DicomInstance): boolean {
  return (
    a.sopInstanceUid === b.sopInstanceUid &&
    a.rows === b.rows &&
    a.columns === b.columns &&
    a.numberOfFrames === b.numberOfFrames
  );
}

/**
 * Builds the decode source from the file's bytes (read from instance.filePath when not given). Reuses the
 * pixel location recorded at import when it still matches the bytes, else parses the header again.
 */
export async function preparePixelSource(instance: DicomInstance, bytes?: Uint8Array): Promise<PixelSource> {
  let fileBytes = bytes;
  if (!fileBytes) {
    let notRegular: string | null;
    try {
      notRegular = nonRegularFileReason(await statPath(instance.filePath)); // a pipe put in the file's place must not hang the read
      fileBytes = notRegular ? undefined : await readFile(instance.filePath);
    } catch (e) {
      throw fileAccessError(e, instance.filePath);
    }
    if (notRegular || !fileBytes) {
      throw new RadGroundError('BAD_REQUEST', `${notRegular}: ${instance.filePath}`, { filePath: instance.filePath });
    }
  }
  let parsed: ParsedDicomInstance;
  let dataSetBytes: Uint8Array;
  if (isParsedDicomInstance(instance) && !instance.pixelData.deflated && locationMatches(fileBytes, instance.pixelData)) {
    parsed = instance;
    dataSetBytes = fileBytes;
  } else {
    const result = parseDicomHeader(fileBytes, instance.filePath, {
      fileSize: fileBytes.length,
      partial: false,
      walkFragments: true,
    });
    if (result.kind !== 'parsed') throw new Error('unreachable: a complete buffer never needs more bytes');
    if (!sameImage(result.instance, instance)) {
      throw new RadGroundError(
        'CONFLICT',
        `file no longer holds the image read at import (SOP instance ${instance.sopInstanceUid}): ${instance.filePath}`,
        { filePath: instance.filePath },
      );
    }
    // Keep the caller's values (e.g. rescale) but use the fresh location.
    parsed = {
      ...result.instance,
      ...instance,
      pixelData: result.instance.pixelData,
      highBit: result.instance.highBit,
      perFrameRescale: result.instance.perFrameRescale,
    };
    dataSetBytes = result.dataSetBytes;
  }

  const encoding = pixelEncodingOf(parsed.transferSyntaxUid);
  if (!parsed.pixelData.encapsulated) assertNativePixelDataPresent(parsed, dataSetBytes.length);
  let frameFragments: Array<[number, number]> | null = null;
  if (parsed.pixelData.encapsulated) {
    let location = parsed.pixelData;
    if (!location.fragments || !fragmentsMatch(dataSetBytes, location.fragments)) {
      const items = walkEncapsulatedItems(dataSetBytes, location.dataOffset, parsed.filePath);
      location = { ...location, fragments: items.fragments, basicOffsetTable: items.basicOffsetTable };
      parsed = { ...parsed, pixelData: location };
    }
    frameFragments = mapFragmentsToFrames(
      dataSetBytes,
      { fragments: location.fragments ?? [], basicOffsetTable: location.basicOffsetTable ?? [] },
      parsed.numberOfFrames,
      location.extendedOffsetTable,
      parsed.filePath,
      encoding === 'rle',
    );
  }
  return { instance: parsed, bytes: dataSetBytes, encoding, frameFragments };
}
