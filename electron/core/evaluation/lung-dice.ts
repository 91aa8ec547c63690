/**
 * Lung Dice: the analysis's 'right lung' and 'left lung' anatomy regions (masks on the volume grid)
 * against the reference lung masks, per side and for both lungs together. A side the analysis did
 * not segment scores 0 there (when the reference has it).
 */
import type { Region } from '../regions/region';
import { paintMask } from '../regions/region-mask';
import type { Vec3 } from '../geometry/vec3';
import type { LungReference } from './nifti-mask';

export interface LungDice {
  right: number;
  left: number;
  both: number;
}

export function dice(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let na = 0;
  let nb = 0;
  for (let p = 0; p < a.length; p++) {
    if (a[p]) na++;
    if (b[p]) nb++;
    if (a[p] && b[p]) both++;
  }
  return na + nb === 0 ? 1 : (2 * both) / (na + nb);
}

function predicted(regions: readonly Region[], label: string, dims: Vec3): Uint8Array {
  const out = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (const r of regions) {
    if (r.kind !== 'anatomy' || r.label !== label || !r.mask) continue;
    if (r.mask.dims.some((d, a) => d !== dims[a])) continue;
    paintMask(r.mask, out, 1);
  }
  return out;
}

export function lungDice(regions: readonly Region[], reference: LungReference, dims: Vec3): LungDice {
  const right = predicted(regions, 'right lung', dims);
  const left = predicted(regions, 'left lung', dims);
  const union = (a: Uint8Array, b: Uint8Array) => a.map((x, p) => x | b[p]!);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return { right: r3(dice(right, reference.right)), left: r3(dice(left, reference.left)), both: r3(dice(union(right, left), union(reference.right, reference.left))) };
}
