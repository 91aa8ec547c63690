import { isNIFTI, NIFTI2, readHeader, type NIFTI1 } from 'nifti-reader-js';
import { RadGroundError, isRadGroundError } from '../../errors/radground-error';
import type { Vec3 } from '../../geometry/vec3';
import type { Volume } from '../volume';
import { memoryBudgetBytes, overMemoryBudget } from '../../dicom/dataset/bounded-inflate';
import {
  asBytes,
  gunzipBounded,
  gunzipBoundedSync,
  gunzipHead,
  isGzip,
  niftiFileBytes,
  toArrayBuffer,
  type NiftiInput,
} from './nifti-bytes';
import { niftiGeometry } from './nifti-geometry';
import { niftiDtype, niftiScalars } from './nifti-scalars';

export interface ReadNiftiOptions {
  /**
   * Modality the caller knows the data to be (NIfTI does not say). 'CT' makes units 'HU'
   * (values are assumed to be Hounsfield units after scl_slope/scl_inter); anything else: 'raw'.
   */
  modality?: string | null;
  /**
   * Memory budget in bytes: the decompressed data of the volume and its scalars must each fit in it
   * (default: RADGROUND_MEMORY_BUDGET_BYTES, else 2 GiB). Over it: UNSUPPORTED_INPUT naming the budget.
   */
  maxBytes?: number;
}

/** Room a .nii.gz may inflate to beyond what its header declares (trailing bytes some writers add). */
const TRAILER_MARGIN_BYTES = 1024 * 1024;

const MAX_VOXELS = 2 ** 31 - 1;

