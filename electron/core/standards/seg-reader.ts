/**
 * Reads back a binary DICOM SEG that RadGround wrote (seg-builder.ts): its segments (label,
 * category, type code, tracking id/UID) and, per segment, its voxels resampled into a volume's grid
 * (segmentMaskInGrid). Frames are placed by their own Image Position / Orientation and the pixel
 * spacing; every set pixel centre goes to the nearest voxel of the target grid. On the grid the SEG
 * was made on (the study's own series) that is exact; on another grid it is a nearest-neighbour
 * forward mapping (a finer target grid is then sparsely filled).
 */
import { RadGroundError } from '../errors/radground-error';
import { indexToWorld, voxelBoxToWorldBox, worldToIndex } from '../../shared/geometry/grid';
import type { RegionMask } from '../regions/region';
import { maskFromSortedIndices } from '../regions/region-mask';
import type { VolumeGeometry } from '../../shared/api/channels/study-channels';
import { C, type Code } from './coded-concepts';
import type { Dataset } from './dcmjs-writer';
import { MANUFACTURER } from './dicom-common';
import { SEG_SOP_CLASS } from './seg-builder';
import { seq, str } from './sr-reader';

type Vec3 = [number, number, number];

export interface SegSegmentInfo {
  number: number;
  label: string;
  anatomy: boolean;
  type: Code | null;
  trackingId: string | null;
  trackingUid: string | null;
}

export interface SegFrame {
  segment: number;
  position: Vec3;
  /** Row direction (along a row: columns) and column direction (down a column: rows). */
  rowDir: Vec3;
  colDir: Vec3;
}

export interface SegDocument {
  sopInstanceUid: string;
  referencedSeriesUid: string | null;
  frameOfReferenceUid: string | null;
  rows: number;
  columns: number;
  /** [between rows, between columns], mm. */
  pixelSpacing: [number, number];
  segments: SegSegmentInfo[];
  frames: SegFrame[];
  /** Bit-packed frames, one after the other (BitsAllocated 1, no padding between frames). */
  bits: Uint8Array;
}

