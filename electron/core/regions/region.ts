import type { Vec3 } from '../dicom/dicom-instance';

export type RegionKind = 'anatomy' | 'finding' | 'measurement';
export type Laterality = 'left' | 'right' | 'midline' | 'bilateral';

export interface Box3 {
  min: Vec3;
  max: Vec3;
}

/** A coded concept for a label, where a standard code exists. */
export interface RegionCode {
  scheme: 'SCT' | 'RADLEX';
  value: string;
  meaning: string;
}

/**
 * A region's voxels in the grid of the volume it was found on: per slice k, runs of
 * [start, length] over the row-major (i fastest) index j*dims[0]+i. Empty slices are omitted.
 */
export interface RegionMask {
  dims: Vec3;
  slices: { k: number; runs: number[] }[];
}

/**
 * Something in the image a report sentence can point at. Geometry is stored in patient (world,
 * LPS mm) coordinates keyed by the series and its FrameOfReferenceUID; the voxel box is kept as
 * well, for the volume the region was computed on.
 */
export interface Region {
  id: string;
  label: string;
  kind: RegionKind;
  code: RegionCode | null;
  /** From the region's position in patient coordinates relative to the patient's midline. */
  laterality: Laterality | null;
  /** e.g. 'upper' | 'middle' | 'lower' for lung zones; null where it does not apply. */
  zone: string | null;
  volumeId: string | null;
  seriesInstanceUid: string | null;
  frameOfReferenceUid: string | null;
  voxelBox: Box3;
  worldBox: Box3;
  centroid: Vec3;
  volumeMl: number;
  /** Longest axial diameter, mm (findings). */
  diameterMm: number | null;
  meanHu: number | null;
  confidence: number;
  mask: RegionMask | null;
  /** The model run that produced it; null for regions a reader drew. */
  runId: string | null;
  /** For shapes drawn on a 2D image: the image and the shape in image coordinates (null/absent otherwise). */
  image?: RegionImageAnchor | null;
}

/**
 * Where a shape drawn on one 2D image lies: the SOP Instance UID and frame, and its two points in
 * image coordinates (x column, y row). `coordinates` says whether the region's world box is in
 * patient coordinates ('patient') or only the image's nominal grid ('image': no patient geometry,
 * e.g. a radiograph).
 */
export interface RegionImageAnchor {
  coordinates: 'patient' | 'image';
  sopInstanceUid: string | null;
  frameNumber: number;
  k: number;
  shape: 'length' | 'rectangle' | 'ellipse';
  points: [[number, number], [number, number]];
}

/** The region as the API and the CLI hand it out: everything but its voxel mask. */
export function withoutMask(region: Region): Omit<Region, 'mask'> {
  const { mask: _mask, ...rest } = region;
  return rest;
}
