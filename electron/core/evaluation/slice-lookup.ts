/**
 * Which slice k of a volume an annotation means: by SOPInstanceUID (the volume keeps the source
 * slice's UID at each k), else by the slice's z position (LPS mm), within half a slice step.
 */
import { indexToWorld } from '../../shared/geometry/grid';
import type { Volume } from '../volume-assembly/volume';

export type SliceLookup = (sopInstanceUid: string | null, z: number | null) => number | null;

export function sliceLookup(volume: Volume): SliceLookup {
  const byUid = new Map<string, number>();
  volume.sopInstanceUids.forEach((uid, k) => {
    if (uid) byUid.set(uid, k);
  });
  const zs = Array.from({ length: volume.dims[2] }, (_, k) => indexToWorld(volume, [0, 0, k])[2]);
  const step = zs.length > 1 ? Math.abs(zs[1]! - zs[0]!) : volume.spacing[2];
  return (uid, z) => {
    if (uid) {
      const k = byUid.get(uid.trim());
      if (k !== undefined) return k;
    }
    if (z === null || !Number.isFinite(z)) return null;
    let best = -1;
    let bestD = Infinity;
    zs.forEach((zk, k) => {
      const d = Math.abs(zk - z);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    });
    return best >= 0 && bestD <= step / 2 + 1e-3 ? best : null;
  };
}