function parseHeader(buffer: ArrayBuffer): NIFTI1 | NIFTI2 {
  if (buffer.byteLength < 348 || !isNIFTI(buffer)) {
    throw new RadGroundError('CORRUPT_INPUT', 'not a NIfTI-1/NIfTI-2 file (bad header size or magic)');
  }
  try {
    return readHeader(buffer);
  } catch (e) {
    throw new RadGroundError('CORRUPT_INPUT', `unreadable NIfTI header (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Spatial dims and the number of 3D volumes in the file. */
function volumeDims(header: NIFTI1 | NIFTI2): { dims: Vec3; volumes: number } {
  const d = header.dims;
  const ndim = d[0];
  if (ndim === undefined || !Number.isInteger(ndim) || ndim < 1 || ndim > 7) {
    throw new RadGroundError('CORRUPT_INPUT', `NIfTI header has an invalid dim[0] (${ndim})`);
  }
  const size = (i: number) => {
    if (i > ndim) return 1;
    const v = d[i];
    if (v === undefined || !Number.isInteger(v) || v < 1) throw new RadGroundError('CORRUPT_INPUT', `NIfTI header has an invalid dim[${i}] (${v})`);
    return v;
  };
  const dims: Vec3 = [size(1), size(2), size(3)];
  let volumes = 1;
  for (let i = 4; i <= ndim; i++) volumes *= size(i);
  return { dims, volumes };
}

/** What the header says about where the voxels are and how many bytes they take, checked against itself. */
interface NiftiLayout {
  header: NIFTI1 | NIFTI2;
  dims: Vec3;
  volumes: number;
  /** Voxels of the first 3D volume. */
  count: number;
  offset: number;
  /** End of the first volume's voxel data (what is read). */
  firstVolumeEnd: number;
  /** End of all the voxel data the header declares (every volume of a 4D+ file). */
  declaredEnd: number;
}

function niftiLayout(buffer: ArrayBuffer): NiftiLayout {
  const header = parseHeader(buffer);
  if ('isHDR' in header && header.isHDR) {
    throw new RadGroundError('UNSUPPORTED_INPUT', 'NIfTI header/image pairs (.hdr/.img) are not supported; use a single .nii or .nii.gz');
  }
  const info = niftiDtype(header.datatypeCode);
  if (header.numBitsPerVoxel !== info.bytes * 8) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `NIfTI header says bitpix ${header.numBitsPerVoxel} but datatype ${info.name} has ${info.bytes * 8} bits per voxel`,
    );
  }
  const { dims, volumes } = volumeDims(header);
  const count = dims[0] * dims[1] * dims[2];
  if (count > MAX_VOXELS) throw new RadGroundError('UNSUPPORTED_INPUT', `NIfTI volume too large (${count} voxels)`);
  // A single-file .nii keeps its voxels after the header and the 4 extension-flag bytes (NIfTI-1: 352, NIfTI-2: 544).
  const minimumOffset = header instanceof NIFTI2 ? 544 : 352;
  const offset = header.vox_offset;
  if (!Number.isInteger(offset) || offset < minimumOffset) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `NIfTI header has an invalid vox_offset (${header.vox_offset}); a single-file NIfTI needs an integer >= ${minimumOffset}`,
    );
  }
  const firstVolumeEnd = offset + count * info.bytes;
  return { header, dims, volumes, count, offset, firstVolumeEnd, declaredEnd: offset + count * volumes * info.bytes };
}

/** The decompressed bytes read (first volume) and the scalars built from them must each fit in the budget. */
function assertWithinBudget(layout: NiftiLayout, budget: number): void {
  const scalarBytes = layout.count * 4; // Float32Array at worst
  const needed = Math.max(layout.firstVolumeEnd, scalarBytes);
  if (needed > budget) throw overMemoryBudget(`NIfTI volume (${layout.dims.join('x')})`, needed, budget);
}

/** How far a .nii.gz may inflate: to what its header declares (plus a margin), within the budget. */
function inflateLimit(layout: NiftiLayout, budget: number): { limit: number; why: string } {
  const declared = layout.declaredEnd + TRAILER_MARGIN_BYTES;
  return declared <= budget
    ? { limit: declared, why: `its header declares ${layout.declaredEnd} bytes` }
    : { limit: budget, why: `the memory budget of ${budget} bytes` };
}

/** Builds a Volume from decompressed NIfTI bytes. Synchronous; see readNiftiVolume for files. */
export function niftiVolumeFromBuffer(buffer: ArrayBuffer, options: ReadNiftiOptions = {}): Volume {
  const layout = niftiLayout(buffer);
  assertWithinBudget(layout, options.maxBytes ?? memoryBudgetBytes());
  const { header, dims, volumes, count, offset } = layout;
  const needed = layout.firstVolumeEnd;
  if (buffer.byteLength < needed) {
    throw new RadGroundError(
      'CORRUPT_INPUT',
      `NIfTI file is truncated: ${buffer.byteLength} bytes, the header needs ${needed}`,
    );
  }

  const warnings: string[] = [];
  if (volumes > 1) warnings.push(`NIfTI file holds ${volumes} volumes (4D+); only the first is shown.`);
  const geometry = niftiGeometry(header, new DataView(buffer));
  warnings.push(...geometry.warnings);
  const { scalars, warnings: scalarWarnings } = niftiScalars(
    header.datatypeCode,
    buffer,
    offset,
    count,
    header.littleEndian,
    header.scl_slope,
    header.scl_inter,
  );
  warnings.push(...scalarWarnings);

  const modality = options.modality ?? null;
  const calMin = header.cal_min;
  const calMax = header.cal_max;
  const defaultWindow =
    Number.isFinite(calMin) && Number.isFinite(calMax) && calMax > calMin
      ? { center: (calMax + calMin) / 2, width: calMax - calMin }
      : null;

  return {
    scalars,
    dims,
    spacing: geometry.spacing,
    origin: geometry.origin,
    direction: geometry.direction,
    units: modality === 'CT' ? 'HU' : 'raw',
    modality,
    frameOfReferenceUid: null,
    seriesInstanceUid: null,
    sopInstanceUids: new Array<string | null>(dims[2]).fill(null),
    invertForDisplay: false,
    defaultWindow,
    warnings,
  };
}

/** Synchronous variant for bytes already in memory (.nii or gzip-compressed .nii.gz). */
export function parseNiftiVolume(bytes: Uint8Array | ArrayBuffer, options: ReadNiftiOptions = {}): Volume {
  const file = asBytes(bytes);
  if (!isGzip(file)) return niftiVolumeFromBuffer(toArrayBuffer(file), options);
  const budget = options.maxBytes ?? memoryBudgetBytes();
  const layout = niftiLayout(toArrayBuffer(gunzipHead(file)));
  assertWithinBudget(layout, budget);
  const { limit, why } = inflateLimit(layout, budget);
  return niftiVolumeFromBuffer(toArrayBuffer(gunzipBoundedSync(file, limit, why)), options);
}

/**
 * Reads a .nii / .nii.gz file (path) or its bytes into a Volume in LPS. A .nii.gz is inflated in two steps:
 * its header first, then the data, stopping past what the header declares or the memory budget.
 * Errors: CORRUPT_INPUT (bad gzip, header, truncated data, inflating past its declared size, values made
 * non-finite by scl_slope), UNSUPPORTED_INPUT (RGB, complex, .hdr/.img, over the memory budget), NOT_FOUND.
 */
export async function readNiftiVolume(input: NiftiInput, options: ReadNiftiOptions = {}): Promise<Volume> {
  const file = await niftiFileBytes(input);
  try {
    if (!isGzip(file)) return niftiVolumeFromBuffer(toArrayBuffer(file), options);
    const budget = options.maxBytes ?? memoryBudgetBytes();
    const layout = niftiLayout(toArrayBuffer(gunzipHead(file)));
    assertWithinBudget(layout, budget);
    const { limit, why } = inflateLimit(layout, budget);
    return niftiVolumeFromBuffer(toArrayBuffer(await gunzipBounded(file, limit, why)), options);
  } catch (e) {
    if (isRadGroundError(e)) throw e;
    throw new RadGroundError('CORRUPT_INPUT', `unreadable NIfTI file (${e instanceof Error ? e.message : String(e)})`);
  }
}
