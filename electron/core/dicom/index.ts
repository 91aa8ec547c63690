/**
 * DICOM Part 10 reading and pixel decoding (plain Node; never imports electron).
 */
export type { DicomInstance, DicomFrameGeometry, Vec3 } from './dicom-instance';
export type {
  DicomPixelDataLocation,
  ParsedDicomInstance,
  PixelDataFragment,
  RescaleParameters,
} from './dataset/pixel-data-location';
export { isParsedDicomInstance } from './dataset/pixel-data-location';
export { parseDicomFileBytes } from './dataset/parse-dicom-file-bytes';
export { readDicomHeader } from './dataset/read-dicom-header';
export { isDicomFile, dicomFileRejectionReason } from './files/is-dicom-file';
export { scanForDicomFiles } from './files/scan-dicom-files';
export { classifyDicomFiles, type DicomFileClassification } from './files/classify-dicom-files';
export { readDicomdirReferences, type DicomdirReferences } from './files/dicomdir';
export { readModalityFrames, readModalityFramesInto } from './pixels/read-modality-frames';
export { modalityOutputType, type ModalityOutputType } from './pixels/modality-output';
export { TransferSyntax, pixelEncodingOf, type PixelEncoding } from './dataset/transfer-syntax';
export { readRgbFrames, rgbDisplayBytes, type RgbFrame } from './pixels/read-rgb-frames';
export { pixelKindOf, type PixelKind } from './dataset/pixel-kind';
