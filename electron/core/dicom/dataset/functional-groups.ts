import type { DataSetReader } from './dataset-reader';
import type { DicomFrameGeometry } from '../dicom-instance';
import type { RescaleParameters } from './pixel-data-location';

/** Tags of the Enhanced multi-frame functional groups (PS3.3 C.7.6.16) that RadGround reads. */
const SHARED_FUNCTIONAL_GROUPS = 'x52009229';
const PER_FRAME_FUNCTIONAL_GROUPS = 'x52009230';
const PLANE_POSITION = 'x00209113';
const PLANE_ORIENTATION = 'x00209116';
const PIXEL_MEASURES = 'x00289110';
const PIXEL_VALUE_TRANSFORMATION = 'x00289145';
const FRAME_VOI_LUT = 'x00289132';

export const IMAGE_POSITION_PATIENT = 'x00200032';
export const IMAGE_ORIENTATION_PATIENT = 'x00200037';
export const PIXEL_SPACING = 'x00280030';
export const SLICE_THICKNESS = 'x00180050';
export const RESCALE_INTERCEPT = 'x00281052';
export const RESCALE_SLOPE = 'x00281053';
export const WINDOW_CENTER = 'x00281050';
export const WINDOW_WIDTH = 'x00281051';

export function readGeometry(reader: DataSetReader | null): DicomFrameGeometry {
  if (!reader) return { imagePositionPatient: null, imageOrientationPatient: null, pixelSpacing: null };
  // numberStrings(tag, n) gives exactly n values or null.
  const ipp = reader.numberStrings(IMAGE_POSITION_PATIENT, 3);
  const iop = reader.numberStrings(IMAGE_ORIENTATION_PATIENT, 6);
  const ps = reader.numberStrings(PIXEL_SPACING, 2);
  return {
    imagePositionPatient: ipp ? [ipp[0]!, ipp[1]!, ipp[2]!] : null,
    imageOrientationPatient: iop ? [iop[0]!, iop[1]!, iop[2]!, iop[3]!, iop[4]!, iop[5]!] : null,
    pixelSpacing: ps && ps[0]! > 0 && ps[1]! > 0 ? [ps[0]!, ps[1]!] : null,
  };
}

/** Rescale from a data set (top level or a Pixel Value Transformation item); null when neither value is there. */
export function readRescale(reader: DataSetReader | null): RescaleParameters | null {
  if (!reader) return null;
  const slope = reader.numberString(RESCALE_SLOPE);
  const intercept = reader.numberString(RESCALE_INTERCEPT);
  if (slope === null && intercept === null) return null;
  // A zero slope would erase the image; it is a broken header, so treat it as identity.
  return { slope: slope === null || slope === 0 ? 1 : slope, intercept: intercept ?? 0 };
}

export function readWindow(reader: DataSetReader | null): { center: number; width: number } | null {
  if (!reader) return null;
  const center = reader.numberString(WINDOW_CENTER, 0);
  const width = reader.numberString(WINDOW_WIDTH, 0);
  return center !== null && width !== null && width > 0 ? { center, width } : null;
}

function macro(group: DataSetReader | null, tag: string): DataSetReader | null {
  return group ? group.firstItem(tag) : null;
}

function merge(frame: DicomFrameGeometry, shared: DicomFrameGeometry, top: DicomFrameGeometry): DicomFrameGeometry {
  return {
    imagePositionPatient: frame.imagePositionPatient ?? shared.imagePositionPatient ?? top.imagePositionPatient,
    imageOrientationPatient:
      frame.imageOrientationPatient ?? shared.imageOrientationPatient ?? top.imageOrientationPatient,
    pixelSpacing: frame.pixelSpacing ?? shared.pixelSpacing ?? top.pixelSpacing,
  };
}

function geometryOfGroup(group: DataSetReader | null): DicomFrameGeometry {
  const position = readGeometry(macro(group, PLANE_POSITION));
  const orientation = readGeometry(macro(group, PLANE_ORIENTATION));
  const measures = readGeometry(macro(group, PIXEL_MEASURES));
  return {
    imagePositionPatient: position.imagePositionPatient,
    imageOrientationPatient: orientation.imageOrientationPatient,
    pixelSpacing: measures.pixelSpacing,
  };
}

export interface FunctionalGroupValues {
  /** Values shared by all frames (shared group, then top level). */
  sharedGeometry: DicomFrameGeometry;
  /** One entry per frame, or null when the object has no Per-frame Functional Groups. */
  perFrameGeometry: DicomFrameGeometry[] | null;
  rescale: RescaleParameters | null;
  /** Set only when the per-frame rescale differs between frames. */
  perFrameRescale: RescaleParameters[] | null;
  window: { center: number; width: number } | null;
  sliceThickness: number | null;
}

/**
 * Reads geometry, rescale and window of an Enhanced multi-frame object. Per-frame values override shared
 * ones, which override top-level ones. Returns null when the object has no functional groups.
 */
export function readFunctionalGroups(top: DataSetReader, numberOfFrames: number): FunctionalGroupValues | null {
  const shared = top.firstItem(SHARED_FUNCTIONAL_GROUPS);
  const perFrameItems = top.items(PER_FRAME_FUNCTIONAL_GROUPS);
  if (!shared && perFrameItems.length === 0) return null;

  const topGeometry = readGeometry(top);
  const sharedGeometry = merge(geometryOfGroup(shared), topGeometry, topGeometry);
  const sharedRescale = readRescale(macro(shared, PIXEL_VALUE_TRANSFORMATION));
  const sharedWindow = readWindow(macro(shared, FRAME_VOI_LUT));
  const sharedThickness = macro(shared, PIXEL_MEASURES)?.numberString(SLICE_THICKNESS) ?? null;

  let perFrameGeometry: DicomFrameGeometry[] | null = null;
  let perFrameRescale: RescaleParameters[] | null = null;
  let firstFrameWindow: { center: number; width: number } | null = null;
  let firstFrameThickness: number | null = null;
  if (perFrameItems.length > 0) {
    perFrameGeometry = [];
    const rescales: RescaleParameters[] = [];
    const count = Math.max(numberOfFrames, 1);
    for (let i = 0; i < count; i++) {
      const item = perFrameItems[i] ?? null;
      perFrameGeometry.push(merge(geometryOfGroup(item), sharedGeometry, topGeometry));
      const rescale = readRescale(macro(item, PIXEL_VALUE_TRANSFORMATION)) ?? sharedRescale;
      if (rescale) rescales.push(rescale);
      if (i === 0) {
        firstFrameWindow = readWindow(macro(item, FRAME_VOI_LUT));
        firstFrameThickness = macro(item, PIXEL_MEASURES)?.numberString(SLICE_THICKNESS) ?? null;
      }
    }
    const [firstRescale] = rescales;
    const varies =
      firstRescale !== undefined &&
      rescales.length === count &&
      rescales.some((r) => r.slope !== firstRescale.slope || r.intercept !== firstRescale.intercept);
    if (varies) perFrameRescale = rescales;
    if (!sharedRescale && firstRescale) {
      return {
        sharedGeometry,
        perFrameGeometry,
        rescale: firstRescale,
        perFrameRescale,
        window: sharedWindow ?? firstFrameWindow,
        sliceThickness: sharedThickness ?? firstFrameThickness,
      };
    }
  }
  return {
    sharedGeometry,
    perFrameGeometry,
    rescale: sharedRescale,
    perFrameRescale,
    window: sharedWindow ?? firstFrameWindow,
    sliceThickness: sharedThickness ?? firstFrameThickness,
  };
}
