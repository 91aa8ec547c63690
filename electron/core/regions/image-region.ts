import { randomUUID } from 'node:crypto';
import type { DisplayImage } from '../../shared/api/channels/display-schemas';
import { formatImageMeasurement, insideShape, measureImageShape, type ImageMeasurement, type ImagePoint, type ImageShape } from '../../shared/imaging/image-measurement';
import type { Vec3 } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import { indexToWorld } from '../../shared/geometry/grid';
import type { Volume } from '../volume-assembly/volume';
import type { Region, RegionImageAnchor } from './region';

export interface ImageRegionInput {
  volumeId: string;
  /** Slice index in the volume (the image shown). */
  k: number;
  shape: ImageShape;
  /** Two points in image coordinates (x column, y row): a line's ends, or opposite corners. */
  points: [ImagePoint, ImagePoint];
}

/** What imageRegion needs of a volume: its grid and, unless the image's values are given, its scalars. */
export type ImageRegionVolume = Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction' | 'units' | 'frameOfReferenceUid' | 'seriesInstanceUid'> & { scalars?: Volume['scalars'] };

/** The values ROI statistics are taken of, for an image that is not in the volume's scalars (color: luminance). */
export interface ImageValues {
  /** Image k's values, column fastest (dims[0] * dims[1]). */
  values: ArrayLike<number>;
  /** Named in the measurement text, e.g. 'luminance'. */
  name: string;
}

export interface ImageRegionResult {
  region: Region;
  measurement: ImageMeasurement;
  /** Mean and SD of the stored values inside a rectangle/ellipse; null for a line. */
  stats: { mean: number; sd: number; pixelCount: number } | null;
  text: string;
}

/**
 * A length, rectangle or ellipse drawn on one 2D image, as a region a report sentence can link to.
 * Where the image has patient geometry, the world box is in patient coordinates (LPS mm) with its
 * FrameOfReferenceUID; where it has not (radiographs), the region is anchored in image coordinates
 * to the SOP Instance UID and frame, and its world box is only the volume's nominal grid.
 */
export function imageRegion(volume: ImageRegionVolume, image: DisplayImage, input: ImageRegionInput, own?: ImageValues): ImageRegionResult {
  const { k, shape, points } = input;
  if (k < 0 || k >= volume.dims[2]) throw new RadGroundError('BAD_REQUEST', `image ${k} is outside the volume (0..${volume.dims[2] - 1})`);
  const [p1, p2] = points;
  const measurement = measureImageShape(shape, p1, p2, image.pixelSpacing);
  const plane = volume.dims[0] * volume.dims[1];
  const values = own?.values ?? volume.scalars?.subarray(k * plane, (k + 1) * plane);
  if (shape !== 'length' && !values) throw new RadGroundError('INTERNAL', 'imageRegion: no values for the statistics');
  const stats = shape === 'length' ? null : shapeStatistics(values!, volume.dims, shape, p1, p2);
  const named = own ? `${own.name} ` : '';
  const text = formatImageMeasurement(measurement) + (stats ? `, ${named}mean ${stats.mean.toFixed(0)}, SD ${stats.sd.toFixed(0)}` : '');
  const world = [p1, p2].map((p) => indexToWorld(volume, [p[0], p[1], k]));
  const min = [0, 1, 2].map((d) => Math.min(world[0]![d]!, world[1]![d]!)) as Vec3;
  const max = [0, 1, 2].map((d) => Math.max(world[0]![d]!, world[1]![d]!)) as Vec3;
  const round = (v: number, n: number) => Math.min(n - 1, Math.max(0, Math.round(v)));
  const xs = [p1[0], p2[0]].map((x) => round(x, volume.dims[0]));
  const ys = [p1[1], p2[1]].map((y) => round(y, volume.dims[1]));
  const anchor: RegionImageAnchor = {
    coordinates: image.patientGeometry ? 'patient' : 'image',
    sopInstanceUid: image.sopInstanceUid,
    frameNumber: image.frameNumber,
    k,
    shape,
    points: [p1, p2],
  };
  const region: Region = {
    id: randomUUID(),
    label: `${shape} ${text}`,
    kind: 'measurement',
    code: null,
    laterality: null,
    zone: null,
    volumeId: input.volumeId,
    seriesInstanceUid: volume.seriesInstanceUid,
    frameOfReferenceUid: image.patientGeometry ? volume.frameOfReferenceUid : null,
    voxelBox: { min: [Math.min(...xs), Math.min(...ys), k], max: [Math.max(...xs), Math.max(...ys), k] },
    worldBox: { min, max },
    centroid: [0, 1, 2].map((d) => (min[d]! + max[d]!) / 2) as Vec3,
    volumeMl: 0,
    diameterMm: shape === 'length' && measurement.unit === 'mm' && measurement.qualifier === null ? measurement.size : null,
    meanHu: stats && !own && volume.units === 'HU' ? stats.mean : null,
    confidence: 1,
    mask: null,
    runId: null,
    image: anchor,
  };
  return { region, measurement, stats, text };
}

/** Mean and SD of the values (one image, column fastest) whose pixel centres lie inside the shape. */
export function shapeStatistics(values: ArrayLike<number>, dims: Vec3, shape: 'rectangle' | 'ellipse', p1: ImagePoint, p2: ImagePoint): { mean: number; sd: number; pixelCount: number } {
  const [nx, ny] = dims;
  const i0 = Math.max(0, Math.ceil(Math.min(p1[0], p2[0])));
  const i1 = Math.min(nx - 1, Math.floor(Math.max(p1[0], p2[0])));
  const j0 = Math.max(0, Math.ceil(Math.min(p1[1], p2[1])));
  const j1 = Math.min(ny - 1, Math.floor(Math.max(p1[1], p2[1])));
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let j = j0; j <= j1; j++) {
    for (let i = i0; i <= i1; i++) {
      if (!insideShape(shape, p1, p2, i, j)) continue;
      const v = values[j * nx + i]!;
      n++;
      sum += v;
      sumSq += v * v;
    }
  }
  if (n === 0) throw new RadGroundError('BAD_REQUEST', `the ${shape} holds no pixel centre`);
  const mean = sum / n;
  return { mean, sd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), pixelCount: n };
}
