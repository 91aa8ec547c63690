/**
 * The volume a reader starts on among a study's volumes: a CT first, then the one with the most
 * slices (the thin stack). The core drafts, compares and exports on it, and the viewer opens it, so
 * a report is always written on the volume on screen. Ties keep the first in the given order.
 */
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
