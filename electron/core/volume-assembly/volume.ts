import type { VoxelArray } from '../../shared/imaging/voxel-arrays';
import type { Mat3 } from '../../shared/math/mat3';
import type { Vec3 } from '../dicom/dicom-instance';

/** The shared column-major 3x3 matrix (electron/shared/math/mat3.ts), re-exported for the volume's importers. */
export type { Mat3 };
/** The voxel arrays of the volume channels (electron/shared/imaging/voxel-arrays.ts). */
export type VolumeScalars = VoxelArray;

/**
 * A scalar volume in patient coordinates (DICOM LPS, mm).
 *
 * Voxel (i, j, k): i = column (fastest in `scalars`), j = row, k = slice (slowest).
 * world = origin + direction * diag(spacing) * [i, j, k], where `direction` holds the unit vector of
 * the i axis in elements 0..2, of the j axis in 3..5, of the k axis in 6..8 (column-major, as
 * vtk.js's vtkImageData.setDirection expects). See electron/shared/geometry/grid.ts.
 */
export interface Volume {
  scalars: VolumeScalars;
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
  /** Units of `scalars`: 'HU' for CT after rescale, 'raw' otherwise. */
  units: 'HU' | 'raw';
  modality: string | null;
  frameOfReferenceUid: string | null;
  seriesInstanceUid: string | null;
  /** SOPInstanceUID of the source slice at each k (null where the slice was resampled or non-DICOM). */
  sopInstanceUids: (string | null)[];
  /** MONOCHROME1 data is stored as acquired; the viewer inverts the grey scale for display. */
  invertForDisplay: boolean;
  defaultWindow: { center: number; width: number } | null;
  /** Human-readable notes about what was done to build this volume (tilt corrected, resampled...). */
  warnings: string[];
}
