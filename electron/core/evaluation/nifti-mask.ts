/**
 * A NIfTI label volume as a reference: for "lesions", each 26-connected component of `label` is one
 * mark (reader 'mask'); for "lungs", the voxels whose labels are listed as right or left lung are
 * the reference lung masks for Dice. A mask in another grid than the evaluated volume is sampled
 * onto it (nearest voxel, through world coordinates).
 */
import { RadGroundError } from '../errors/radground-error';
import { indexToWorld, worldToIndex } from '../../shared/geometry/grid';
import { forEachComponent } from '../imaging/connected-components';
import { readNiftiVolume } from '../volume-assembly';
import type { Volume } from '../volume-assembly/volume';
import { MAX_DICOM_BYTES, readCheckedFile } from './annotation-files';
import type { ReaderMark } from './reference-lesions';

export interface LungReference {
  right: Uint8Array;
  left: Uint8Array;
}

type Grid = Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>;

function sameGrid(a: Grid, b: Grid): boolean {
  const close = (x: readonly number[], y: readonly number[], tol: number) => x.every((v, i) => Math.abs(v - y[i]!) <= tol);
  return close(a.dims, b.dims, 0) && close(a.spacing, b.spacing, 1e-3) && close(a.origin, b.origin, 1e-2) && close(a.direction, b.direction, 1e-4);
}

/** The mask's integer labels on `target`'s grid (0 outside the mask). */
export function labelsOnGrid(mask: Volume, target: Grid): Uint16Array {
  const [nx, ny, nz] = target.dims;
  const out = new Uint16Array(nx * ny * nz);
  const put = (q: number, v: number) => {
    const r = Math.round(v);
    out[q] = r > 0 && r < 65536 ? r : 0;
  };
  if (sameGrid(mask, target)) {
    for (let q = 0; q < out.length; q++) put(q, mask.scalars[q]!);
    return out;
  }
  const [mx, my, mz] = mask.dims;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const m = worldToIndex(mask, indexToWorld(target, [i, j, k]));
        const [a, b, c] = [Math.round(m[0]), Math.round(m[1]), Math.round(m[2])];
        if (a >= 0 && a < mx && b >= 0 && b < my && c >= 0 && c < mz) put(k * nx * ny + j * nx + i, mask.scalars[c * mx * my + b * mx + a]!);
      }
    }
  }
  return out;
}

async function readMask(path: string): Promise<Volume> {
  const bytes = readCheckedFile(path, MAX_DICOM_BYTES, 'NIfTI mask');
  return readNiftiVolume(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export async function readNiftiLesionMarks(path: string, volume: Volume, label: number): Promise<ReaderMark[]> {
  const labels = labelsOnGrid(await readMask(path), volume);
  const marks: ReaderMark[] = [];
  forEachComponent(labels, volume.dims, 26, [label], (_, voxels) => marks.push({ reader: 'mask', voxels: Int32Array.from(voxels).sort() }));
  return marks;
}

export async function readNiftiLungs(path: string, volume: Volume, labels: { right: number[]; left: number[] }): Promise<LungReference> {
  const grid = labelsOnGrid(await readMask(path), volume);
  const right = new Uint8Array(grid.length);
  const left = new Uint8Array(grid.length);
  const r = new Set(labels.right);
  const l = new Set(labels.left);
  let any = 0;
  for (let q = 0; q < grid.length; q++) {
    const v = grid[q]!;
    if (r.has(v)) right[q] = 1;
    else if (l.has(v)) left[q] = 1;
    else continue;
    any++;
  }
  if (any === 0) throw new RadGroundError('BAD_REQUEST', `NIfTI mask ${path} holds none of the lung labels ${[...labels.right, ...labels.left].join(', ')} on the evaluated volume`);
  return { right, left };
}
