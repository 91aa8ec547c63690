import { NIFTI2, type NIFTI1 } from 'nifti-reader-js';
import { RadGroundError } from '../../errors/radground-error';
import { mat3FromColumns, type Mat3 } from '../../geometry/mat3';
import { dot, norm, type Vec3 } from '../../geometry/vec3';

export interface NiftiGeometry {
  origin: Vec3;
  direction: Mat3;
  spacing: Vec3;
  /** Which header transform was used. */
  transform: 'sform' | 'qform' | 'pixdim';
  warnings: string[];
}

type AffineRow = [number, number, number, number];
type Affine = [AffineRow, AffineRow, AffineRow]; // 3 rows x 4 columns, RAS mm

/** srow_x/y/z read straight from the header bytes (nifti-reader-js prefers qform when its code is higher). */
function readSform(header: NIFTI1 | NIFTI2, raw: DataView): Affine {
  const is2 = header instanceof NIFTI2;
  const at = (r: number, c: number): number =>
    is2 ? raw.getFloat64(400 + (r * 4 + c) * 8, header.littleEndian) : raw.getFloat32(280 + (r * 4 + c) * 4, header.littleEndian);
  const row = (r: number): AffineRow => [at(r, 0), at(r, 1), at(r, 2), at(r, 3)];
  return [row(0), row(1), row(2)];
}

/** The top 3 rows of nifti-reader-js's qform matrix (which it computes as 4 x 4 from the quaternion fields). */
function qformAffine(header: NIFTI1 | NIFTI2): Affine {
  const m = header.getQformMat();
  const row = (r: number): AffineRow => {
    const v = m[r];
    if (!v || v.length < 4) throw new RadGroundError('CORRUPT_INPUT', `NIfTI qform matrix has no row ${r}`);
    return [v[0]!, v[1]!, v[2]!, v[3]!];
  };
  return [row(0), row(1), row(2)];
}

function unitScale(header: NIFTI1 | NIFTI2): number {
  switch (header.xyzt_units & 7) {
    case 1:
      return 1000; // metres
    case 3:
      return 0.001; // microns
    default:
      return 1; // mm or unknown
  }
}

/**
 * Voxel-to-world transform of a NIfTI header, converted to a Volume's LPS convention.
 * sform when sform_code > 0, else qform when qform_code > 0, else pixdim only (with a warning).
 * The 3x3 part (which includes spacing) is split into unit direction columns and column lengths;
 * RAS -> LPS negates the x and y rows of the direction and of the origin.
 */
export function niftiGeometry(header: NIFTI1 | NIFTI2, raw: DataView): NiftiGeometry {
  const warnings: string[] = [];
  let affine: Affine;
  let transform: NiftiGeometry['transform'];
  if (header.sform_code > 0) {
    affine = readSform(header, raw);
    transform = 'sform';
  } else if (header.qform_code > 0) {
    affine = qformAffine(header);
    transform = 'qform';
  } else {
    const pixdim = (i: number): number => {
      const v = Math.abs(header.pixDims[i] ?? NaN);
      return Number.isFinite(v) && v > 0 ? v : 1;
    };
    affine = [
      [pixdim(1), 0, 0, 0],
      [0, pixdim(2), 0, 0],
      [0, 0, pixdim(3), 0],
    ];
    transform = 'pixdim';
    warnings.push(
      'NIfTI header has no orientation (sform_code and qform_code are 0): voxel sizes from pixdim, orientation assumed RAS and origin 0; left/right may be wrong.',
    );
  }

  const scale = unitScale(header);
  /** Unit direction (LPS) and length (mm) of array axis c. */
  const axis = (c: 0 | 1 | 2): { dir: Vec3; len: number } => {
    const col: Vec3 = [affine[0][c], affine[1][c], affine[2][c]];
    const len = norm(col);
    if (!Number.isFinite(len) || len === 0) {
      throw new RadGroundError('CORRUPT_INPUT', `NIfTI ${transform} has a zero or invalid axis ${c}`);
    }
    return { dir: [-col[0] / len + 0, -col[1] / len + 0, col[2] / len + 0], len }; // RAS -> LPS (+0: no -0)
  };
  const a0 = axis(0);
  const a1 = axis(1);
  const a2 = axis(2);
  const spacing: Vec3 = [a0.len * scale, a1.len * scale, a2.len * scale];
  const origin: Vec3 = [-affine[0][3] * scale + 0, -affine[1][3] * scale + 0, affine[2][3] * scale + 0];
  if (!origin.every(Number.isFinite)) throw new RadGroundError('CORRUPT_INPUT', `NIfTI ${transform} has an invalid offset`);
  const skew = Math.max(Math.abs(dot(a0.dir, a1.dir)), Math.abs(dot(a0.dir, a2.dir)), Math.abs(dot(a1.dir, a2.dir)));
  if (skew > 0.01) warnings.push(`NIfTI ${transform} axes are not perpendicular (sheared grid); kept as stored.`);
  return { origin, direction: mat3FromColumns(a0.dir, a1.dir, a2.dir), spacing, transform, warnings };
}
