/**
 * What the importer keeps of one DICOM Part 10 file after reading its header (pixel data is not
 * decoded at import; see pixel decoding in this folder). Vectors are in DICOM's patient (LPS) frame.
 */
import type { Vec3 } from '../../shared/math/vec3';
import type { DicomDisplayAttributes } from './dataset/display-attributes';

/** The shared vector type (electron/shared/math/vec3.ts), re-exported for the DICOM model's many importers. */
export type { Vec3 };

export interface DicomFrameGeometry {
  /** ImagePositionPatient of this frame's first transmitted pixel centre, LPS mm. */
  imagePositionPatient: Vec3 | null;
  /** Row direction (first 3) and column direction (last 3) cosines, LPS. */
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  /** [row spacing (between rows, mm), column spacing (between columns, mm)] as DICOM orders it. */
  pixelSpacing: [number, number] | null;
}

/** The Image Pixel module attributes (PS3.3 C.7.6.3) an instance keeps: the layout of its stored samples. */
export interface ImagePixelAttributes {
  rows: number;
  columns: number;
  numberOfFrames: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number; // 0 unsigned, 1 signed
  planarConfiguration: number | null;
}

export interface DicomInstance extends ImagePixelAttributes {
  filePath: string;
  fileSize: number;
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string | null;

  patientName: string | null;
  patientId: string | null;
  patientBirthDate: string | null; // YYYYMMDD as stored
  patientSex: string | null;
  studyDate: string | null; // YYYYMMDD
  studyTime: string | null;
  studyDescription: string | null;
  accessionNumber: string | null;
  seriesDescription: string | null;
  seriesNumber: number | null;
  modality: string | null;
  bodyPartExamined: string | null;
  instanceNumber: number | null;

  rescaleSlope: number;
  rescaleIntercept: number;
  windowCenter: number | null;
  windowWidth: number | null;
  sliceThickness: number | null;
  gantryDetectorTilt: number | null; // degrees, (0018,1120)
  contrastBolusAgent: string | null;
  kvp: number | null;
  manufacturer: string | null;

  /** Geometry of the whole instance (single-frame) or shared by all frames. */
  geometry: DicomFrameGeometry;
  /** For multi-frame objects with per-frame functional groups: one entry per frame, else null. */
  perFrameGeometry: DicomFrameGeometry[] | null;
  /** Orientation, spacing and window attributes for 2D display (absent in records indexed before they were read). */
  display?: DicomDisplayAttributes;
}