const nums = (v: unknown): number[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(Number);

export function isRadGroundSeg(ds: Dataset): boolean {
  return str(ds.SOPClassUID) === SEG_SOP_CLASS && str(ds.Manufacturer) === MANUFACTURER && str(ds.SegmentationType) === 'BINARY';
}

const corrupt = (uid: string, why: string) => new RadGroundError('CORRUPT_INPUT', `RadGround SEG ${uid}: ${why}`);

function pixelBytes(v: unknown): Uint8Array | null {
  const first = Array.isArray(v) ? v[0] : v;
  if (first instanceof ArrayBuffer) return new Uint8Array(first);
  if (ArrayBuffer.isView(first)) return new Uint8Array(first.buffer, first.byteOffset, first.byteLength);
  return null;
}

function vec(v: number[], at: number): Vec3 {
  return [v[at]!, v[at + 1]!, v[at + 2]!];
}

export function readSeg(ds: Dataset): SegDocument {
  const uid = str(ds.SOPInstanceUID) ?? '?';
  const rows = Number(str(ds.Rows));
  const columns = Number(str(ds.Columns));
  const frameCount = Number(str(ds.NumberOfFrames) ?? '1');
  if (!(rows > 0 && columns > 0 && Number.isInteger(frameCount) && frameCount >= 0)) throw corrupt(uid, 'bad Rows, Columns or Number of Frames');
  const shared = seq(ds.SharedFunctionalGroupsSequence)[0] ?? {};
  const perFrame = seq(ds.PerFrameFunctionalGroupsSequence);
  if (perFrame.length !== frameCount) throw corrupt(uid, `${perFrame.length} per-frame groups for ${frameCount} frames`);
  const group = (f: Record<string, unknown>, name: string) => seq(f[name])[0] ?? seq(shared[name])[0];
  const spacing = nums(group({}, 'PixelMeasuresSequence')?.PixelSpacing);
  const bits = pixelBytes(ds.PixelData);
  if (!bits || bits.length * 8 < rows * columns * frameCount) throw corrupt(uid, 'pixel data shorter than its frames');
  const frames = perFrame.map((f, n): SegFrame => {
    const orientation = nums(group(f, 'PlaneOrientationSequence')?.ImageOrientationPatient);
    const position = nums(group(f, 'PlanePositionSequence')?.ImagePositionPatient);
    const segment = Number(str(group(f, 'SegmentIdentificationSequence')?.ReferencedSegmentNumber));
    if (orientation.length !== 6 || position.length !== 3 || ![...orientation, ...position].every(Number.isFinite) || !Number.isInteger(segment)) {
      throw corrupt(uid, `frame ${n + 1} has no usable position, orientation or segment number`);
    }
    return { segment, position: vec(position, 0), rowDir: vec(orientation, 0), colDir: vec(orientation, 3) };
  });
  const pixelSpacing: [number, number] = [spacing[0]!, spacing[1]!];
  if (!(pixelSpacing[0] > 0 && pixelSpacing[1] > 0)) throw corrupt(uid, 'no pixel spacing');
  const segments = seq(ds.SegmentSequence).map((s): SegSegmentInfo => {
    const category = seq(s.SegmentedPropertyCategoryCodeSequence)[0];
    const type = seq(s.SegmentedPropertyTypeCodeSequence)[0];
    return {
      number: Number(str(s.SegmentNumber)),
      label: str(s.SegmentLabel) ?? '',
      anatomy: str(category?.CodeValue) === C.anatomicalStructure.CodeValue,
      type: type && str(type.CodeValue) ? { CodeValue: str(type.CodeValue)!, CodingSchemeDesignator: str(type.CodingSchemeDesignator) ?? '', CodeMeaning: str(type.CodeMeaning) ?? '' } : null,
      trackingId: str(s.TrackingID),
      trackingUid: str(s.TrackingUID),
    };
  });
  return {
    sopInstanceUid: uid,
    referencedSeriesUid: str(seq(ds.ReferencedSeriesSequence)[0]?.SeriesInstanceUID),
    frameOfReferenceUid: str(ds.FrameOfReferenceUID),
    rows,
    columns,
    pixelSpacing,
    segments,
    frames,
    bits,
  };
}

/**
 * One segment's voxels in the grid of `g` (null when it has none there). Pixels whose centre falls
 * outside the grid are counted in `outside`.
 */
export function segmentMaskInGrid(seg: SegDocument, segmentNumber: number, g: Pick<VolumeGeometry, 'dims' | 'spacing' | 'origin' | 'direction'>): { mask: RegionMask | null; voxels: number; outside: number } {
  const [nx, ny, nz] = g.dims;
  const area = nx * ny;
  const frameSize = seg.rows * seg.columns;
  const slices = new Map<number, Uint8Array>();
  let outside = 0;
  seg.frames.forEach((f, n) => {
    if (f.segment !== segmentNumber) return;
    // Index of the frame's first pixel and the index steps along a row and down a column.
    const start = worldToIndex(g, f.position);
    const along = worldToIndex(g, [f.position[0] + f.rowDir[0] * seg.pixelSpacing[1], f.position[1] + f.rowDir[1] * seg.pixelSpacing[1], f.position[2] + f.rowDir[2] * seg.pixelSpacing[1]]);
    const down = worldToIndex(g, [f.position[0] + f.colDir[0] * seg.pixelSpacing[0], f.position[1] + f.colDir[1] * seg.pixelSpacing[0], f.position[2] + f.colDir[2] * seg.pixelSpacing[0]]);
    const dc = [along[0] - start[0], along[1] - start[1], along[2] - start[2]];
    const dr = [down[0] - start[0], down[1] - start[1], down[2] - start[2]];
    const base = n * frameSize;
    for (let p = 0; p < frameSize; p++) {
      const bit = base + p;
      const byte = seg.bits[bit >> 3]!;
      if (byte === 0 && (bit & 7) === 0) {
        p += 7; // a whole empty byte (most of a segmentation)
        continue;
      }
      if (!(byte & (1 << (bit & 7)))) continue;
      const r = Math.floor(p / seg.columns);
      const c = p - r * seg.columns;
      const i = Math.round(start[0] + c * dc[0]! + r * dr[0]!);
      const j = Math.round(start[1] + c * dc[1]! + r * dr[1]!);
      const k = Math.round(start[2] + c * dc[2]! + r * dr[2]!);
      if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
        outside++;
        continue;
      }
      let slice = slices.get(k);
      if (!slice) slices.set(k, (slice = new Uint8Array(area)));
      slice[j * nx + i] = 1;
    }
  });
  const indices: number[] = [];
  for (const k of [...slices.keys()].sort((a, b) => a - b)) {
    const slice = slices.get(k)!;
    for (let q = 0; q < area; q++) if (slice[q]) indices.push(k * area + q);
  }
  return { mask: indices.length ? maskFromSortedIndices(indices, [nx, ny, nz]) : null, voxels: indices.length, outside };
}

/** Voxel box, world box (voxel edges included) and centroid of a mask on its grid. */
export function maskExtent(mask: RegionMask, g: Pick<VolumeGeometry, 'spacing' | 'origin' | 'direction'>): { voxelBox: { min: Vec3; max: Vec3 }; worldBox: { min: Vec3; max: Vec3 }; centroid: Vec3 } {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  const sum = [0, 0, 0];
  let n = 0;
  const nx = mask.dims[0];
  for (const s of mask.slices) {
    for (let r = 0; r < s.runs.length; r += 2) {
      const from = s.runs[r]!;
      const len = s.runs[r + 1]!;
      for (let p = from; p < from + len; p++) {
        const j = Math.floor(p / nx);
        const i = p - j * nx;
        const v: Vec3 = [i, j, s.k];
        for (let a = 0; a < 3; a++) {
          if (v[a]! < min[a]!) min[a] = v[a]!;
          if (v[a]! > max[a]!) max[a] = v[a]!;
          sum[a]! += v[a]!;
        }
        n++;
      }
    }
  }
  return { voxelBox: { min, max }, worldBox: voxelBoxToWorldBox(g, { min, max }), centroid: indexToWorld(g, [sum[0]! / n, sum[1]! / n, sum[2]! / n]) };
}
