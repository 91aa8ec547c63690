import type { DicomInstance } from '../dicom/dicom-instance';
import { median } from '../../shared/math/median';
import { RadGroundError } from '../errors/radground-error';
import { mat3FromColumns, mat3Identity, mat3Inverse, mat3MulVec, type Mat3 } from '../geometry/mat3';
import { sub, type Vec3 } from '../geometry/vec3';
import {
  hasPlacement,
  orientationSkew,
  sameOrientation,
  samePixelSpacing,
  sliceNormal,
  sliceSourcesOf,
  type SliceSource,
} from './dicom-slices';
import { planSliceSpacing, type OutputSlicePlan } from './slice-spacing';

export type { OutputSlicePlan };

/** A source slice kept for the volume, in volume order. */
export interface PlannedSlice {
  source: SliceSource;
  /** Position along the slice normal, mm, relative to the first kept slice (0 for it). */
  along: number;
  /**
   * In-plane offset of this slice relative to the first kept slice, in PIXELS along i (row direction)
   * and j (column direction). Non-zero only for gantry-tilted (sheared) stacks.
   */
  shiftI: number;
  shiftJ: number;
}

/** Everything needed to assemble a volume from decoded frames, decided from headers alone. */
export interface StackPlan {
  rows: number;
  cols: number;
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
  slices: PlannedSlice[];
  /** One entry per output k. */
  output: OutputSlicePlan[];
  /** True when slices must be shifted in-plane (gantry tilt correction). */
  shear: boolean;
  /** Tilt angle measured from the slice positions (degrees), when sheared. */
  tiltDegrees: number | null;
  /** True when the slices were resampled along the normal (uneven spacing). */
  resampled: boolean;
  warnings: string[];
}

/** Slices whose in-plane offset stays below this many pixels are treated as not sheared. */
const SHEAR_TOLERANCE_PX = 0.1;

function fmt(x: number, digits = 2): string {
  return Number(x.toFixed(digits)).toString();
}

function orderKey(inst: DicomInstance): number {
  return inst.instanceNumber ?? Number.POSITIVE_INFINITY;
}

function singleSlicePlan(src: SliceSource, warnings: string[]): StackPlan {
  const inst = src.instance;
  let ps = src.pixelSpacing;
  if (!ps) {
    warnings.push('No pixel spacing in the header: 1 mm pixels assumed, so distances on this image are not calibrated.');
    ps = [1, 1];
  }
  const thickness = inst.sliceThickness && inst.sliceThickness > 0 ? inst.sliceThickness : 1;
  let origin: Vec3 = [0, 0, 0];
  let direction = mat3Identity();
  if (hasPlacement(src)) {
    origin = [...src.position];
    direction = mat3FromColumns(src.rowCosine, src.colCosine, sliceNormal(src.rowCosine, src.colCosine));
  }
  return {
    rows: inst.rows,
    cols: inst.columns,
    dims: [inst.columns, inst.rows, 1],
    spacing: [ps[1], ps[0], thickness],
    origin,
    direction,
    slices: [{ source: src, along: 0, shiftI: 0, shiftJ: 0 }],
    output: [{ kind: 'copy', src: 0 }],
    shear: false,
    tiltDegrees: null,
    resampled: false,
    warnings,
  };
}

/**
 * Decides the geometry of the volume built from `instances` (one stack, see groupSeriesStacks):
 * slice order by position along the normal (row x column cosines; never InstanceNumber), duplicate
 * positions, gantry tilt shear, and uniform resampling of uneven spacing (see slice-spacing.ts).
 * Reads headers only.
 */
