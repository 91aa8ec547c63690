/**
 * Finding candidates on the working grid, inside the lung envelopes:
 *  - 'solid': connected components of the graph's opened solid mask inside the envelope, opened again
 *    (SOLID_OPENING_HALF): masses and large nodules, and the hilar / wall tissue the envelope takes in;
 *  - 'blob': connected components of blobness >= BLOB_SEED_MIN over non-aerated envelope voxels
 *    (small nodules, which the working grid's smoothing leaves below the solid threshold, and
 *    vessel junctions, which the original-grid checks reject).
 * Each carries a seed voxel and a size estimate for the original-grid re-segmentation.
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import { boundingBox, boxDims, growBox } from '../../imaging/bounding-box';
import { boxFilter, label3d } from './mask-ops';
import { BLOB_SCALES_MM } from './model-contract';

export const BLOB_SEED_MIN = 60;
export const MIN_SOLID_VOXELS = 8;
/**
 * Second opening of the solid mask inside the envelope (box, voxels [i, j, k] half-widths: 18 x 18 x
 * 7.5 mm): cuts the necks through which a juxtahilar mass joins hilar vessels; solid structures
 * smaller than that are left to the blob path.
 */
export const SOLID_OPENING_HALF: readonly [number, number, number] = [3, 3, 1];

export interface Candidate {
  source: 'solid' | 'blob';
  /** Working-grid seed voxel (linear index). */
  seed: number;
  /** Working-grid voxels of the candidate (linear indices). */
  voxels: Int32Array;
  /** Estimated radius, mm. */
  radiusMm: number;
  /** Peak blobness over the candidate. */
  blobness: number;
}

export interface CandidateInputs {
  dims: Vec3;
  spacing: Vec3;
  envelope: Uint8Array;
  aerated: Uint8Array;
  solidCore: Uint8Array;
  blobness: Float32Array;
  blobScale: Uint8Array;
}

/** Opening with a box, computed on the bounding box of the mask (grown by the box). */
function boxOpening(mask: Uint8Array, dims: Vec3, half: readonly [number, number, number]): Uint8Array {
  const [nx, ny] = dims;
  const out = new Uint8Array(mask.length);
  const box = boundingBox(mask, dims);
  if (!box) return out;
  const grown = growBox(box, half, dims);
  const { lo } = grown;
  const bd = boxDims(grown);
  const sub = new Uint8Array(bd[0] * bd[1] * bd[2]);
  for (let k = 0; k < bd[2]; k++) {
    for (let j = 0; j < bd[1]; j++) {
      const src = ((k + lo[2]) * ny + j + lo[1]) * nx + lo[0];
      sub.set(mask.subarray(src, src + bd[0]), (k * bd[1] + j) * bd[0]);
    }
  }
  const opened = boxFilter(boxFilter(sub, bd, half, true), bd, half, false);
  for (let k = 0; k < bd[2]; k++) {
    for (let j = 0; j < bd[1]; j++) {
      const dst = ((k + lo[2]) * ny + j + lo[1]) * nx + lo[0];
      out.set(opened.subarray((k * bd[1] + j) * bd[0], (k * bd[1] + j + 1) * bd[0]), dst);
    }
  }
  return out;
}

function collect(labels: Int32Array, count: number): Int32Array[] {
  const sizes = new Int32Array(count + 1);
  for (let p = 0; p < labels.length; p++) if (labels[p]) sizes[labels[p]!]!++;
  const lists = Array.from({ length: count + 1 }, (_, l) => new Int32Array(sizes[l]!));
  const fill = new Int32Array(count + 1);
  for (let p = 0; p < labels.length; p++) {
    const l = labels[p]!;
    if (l) lists[l]![fill[l]!++] = p;
  }
  return lists;
}

export function findCandidates(x: CandidateInputs): Candidate[] {
  const n = x.envelope.length;
  const voxelMm3 = x.spacing[0] * x.spacing[1] * x.spacing[2];
  const out: Candidate[] = [];

  const inEnvelope = new Uint8Array(n);
  for (let p = 0; p < n; p++) inEnvelope[p] = x.envelope[p] && x.solidCore[p] ? 1 : 0;
  const solid = boxOpening(inEnvelope, x.dims, SOLID_OPENING_HALF);
  const cs = label3d(solid, x.dims);
  const solidLists = collect(cs.labels, cs.count);
  for (let l = 1; l <= cs.count; l++) {
    const vox = solidLists[l]!;
    if (vox.length < MIN_SOLID_VOXELS) continue;
    let seed = vox[0]!;
    let peak = 0;
    for (const p of vox) {
      const b = x.blobness[p]!;
      if (b > peak) { peak = b; seed = p; }
    }
    out.push({ source: 'solid', seed, voxels: vox, radiusMm: Math.cbrt((3 * vox.length * voxelMm3) / (4 * Math.PI)), blobness: peak });
  }

  const blob = new Uint8Array(n);
  for (let p = 0; p < n; p++) blob[p] = x.envelope[p] && !x.aerated[p] && x.blobness[p]! >= BLOB_SEED_MIN ? 1 : 0;
  const cb = label3d(blob, x.dims);
  const blobLists = collect(cb.labels, cb.count);
  for (let l = 1; l <= cb.count; l++) {
    const vox = blobLists[l]!; // label3d's labels 1..count each have at least one voxel
    let seed = vox[0]!;
    let peak = 0;
    for (const p of vox) {
      const b = x.blobness[p]!;
      if (b > peak) { peak = b; seed = p; }
    }
    // A sphere of radius r answers most at sigma = r / sqrt(3); a scale index the contract does not
    // know (the graph's output) takes the smallest scale.
    const sigma = BLOB_SCALES_MM[x.blobScale[seed]!] ?? BLOB_SCALES_MM[0];
    out.push({ source: 'blob', seed, voxels: vox, radiusMm: sigma * Math.sqrt(3), blobness: peak });
  }
  return out;
}
