import type { DicomInstance } from '../dicom/dicom-instance';

/** Modalities whose images are projections (or single 2D acquisitions), never reformatted. */
const PROJECTION_MODALITIES = new Set(['CR', 'DX', 'MG', 'XA', 'RF', 'US', 'IO', 'PX', 'OP', 'XC', 'ES', 'SM']);
/** Secondary Capture Image Storage and its multi-frame variants (1.2.840.10008.5.1.4.1.1.7[.n]). */
const SECONDARY_CAPTURE = /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.7(\.\d+)?$/;

export type ViewerKind = 'projection' | 'cross-sectional';

/**
 * Which viewer a stack of images opens in: the 2D image viewer for projection modalities, secondary
 * captures and images without a patient position/orientation (nothing to reformat); MPR/3D otherwise.
 */
export function viewerKindOf(instances: readonly DicomInstance[]): ViewerKind {
  const first = instances[0];
  if (!first) return 'projection';
  if (first.modality && PROJECTION_MODALITIES.has(first.modality.toUpperCase())) return 'projection';
  if (SECONDARY_CAPTURE.test(first.sopClassUid)) return 'projection';
  return hasPatientGeometry(first) ? 'cross-sectional' : 'projection';
}

/** True when the image's pixels can be placed in patient coordinates (position, orientation, pixel spacing). */
export function hasPatientGeometry(instance: DicomInstance): boolean {
  const g = instance.perFrameGeometry?.[0] ?? instance.geometry;
  const geometry = {
    position: g.imagePositionPatient ?? instance.geometry.imagePositionPatient,
    orientation: g.imageOrientationPatient ?? instance.geometry.imageOrientationPatient,
    spacing: g.pixelSpacing ?? instance.geometry.pixelSpacing,
  };
  return geometry.position !== null && geometry.orientation !== null && geometry.spacing !== null;
}
