import { isNIFTI, readHeader, type NIFTI1, type NIFTI2 } from 'nifti-reader-js';
import { RadGroundError, isRadGroundError } from '../../errors/radground-error';
import type { Vec3 } from '../../geometry/vec3';
import type { Volume } from '../volume';
import { niftiBytes, niftiBytesSync, type NiftiInput } from './nifti-bytes';
import { niftiGeometry } from './nifti-geometry';
import { niftiDtype, niftiScalars } from './nifti-scalars';

export interface ReadNiftiOptions {
  /**
   * Modality the caller knows the data to be (NIfTI does not say). 'CT' makes units 'HU'
   * (values are assumed to be Hounsfield units after scl_slope/scl_inter); anything else: 'raw'.
   */
  modality?: string | null;
}

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
  if (!Number.isInteger(ndim) || ndim < 1 || ndim > 7) {
    throw new RadGroundError('CORRUPT_INPUT', `NIfTI header has an invalid dim[0] (${ndim})`);
  }
  const size = (i: number) => {
    if (i > ndim) return 1;
    const v = d[i];
    if (!Number.isInteger(v) || v < 1) throw new RadGroundError('CORRUPT_INPUT', `NIfTI header has an invalid dim[${i}] (${v})`);
    return v;
  };
  const dims: Vec3 = [size(1), size(2), size(3)];
  let volumes = 1;
  for (let i = 4; i <= ndim; i++) volumes *= size(i);
  return { dims, volumes };
}

/** Builds a Volume from decompressed NIfTI bytes. Synchronous; see readNiftiVolume for files. */
export function niftiVolumeFromBuffer(buffer: ArrayBuffer, options: ReadNiftiOptions = {}): Volume {
  const header = parseHeader(buffer);
  if ('isHDR' in header && header.isHDR) {
    throw new RadGroundError('UNSUPPORTED_INPUT', 'NIfTI header/image pairs (.hdr/.img) are not supported; use a single .nii or .nii.gz');
  }
  const info = niftiDtype(header.datatypeCode);
  const { dims, volumes } = volumeDims(header);
  const count = dims[0] * dims[1] * dims[2];
  if (count > MAX_VOXELS) throw new RadGroundError('UNSUPPORTED_INPUT', `NIfTI volume too large (${count} voxels)`);
  const offset = Math.round(header.vox_offset);
  if (!Number.isFinite(offset) || offset < 348) {
    throw new RadGroundError('CORRUPT_INPUT', `NIfTI header has an invalid vox_offset (${header.vox_offset})`);
  }
  const needed = offset + count * info.bytes;
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
  return niftiVolumeFromBuffer(niftiBytesSync(bytes), options);
}

/**
 * Reads a .nii / .nii.gz file (path) or its bytes into a Volume in LPS.
 * Errors: CORRUPT_INPUT (bad gzip, header, truncated data), UNSUPPORTED_INPUT (RGB, complex, .hdr/.img),
 * NOT_FOUND (missing path).
 */
export async function readNiftiVolume(input: NiftiInput, options: ReadNiftiOptions = {}): Promise<Volume> {
  const buffer = await niftiBytes(input);
  try {
    return niftiVolumeFromBuffer(buffer, options);
  } catch (e) {
    if (isRadGroundError(e)) throw e;
    throw new RadGroundError('CORRUPT_INPUT', `unreadable NIfTI file (${e instanceof Error ? e.message : String(e)})`);
  }
}
