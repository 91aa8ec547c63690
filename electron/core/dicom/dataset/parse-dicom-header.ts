import { dirname } from 'node:path';
import { RadGroundError } from '../../errors/radground-error';
import { textDecoderForCharacterSet } from './character-set';
import { DataSetReader } from './dataset-reader';
import { derivedUid } from './derived-uid';
import type { DicomInstance } from '../dicom-instance';
import { parseDeflatedDataSet } from './deflated-data-set';
import { dicomParser, type DataSet, type Element } from '../dicom-parser-module';
import { fileMetaGroupEnd, readFileMetaGroup } from './file-meta';
import {
  readFunctionalGroups,
  readGeometry,
  readRescale,
  readWindow,
  SLICE_THICKNESS,
} from './functional-groups';
import { readImagePixelDescription } from './image-pixel-description';
import { corruptInput, unsupportedInput } from '../input-errors';
import { locatePixelData } from './locate-pixel-data';
import { assertPart10Magic, sniffDicomLayout } from '../files/part10-preamble';
import type { ParsedDicomInstance } from './pixel-data-location';
import { isDeflated } from './transfer-syntax';
import { readDisplayAttributes } from './display-attributes';

const PIXEL_DATA = 'x7fe00010';
const FLOAT_PIXEL_DATA = 'x7fe00008';
const DOUBLE_FLOAT_PIXEL_DATA = 'x7fe00009';
const UNDEFINED_LENGTH = 0xffffffff;

/** SOP classes that are valid DICOM but never carry an image. */
const NON_IMAGE_SOP_CLASS_PREFIXES = [
  '1.2.840.10008.1.3.10', // Media Storage Directory (DICOMDIR)
  '1.2.840.10008.5.1.4.1.1.88.', // Structured reports, key object selection
  '1.2.840.10008.5.1.4.1.1.11.', // Presentation states
  '1.2.840.10008.5.1.4.1.1.104.', // Encapsulated PDF / CDA / STL
  '1.2.840.10008.5.1.4.1.1.481.', // RT (plan, structure set, dose without pixels...)
  '1.2.840.10008.5.1.4.1.1.9.', // Waveforms
  '1.2.840.10008.5.1.4.1.1.66', // Raw data, spatial registration, fiducials
];

/** Enough of the file was read; or the header runs past the bytes we have and the caller must read more. */
export type HeaderParseResult =
  | { kind: 'parsed'; instance: ParsedDicomInstance; dataSetBytes: Uint8Array }
  | { kind: 'need-more-bytes' };

export interface HeaderParseOptions {
  /** Size of the whole file (bytes may hold only its beginning). */
  fileSize: number;
  /** True when `bytes` is only the beginning of the file. */
  partial: boolean;
  /** Walk encapsulated fragments now (needs the whole file); otherwise they are found at decode time. */
  walkFragments: boolean;
}

function tagText(tag: string): string {
  return `(${tag.slice(1, 5).toUpperCase()},${tag.slice(5, 9).toUpperCase()})`;
}

/** dicom-parser throws strings, Errors, or { exception, dataSet } wrappers around either. */
function messageOf(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'exception' in e) return messageOf((e).exception);
  return String(e);
}

/** Thrown by the inflater when only the start of a deflated file is at hand: it must be read whole. */
const NEED_WHOLE_FILE = Symbol('need the whole deflated file');

/** The file meta group, when it is whole and names the deflated transfer syntax (else dicom-parser reads the file). */
function deflatedFileMeta(bytes: Uint8Array): { end: number; meta: DataSet } | null {
  const end = fileMetaGroupEnd(bytes);
  if (end === null) return null;
  const meta = readFileMetaGroup(bytes, end);
  const syntax = meta.elements.x00020010 ? meta.string('x00020010')?.replace(/\0+$/, '').trim() : undefined;
  return syntax !== undefined && isDeflated(syntax) ? { end, meta } : null;
}

/** End of the file meta header from its group length (0002,0000), when the file starts with that element. */
function fileMetaEnd(bytes: Uint8Array): number | null {
  const at = 132;
  if (bytes.length < at + 12) return at + 12; // not even room for the group length: truncated
  const isGroupLength =
    bytes[at] === 0x02 && bytes[at + 1] === 0 && bytes[at + 2] === 0 && bytes[at + 3] === 0 &&
    bytes[at + 4] === 0x55 && bytes[at + 5] === 0x4c; // "UL"
  if (!isGroupLength) return null;
  const length = bytes[at + 8]! | (bytes[at + 9]! << 8) | (bytes[at + 10]! << 16) | (bytes[at + 11]! << 24);
  return at + 12 + (length >>> 0);
}

