import type { VolumeGeometry, VolumeMeta } from '../../shared/api/channels/study-channels';
import { voxelDataTypeOf } from '../../shared/imaging/voxel-arrays';
import { dicomWorkers } from '../dicom-worker/dicom-worker-pool';
import { lentFrameLoader } from '../dicom-worker/lent-frames';
import type { SqliteDatabase } from '../storage/database-types';
import { buildDicomVolume, type SeriesStack } from '../volume-assembly';
import type { Volume, VolumeScalars } from '../volume-assembly/volume';
import { rgbImageOf, RgbFrameCache, type RgbImage } from './rgb-image';
import type { PreviewSlice } from './preview-slice';
import type { SeriesThumbnail } from './series-thumbnail';
import { DecodedChunks } from './decoded-chunks';
import { findSeriesStack } from './find-series-stack';
import { scalarRangeYielding } from './scalar-range-yielding';
import { VolumeCache } from './volume-cache';
import { describeStack, geometryOfVolume, stackImageNumbering } from './volume-geometry';

/** Whole slices of a volume, viewed (not copied) from the cached voxels. */
export interface VolumeChunk {
  start: number;
  count: number;
  dims: Volume['dims'];
  dataType: VolumeMeta['dataType'];
  scalarRange: [number, number];
  scalars: VolumeScalars;
  /**
   * Present when `scalars` were decoded for this chunk alone: hands their memory back for the next
   * chunk. Call it only once nothing reads them any more (an HTTP answer: once it is sent), or never.
   */
  release?: () => void;
}

export interface StudyVolumeServiceOptions {
  db: SqliteDatabase;
  /** Bytes of voxel data kept in memory across studies (least recently used evicted first). */
  cacheBytes?: number;
}

/**
 * Volumes of indexed series, by volume id: the series UID, or `<series UID>.<n>` for the n-th
 * stack when one series holds several (mixed orientations or image sizes).
 */
export class StudyVolumeService {
  private readonly db: SqliteDatabase;
  private readonly cache: VolumeCache;
  /** Scalar range per loaded volume: one pass over the voxels (sliced, the event loop free between slices), not one per request. */
  private readonly ranges = new WeakMap<Volume, Promise<[number, number]>>();
  /** Chunks of plain stacks decoded by themselves, while no volume is cached. */
  private readonly decoded = new DecodedChunks();
  /** Decoded color frames (decoded in the DICOM worker pool) of the last few color instances shown. */
  private readonly rgbFrames = new RgbFrameCache(4, (instance) => dicomWorkers().readRgbFrames(instance));

  constructor(options: StudyVolumeServiceOptions) {
    this.db = options.db;
    this.cache = new VolumeCache({ maxBytes: options.cacheBytes ?? 1.5 * 1024 ** 3 });
  }

  /** Ids of the volumes held in the cache now (most recently used last). */
  cachedVolumeIds(): string[] {
    return this.cache.keys();
  }

  describe(volumeId: string): VolumeGeometry {
    return describeStack(this.findStack(volumeId));
  }

  /** A small PNG of the volume's middle image (decodes that one image only, in the DICOM worker pool). */
  thumbnail(volumeId: string): Promise<SeriesThumbnail> {
    return dicomWorkers().thumbnail(this.findStack(volumeId));
  }

  /** Image k of a color volume as 8-bit RGB (the grey volume cache never holds color). */
  rgbImage(volumeId: string, k: number): Promise<RgbImage> {
    return rgbImageOf(this.findStack(volumeId), k, this.rgbFrames);
  }

  /**
   * Builds the volume from frames decoded in the DICOM worker pool into a few shared buffers, reused
   * (lentFrameLoader): no buffer per image is left behind for the garbage collector.
   */
  async load(volumeId: string): Promise<Volume> {
    return this.cache.getOrLoad(volumeId, () => buildDicomVolume(this.findStack(volumeId).instances, lentFrameLoader(dicomWorkers())));
  }

  async loadWithMeta(volumeId: string): Promise<{ volume: Volume; meta: VolumeMeta }> {
    const volume = await this.load(volumeId);
    const meta = geometryOfVolume(volumeId, volume, stackImageNumbering(this.findStack(volumeId)));
    return { volume, meta: { ...meta, dataType: voxelDataTypeOf(volume.scalars), scalarRange: await this.rangeOf(volume) } };
  }

  /** One decoded slice (decoded in the DICOM worker pool) with the geometry from the headers: the viewer's first image. */
  async previewSlice(volumeId: string, k?: number): Promise<{ slice: PreviewSlice; geometry: VolumeGeometry }> {
    const stack = this.findStack(volumeId);
    return { slice: await dicomWorkers().previewSlice(stack, k), geometry: describeStack(stack) };
  }

  /**
   * Slices [start, start + count) of the volume, clipped to the volume. When the volume is cached or
   * being built, a view of its voxels (no copy). Otherwise, for a plain stack (no tilt, no
   * resampling, uncompressed), the chunk's slices alone are decoded and no whole volume is built
   * (DecodedChunks). Any other stack is built (and cached) whole by the first call.
   */
  async chunk(volumeId: string, start: number, count: number): Promise<VolumeChunk> {
    if (!this.cache.has(volumeId) && !this.cache.isLoading(volumeId)) {
      const streamed = await this.decoded.chunk(volumeId, this.findStack(volumeId), start, count);
      if (streamed) return streamed;
    }
    const volume = await this.load(volumeId);
    const [w, h, d] = volume.dims;
    const first = Math.min(start, d);
    const n = Math.max(0, Math.min(count, d - first));
    return {
      start: first,
      count: n,
      dims: volume.dims,
      dataType: voxelDataTypeOf(volume.scalars),
      scalarRange: await this.rangeOf(volume),
      scalars: volume.scalars.subarray(first * w * h, (first + n) * w * h),
    };
  }

  private rangeOf(volume: Volume): Promise<[number, number]> {
    let range = this.ranges.get(volume);
    if (!range) this.ranges.set(volume, (range = scalarRangeYielding(volume.scalars)));
    return range;
  }

  private findStack(volumeId: string): SeriesStack {
    return findSeriesStack(this.db, volumeId);
  }
}
