/**
 * DICOM Part 10 reading and pixel decoding (plain Node; never imports electron).
 */
export type { DicomInstance, DicomFrameGeometry, Vec3 } from './dicom-instance';
export type {
  DicomPixelDataLocation,
  ParsedDicomInstance,
  PixelDataFragment,
  RescaleParameters,
} from './parsed-dicom-instance';
export { isParsedDicomInstance } from './parsed-dicom-instance';
export { parseDicomInstance } from './parse-dicom-instance';
export { readDicomInstance } from './read-dicom-instance';
export { isDicomFile, dicomFileRejectionReason } from './is-dicom-file';
export { scanForDicomFiles } from './scan-dicom-files';
export { classifyDicomFiles, type DicomFileClassification } from './classify-dicom-files';
export { readDicomdirReferences, type DicomdirReferences } from './dicomdir';
export { readModalityFrames, readModalityFramesInto } from './read-modality-frames';
export { modalityOutputType, type ModalityOutputType } from './modality-output';
export { TransferSyntax, pixelEncodingOf, type PixelEncoding } from './transfer-syntax';
export { readRgbFrames, rgbDisplayBytes, type RgbFrame } from './read-rgb-frames';
export { pixelKindOf, type PixelKind } from './pixel-kind';