/** The first element that claims bytes past the end of what we hold, if any. */
function elementPastEnd(dataSet: DataSet, available: number): Element | null {
  for (const [tag, element] of Object.entries(dataSet.elements)) {
    if (tag === PIXEL_DATA) continue;
    if ('Value' in element) continue; // the transfer syntax dicom-parser records for a bare data set: no bytes
    if (!Number.isFinite(element.length) || !Number.isFinite(element.dataOffset)) return element;
    if (element.length === UNDEFINED_LENGTH) continue;
    if (element.dataOffset + element.length > available) return element;
  }
  return null;
}

/** IS values must be integers; a malformed one is treated as absent. */
function integerOrNull(value: number | null): number | null {
  return value !== null && Number.isInteger(value) ? value : null;
}

/**
 * Parses a Part 10 header up to (not into) the Pixel Data element. With `partial`, reports that more bytes
 * are needed instead of failing when the header runs past the bytes given.
 */
export function parseDicomHeader(fileBytes: Uint8Array, filePath: string, options: HeaderParseOptions): HeaderParseResult {
  const { partial } = options;
  const layout = sniffDicomLayout(fileBytes);
  if (!layout) assertPart10Magic(fileBytes, filePath, options.fileSize); // throws the reason
  let bytes = fileBytes;
  let fileSize = options.fileSize;
  if (layout?.kind === 'prefixed') {
    // Offsets are then into these bytes, not the file: decoding re-parses (pixel-source) instead of reading in place.
    bytes = new Uint8Array(layout.prefix.length + fileBytes.length);
    bytes.set(layout.prefix, 0);
    bytes.set(fileBytes, layout.prefix.length);
    fileSize += layout.prefix.length;
  }
  const bareTransferSyntax = layout?.kind === 'bare' ? layout.transferSyntaxUid : undefined;

  const metaEnd = bareTransferSyntax ? null : fileMetaEnd(bytes);
  if (metaEnd !== null && metaEnd > bytes.length) {
    if (partial) return { kind: 'need-more-bytes' };
    throw corruptInput(`file is truncated inside its file meta header (${metaEnd} bytes long, file has ${bytes.length})`, filePath);
  }

  // A deflated data set is inflated and parsed here: dicom-parser's own reading of it would take the
  // compressed bytes after the meta group for an element (file-meta.ts).
  const deflated = bareTransferSyntax ? null : deflatedFileMeta(bytes);
  if (deflated && partial) return { kind: 'need-more-bytes' };
  const inflater = (): never => {
    if (partial) throw NEED_WHOLE_FILE;
    throw corruptInput('the deflated data set follows a file meta group that cannot be read', filePath);
  };
  let dataSet: DataSet;
  try {
    dataSet = deflated
      ? parseDeflatedDataSet(bytes, deflated.end, deflated.meta, filePath)
      : dicomParser.parseDicom(bytes, {
          untilTag: PIXEL_DATA,
          inflater: inflater as unknown as (arr: Uint8Array, position: number) => void,
          ...(bareTransferSyntax ? { TransferSyntaxUID: bareTransferSyntax } : {}),
        });
  } catch (e) {
    if (partial) return { kind: 'need-more-bytes' };
    if (e instanceof RadGroundError) throw e;
    const message = messageOf(e);
    if (/0002,0010/.test(message)) throw corruptInput('missing Transfer Syntax UID (0002,0010) in the file meta header', filePath);
    if (/overread|overrun|past end|eof|unexpected end|maxP ?osition/i.test(message)) {
      throw corruptInput(`file is truncated or corrupt: the header cannot be read (${message})`, filePath);
    }
    throw corruptInput(`cannot parse the DICOM header (${message})`, filePath);
  }

  const dataSetBytes = dataSet.byteArray as Uint8Array;
  const available = dataSetBytes.length;
  const beyond = elementPastEnd(dataSet, available);
  const pixelElement = dataSet.elements[PIXEL_DATA];
  const pixelHeaderIncomplete =
    pixelElement !== undefined &&
    (!Number.isFinite(pixelElement.length) || !Number.isFinite(pixelElement.dataOffset) || pixelElement.dataOffset > available);
  if (partial && (beyond || !pixelElement || pixelHeaderIncomplete || dataSet.warnings.some((w) => /eof/i.test(w)))) {
    return { kind: 'need-more-bytes' };
  }
  if (beyond) {
    const declared = Number.isFinite(beyond.length) ? `${beyond.length} bytes at byte ${beyond.dataOffset}` : 'an unreadable length';
    throw corruptInput(`file is truncated: element ${tagText(beyond.tag)} declares ${declared} but the file has ${available} bytes`, filePath);
  }
  if (pixelHeaderIncomplete) throw corruptInput('file is truncated inside the Pixel Data element header', filePath);

  const charset = dataSet.elements.x00080005 ? dataSet.string('x00080005') : undefined;
  const top = new DataSetReader(dataSet, textDecoderForCharacterSet(charset));
  const transferSyntaxUid = bareTransferSyntax ?? top.string('x00020010') ?? '';
  const sopClassUid = top.string('x00080016') ?? top.string('x00020002');

  if (!pixelElement) {
    if (dataSet.elements[FLOAT_PIXEL_DATA] || dataSet.elements[DOUBLE_FLOAT_PIXEL_DATA]) {
      throw unsupportedInput('floating-point pixel data (7FE0,0008/0009) is not supported', filePath);
    }
    if (sopClassUid && NON_IMAGE_SOP_CLASS_PREFIXES.some((p) => sopClassUid.startsWith(p))) {
      throw unsupportedInput(`not an image: SOP class ${sopClassUid} has no pixel data`, filePath, { sopClassUid });
    }
    if (!top.has('x00280010')) throw unsupportedInput('not an image: no Pixel Data (7FE0,0010) and no Rows', filePath);
    throw corruptInput('no Pixel Data element (7FE0,0010): the file is truncated or damaged', filePath);
  }

  if (!sopClassUid) throw corruptInput('missing SOP Class UID (0008,0016 and 0002,0002)', filePath);
  const sopInstanceUid = top.string('x00080018') ?? top.string('x00020003');
  if (!sopInstanceUid) throw corruptInput('missing SOP Instance UID (0008,0018)', filePath);
  // De-identified files sometimes blank these; derive stable stand-ins so their series still group.
  const folder = dirname(filePath);
  const studyInstanceUid =
    top.string('x0020000d') ??
    derivedUid('study', folder, top.text('x00100020'), top.text('x00100010'), top.string('x00080020'), top.string('x00080030'), top.text('x00080050'));
  const seriesInstanceUid =
    top.string('x0020000e') ??
    derivedUid('series', studyInstanceUid, top.string('x00200052'), top.string('x00080060'), top.string('x00200011'), top.text('x0008103e'), top.string('x00080031'));

  const image = readImagePixelDescription(top, filePath);

  // Geometry, rescale and window: top level first, else Enhanced multi-frame functional groups.
  const topGeometry = readGeometry(top);
  const groups = readFunctionalGroups(top, image.numberOfFrames);
  const rescale = readRescale(top) ?? groups?.rescale ?? { slope: 1, intercept: 0 };
  const window = readWindow(top) ?? groups?.window ?? null;
  const geometry = groups ? groups.sharedGeometry : topGeometry;

  const location = locatePixelData(dataSet, pixelElement, transferSyntaxUid, image, {
    filePath,
    fileSize,
    partial,
    walkFragments: options.walkFragments,
  });
  if (location === null) return { kind: 'need-more-bytes' };

  const sliceThickness = top.numberString(SLICE_THICKNESS) ?? groups?.sliceThickness ?? null;
  const base: DicomInstance = {
    filePath,
    fileSize: options.fileSize,
    transferSyntaxUid,
    sopClassUid,
    sopInstanceUid,
    studyInstanceUid,
    seriesInstanceUid,
    frameOfReferenceUid: top.string('x00200052'),
    patientName: top.text('x00100010'),
    patientId: top.text('x00100020'),
    patientBirthDate: top.string('x00100030'),
    patientSex: top.string('x00100040'),
    studyDate: top.string('x00080020'),
    studyTime: top.string('x00080030'),
    studyDescription: top.text('x00081030'),
    accessionNumber: top.text('x00080050'),
    seriesDescription: top.text('x0008103e'),
    seriesNumber: integerOrNull(top.numberString('x00200011')),
    modality: top.string('x00080060'),
    bodyPartExamined: top.text('x00180015'),
    instanceNumber: integerOrNull(top.numberString('x00200013')),
    rows: image.rows,
    columns: image.columns,
    numberOfFrames: image.numberOfFrames,
    samplesPerPixel: image.samplesPerPixel,
    photometricInterpretation: image.photometricInterpretation,
    bitsAllocated: image.bitsAllocated,
    bitsStored: image.bitsStored,
    pixelRepresentation: image.pixelRepresentation,
    planarConfiguration: image.planarConfiguration,
    rescaleSlope: rescale.slope,
    rescaleIntercept: rescale.intercept,
    windowCenter: window?.center ?? null,
    windowWidth: window?.width ?? null,
    sliceThickness,
    gantryDetectorTilt: top.numberString('x00181120'),
    contrastBolusAgent: top.text('x00180010'),
    kvp: top.numberString('x00180060'),
    manufacturer: top.text('x00080070'),
    geometry,
    perFrameGeometry: groups?.perFrameGeometry ?? null,
    display: readDisplayAttributes(top),
  };
  const instance: ParsedDicomInstance = {
    ...base,
    pixelData: location,
    highBit: image.highBit,
    perFrameRescale: groups?.perFrameRescale ?? null,
  };
  return { kind: 'parsed', instance, dataSetBytes };
}

