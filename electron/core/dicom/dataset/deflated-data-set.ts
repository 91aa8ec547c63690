import { RadGroundError } from '../../errors/radground-error';
import { inflateRawBounded, inflateRawHead, isOutputLimitError, memoryBudgetBytes, overMemoryBudget } from './bounded-inflate';
import { textDecoderForCharacterSet } from './character-set';
import { DataSetReader } from './dataset-reader';
import type { DataSet } from '../dicom-parser-module';
import { dataSetOver, parseDataSetAfterFileMeta } from './file-meta';
import { findHeaderExtent, type HeaderExtent } from './header-extent';
import { expectedNativePixelBytes, readImagePixelDescription } from './image-pixel-description';
import { corruptInput, unsupportedInput } from '../input-errors';

const PIXEL_DATA = 'x7fe00010';

/**
 * The most a deflated data set's header (everything before Pixel Data) may inflate to, and the most elements
 * and items it may hold. Real headers stay far below both (an enhanced multi-frame MR with thousands of
 * frames: a few MiB, some 100,000 elements); a stream of empty elements reaches them in milliseconds.
 */
export const DEFLATED_HEADER_MAX_BYTES = 16 * 1024 * 1024;
export const DEFLATED_HEADER_MAX_ELEMENTS = 1_000_000;
/** Room after the pixel data a deflated data set may use (trailing elements, padding). */
const DEFLATED_TRAILER_MARGIN_BYTES = 1024 * 1024;

function withMeta(bytes: Uint8Array, position: number, inflated: Uint8Array): Uint8Array {
  const full = new Uint8Array(position + inflated.length);
  full.set(bytes.subarray(0, position), 0);
  full.set(inflated, position);
  return full;
}

/** zlib's own errors (a broken or cut stream) as CORRUPT_INPUT. */
function inflating<T>(filePath: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RadGroundError || isOutputLimitError(e)) throw e;
    throw corruptInput(`the deflated data set cannot be inflated (${e instanceof Error ? e.message : String(e)})`, filePath);
  }
}

function headerTooLarge(filePath: string, what: string, limit: number, elements: number): RadGroundError {
  return unsupportedInput(`the deflated data set's header (before Pixel Data) ${what}`, filePath, { limit, elements });
}

/**
 * Inflates and parses (up to Pixel Data) a Deflated Explicit VR Little Endian data set that starts at
 * `position` of `bytes` (right after the file meta group `meta`). The returned data set's bytes are the file
 * meta followed by the inflated data set, so element offsets count from the file's start as usual.
 *
 * Bounded in two steps. The header: the stream is inflated only as far as the top-level Pixel Data element,
 * and no further than DEFLATED_HEADER_MAX_BYTES nor DEFLATED_HEADER_MAX_ELEMENTS (findHeaderExtent walks it
 * before dicom-parser does). Then the rest: up to Pixel Data + the pixel bytes the header promises + 1 MiB,
 * and within the memory budget. Past either bound: UNSUPPORTED_INPUT / CORRUPT_INPUT naming the limit.
 */
export function parseDeflatedDataSet(bytes: Uint8Array, position: number, meta: DataSet, filePath: string): DataSet {
  const deflated = bytes.subarray(position);
  const limits = { maxBytes: DEFLATED_HEADER_MAX_BYTES, maxElements: DEFLATED_HEADER_MAX_ELEMENTS };
  let extent: HeaderExtent = { kind: 'needs-more', elements: 0 };
  const head = inflating(filePath, () =>
    inflateRawHead(deflated, DEFLATED_HEADER_MAX_BYTES, (output) => {
      extent = findHeaderExtent(output, 0, limits);
      return extent.kind !== 'needs-more';
    }),
  );
  const tooLong = () =>
    headerTooLarge(filePath, `inflates past ${DEFLATED_HEADER_MAX_BYTES} bytes`, DEFLATED_HEADER_MAX_BYTES, extent.elements);
  if (head.kind === 'over-limit') throw tooLong();
  const found = extent as HeaderExtent;
  if (found.kind === 'too-long') throw tooLong();
  if (found.kind === 'too-many-elements') {
    throw headerTooLarge(filePath, `holds more than ${DEFLATED_HEADER_MAX_ELEMENTS} elements`, DEFLATED_HEADER_MAX_ELEMENTS, found.elements);
  }
  const headBytes = withMeta(bytes, position, head.output);
  // No Pixel Data in the whole stream, or bytes that are no data set: dicom-parser reads what there is
  // (bounded above) and the caller's checks say what is wrong with it.
  if (found.kind !== 'pixel-data') return parseDataSetAfterFileMeta(headBytes, position, meta, PIXEL_DATA);

  const header = parseDataSetAfterFileMeta(headBytes, position, meta, PIXEL_DATA);
  const pixel = header.elements[PIXEL_DATA];
  if (!pixel || !Number.isFinite(pixel.dataOffset) || pixel.dataOffset > headBytes.length) {
    throw corruptInput('the deflated data set cannot be read up to its Pixel Data', filePath);
  }
  const charset = header.elements.x00080005 ? header.string('x00080005') : undefined;
  const image = readImagePixelDescription(new DataSetReader(header, textDecoderForCharacterSet(charset)), filePath);
  const expectedPixelBytes = expectedNativePixelBytes(image);
  const budget = memoryBudgetBytes();
  if (pixel.dataOffset + expectedPixelBytes > budget) {
    throw overMemoryBudget('deflated DICOM data set', pixel.dataOffset + expectedPixelBytes, budget, filePath);
  }
  const limit = Math.min(pixel.dataOffset - position + expectedPixelBytes + DEFLATED_TRAILER_MARGIN_BYTES, budget);
  const { rows, columns, numberOfFrames, samplesPerPixel, bitsAllocated } = image;
  const overLimit = () =>
    corruptInput(
      `deflated data set inflates past ${limit} bytes (the header promises ${expectedPixelBytes} bytes of pixel data: ` +
        `${rows}x${columns}, ${numberOfFrames} frame(s), ${samplesPerPixel} sample(s), ${bitsAllocated} bits)`,
      filePath,
      { limitBytes: limit },
    );
  let inflated: Uint8Array;
  if (head.complete) {
    if (head.output.length > limit) throw overLimit();
    inflated = head.output;
  } else {
    try {
      inflated = inflating(filePath, () => inflateRawBounded(deflated, limit));
    } catch (e) {
      if (isOutputLimitError(e)) throw overLimit();
      throw e;
    }
  }
  return inflated === head.output ? header : dataSetOver(withMeta(bytes, position, inflated), header);
}
