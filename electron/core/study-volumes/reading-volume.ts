/** The volume a reader starts on among several: CT first, then the one with the most slices. */
export function pickReadingVolume<V extends { modality: string | null; dims: readonly number[] }>(volumes: readonly V[]): V | null {
  let best: V | null = null;
  for (const v of volumes) {
    if (!best) best = v;
    else {
      const ct = Number(v.modality === 'CT') - Number(best.modality === 'CT');
      if (ct > 0 || (ct === 0 && v.dims[2]! > best.dims[2]!)) best = v;
    }
  }
  return best;
}