export function planDicomStack(instances: DicomInstance[]): StackPlan {
  const first = instances[0];
  if (!first) throw new RadGroundError('UNSUPPORTED_INPUT', 'cannot build a volume from zero instances');
  const warnings: string[] = [];
  // Color images are planned too (geometry only: the 2D viewer pages them, `images.rgb` decodes
  // them); buildDicomVolume refuses to build them into a grey-scale volume.
  for (const inst of instances) {
    if (!(inst.rows > 0 && inst.columns > 0)) {
      throw new RadGroundError('CORRUPT_INPUT', `instance ${inst.sopInstanceUid} has no valid rows/columns`);
    }
    if (inst.rows !== first.rows || inst.columns !== first.columns) {
      throw new RadGroundError(
        'UNSUPPORTED_INPUT',
        'instances have different image sizes and do not form one stack (split them with groupSeriesStacks)',
      );
    }
  }

  // "First" (for duplicates) = lowest InstanceNumber, then input order, then frame.
  const order = instances.map((inst, idx) => ({ inst, idx }));
  order.sort((a, b) => orderKey(a.inst) - orderKey(b.inst) || a.idx - b.idx);
  const sources = order.flatMap(({ inst }) => sliceSourcesOf(inst));
  const ref = sources[0]!; // sliceSourcesOf gives every instance at least one source
  if (sources.length === 1) return singleSlicePlan(ref, warnings);

  if (!sources.every(hasPlacement) || !hasPlacement(ref)) {
    throw new RadGroundError(
      'UNSUPPORTED_INPUT',
      'some images lack ImagePositionPatient/ImageOrientationPatient, so they cannot be stacked into a volume',
    );
  }
  for (const s of sources) {
    if (!sameOrientation(ref, s) || !samePixelSpacing(ref.pixelSpacing, s.pixelSpacing)) {
      throw new RadGroundError(
        'UNSUPPORTED_INPUT',
        instances.length === 1
          ? `frames of multi-frame instance ${first.sopInstanceUid} have different orientations or pixel spacings (e.g. a multi-plane localizer) and cannot form one volume`
          : 'images have different orientations or pixel spacings and do not form one stack (split them with groupSeriesStacks)',
      );
    }
  }

  const row = ref.rowCosine;
  const col = ref.colCosine;
  const normal = sliceNormal(row, col);
  if (orientationSkew(row, col) > 0.01) {
    warnings.push('Row and column directions are not perpendicular in the header; the geometry may be distorted.');
  }
  let ps = ref.pixelSpacing;
  if (!ps) {
    warnings.push('No pixel spacing in the header: 1 mm pixels assumed, so distances are not calibrated.');
    ps = [1, 1];
  }
  const sx = ps[1];
  const sy = ps[0];

  // Decompose every position (relative to the reference) as u*row + v*col + a*normal.
  const basisInv = mat3Inverse(mat3FromColumns(row, col, normal));
  if (!basisInv) throw new RadGroundError('CORRUPT_INPUT', 'degenerate image orientation');
  const placed = sources.map((s, orderIdx) => {
    const [u, v, a] = mat3MulVec(basisInv, sub(s.position, ref.position));
    return { s, orderIdx, u, v, a };
  });
  placed.sort((p, q) => p.a - q.a || p.orderIdx - q.orderIdx);

  // Identical positions: keep the first (by InstanceNumber/input order), warn.
  const rawGaps = placed.slice(1).map((p, i) => p.a - placed[i]!.a).filter((g) => g > 0.01);
  const dupTol = Math.max(0.01, rawGaps.length ? 0.02 * median(rawGaps) : 0.01);
  const kept: typeof placed = [];
  let dropped = 0;
  for (let i = 0; i < placed.length; ) {
    const start = placed[i]!;
    let best = start;
    let j = i + 1;
    while (j < placed.length && placed[j]!.a - start.a <= dupTol) {
      const p = placed[j]!;
      if (p.orderIdx < best.orderIdx) best = p;
      j++;
      dropped++;
    }
    kept.push(best);
    i = j;
  }
  if (dropped > 0) {
    warnings.push(
      `${dropped} image(s) duplicate the position of another slice and were left out (the first by InstanceNumber was kept).`,
    );
  }
  const k0 = kept[0]!; // placed is not empty, and each run of duplicates keeps one
  if (kept.length === 1) return singleSlicePlan(k0.s, warnings);

  const slices: PlannedSlice[] = kept.map((p) => ({
    source: p.s,
    along: p.a - k0.a,
    shiftI: (p.u - k0.u) / sx,
    shiftJ: (p.v - k0.v) / sy,
  }));

  // Gantry tilt: slice origins drift in-plane as they advance along the normal.
  const maxShift = Math.max(...slices.map((s) => Math.max(Math.abs(s.shiftI), Math.abs(s.shiftJ))));
  const headerTilt = instances.map((i) => i.gantryDetectorTilt).find((t) => t != null && Math.abs(t) > 0.01) ?? null;
  const shear = maxShift > SHEAR_TOLERANCE_PX;
  let tiltDegrees: number | null = null;
  if (shear) {
    const last = slices[slices.length - 1]!;
    const inPlaneMm = Math.hypot(last.shiftI * sx, last.shiftJ * sy);
    tiltDegrees = (Math.atan2(inPlaneMm, last.along) * 180) / Math.PI;
    const alongCol = slices.every((s) => Math.abs(s.shiftI) <= SHEAR_TOLERANCE_PX);
    warnings.push(
      `Gantry tilt of ${fmt(tiltDegrees, 1)}° corrected` +
        (headerTilt != null ? ` (header (0018,1120): ${fmt(headerTilt, 2)}°)` : ' (measured from slice positions)') +
        `: each slice was shifted ${alongCol ? 'along the column direction' : 'in-plane'} onto an orthogonal grid ` +
        '(shear correction as dcm2niix does, linear interpolation); pixels shifted in from outside the field of view hold the lowest value of the series.',
    );
  } else if (headerTilt != null) {
    warnings.push(
      `Header reports gantry tilt ${fmt(headerTilt, 2)}°, but the slice positions already lie along the slice normal; no shear correction was needed.`,
    );
  }

  const spacingPlan = planSliceSpacing(slices.map((s) => s.along));
  warnings.push(...spacingPlan.warnings);

  return {
    rows: first.rows,
    cols: first.columns,
    dims: [first.columns, first.rows, spacingPlan.output.length],
    spacing: [sx, sy, spacingPlan.step],
    origin: [...k0.s.position],
    direction: mat3FromColumns(row, col, normal),
    slices,
    output: spacingPlan.output,
    shear,
    tiltDegrees,
    resampled: spacingPlan.resampled,
    warnings,
  };
}
