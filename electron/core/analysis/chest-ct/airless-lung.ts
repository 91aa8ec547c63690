/**
 * Airless lung: consolidation or atelectasis (on density alone they cannot be told apart), on the
 * working grid.
 *
 * Lung that has lost its air is not in the aerated lung, and so not in the envelope built from it
 * (envelope.ts): a collapsed upper lobe or a consolidated basal segment leaves no air to build an
 * envelope from. The expected lung of a side is therefore its envelope together with the other
 * lung's envelope mirrored about the body midline at the same slice (the other lung is the
 * template). Airless voxels: soft tissue (MIN_HU..MAX_HU) of the expected lung in the graph's solid
 * core (thick tissue: not vessels or fissures), not aerated, not in the other envelope, not airways,
 * not already a nodule or mass finding.
 *
 * Normal asymmetry puts anatomy into the mirrored template: the heart under the mirrored right lung,
 * the liver or spleen dome under the other side's lower base, the hila and mediastinum under the
 * mirrored medial borders, the other apex where it is the higher one. So:
 *  - the template is the mirrored lung the other side has at every slice within
 *    HEIGHT_TOLERANCE_MM (an erosion along the slices): the last centimetre of the other apex and
 *    base, where healthy sides differ most, is never compared;
 *  - a slice is compared only where the side's aerated cross-section is below MAX_AREA_RATIO of the
 *    template's (healthy lungs differ by far less than half, also beside the heart) and the template
 *    is well developed there: at least MIN_TEMPLATE_FRACTION of its largest cross-section (the
 *    apices and domes, whose heights differ, are compared nowhere);
 *  - airless tissue must fill at least MIN_FILL of the template not taken by aerated lung (volume
 *    loss with the mediastinum shifted, or a scan cut by the field of view, leaves fat and air there).
 * Components (6-connected) of the airless voxels on such slices, at least MIN_VOLUME_ML, are
 * reported. Confidence grows with how much of the lung is missing and how fully the space is airless.
 *
 * Limits: bilateral airless lung has no template; airless lung within about 1 cm of the other
 * side's base or apex, and small (segmental) consolidation that leaves most of the slice aerated,
 * are not found here (the airless-tissue check of the assessment still counts what lies inside the
 * envelope). Basal collapse shares its slices with the dome beneath it: the region also takes the
 * airless tissue under the mirrored base in those slices. */
import type { Vec3 } from '../../dicom/dicom-instance';
import { boxFilter, label3d } from './mask-ops';
import { LEFT, RIGHT } from './lungs';
import { evalLinear, voxelVolumeMl, worldAxis, type GridGeometry } from './orientation';

/** The finding's label: a radiologist cannot tell consolidation from atelectasis on density alone. */
export const AIRLESS_LABEL = 'consolidation or atelectasis';
export const MIN_HU = -100;
export const MAX_HU = 100;
export const MAX_AREA_RATIO = 0.5;
export const MIN_TEMPLATE_FRACTION = 0.15;
export const MIN_FILL = 0.4;
export const MIN_VOLUME_ML = 25;
/** The template keeps only lung the other side has over +-this much height (see the header). */
export const HEIGHT_TOLERANCE_MM = 10;

export interface AirlessInputs {
  hu: Float32Array;
  /** Aerated lung labels (RIGHT / LEFT). */
  lungSide: Uint8Array;
  envelope: Uint8Array;
  body: Uint8Array;
  airways: Uint8Array;
  solidCore: Uint8Array;
  /** Working-grid voxels of nodule / mass findings (non-zero). */
  inFinding: Uint8Array;
  grid: GridGeometry;
  midX: Float64Array;
}

export interface AirlessRegion {
  side: 'right' | 'left';
  /** Working-grid voxel indices. */
  voxels: Int32Array;
  volumeMl: number;
  /** Over the region's slices: the side's aerated area over the template's. */
  areaRatio: number;
  /** Region voxels over the template voxels not taken by aerated lung, over its slices. */
  fill: number;
  confidence: number;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** The `other` side's envelope mirrored about each slice's midline: 1 where it lies. */
function mirroredTemplate(envelope: Uint8Array, other: number, g: GridGeometry, midX: Float64Array): Uint8Array {
  const [nx, ny, nz] = g.dims;
  const plane = nx * ny;
  const wx = worldAxis(g, 0);
  const s = wx[1];
  const out = new Uint8Array(envelope.length);
  if (Math.abs(s) < 1e-6) return out;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = k * plane + j * nx;
      // x(i) = base + s i; the mirror of x about midX[k] is at 2 midX[k] - x.
      const base = evalLinear(wx, 0, j, k);
      for (let i = 0; i < nx; i++) {
        if (envelope[row + i] !== other) continue;
        const im = Math.round((2 * midX[k]! - 2 * base) / s - i);
        if (im >= 0 && im < nx) out[row + im] = 1;
      }
    }
  }
  return out;
}

export function findAirlessLung(x: AirlessInputs): AirlessRegion[] {
  const g = x.grid;
  const dims: Vec3 = g.dims;
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const n = plane * nz;
  const wx = worldAxis(g, 0);
  const ml = voxelVolumeMl(g.spacing);
  const out: AirlessRegion[] = [];
  // Aerated area per slice and side.
  const area = { [RIGHT]: new Float64Array(nz), [LEFT]: new Float64Array(nz) } as Record<number, Float64Array>;
  for (let p = 0; p < n; p++) {
    const s = x.lungSide[p];
    if (s) area[s]![(p / plane) | 0]!++;
  }
  const reach = Math.round(HEIGHT_TOLERANCE_MM / g.spacing[2]);
  for (const side of [RIGHT, LEFT]) {
    const other = side === RIGHT ? LEFT : RIGHT;
    const own = area[side]!;
    // Lung the other side has at every slice within the tolerance: the apices and domes, whose
    // heights differ between healthy sides, are left out of the template.
    const mirror = boxFilter(mirroredTemplate(x.envelope, other, g, x.midX), dims, [0, 0, reach], true);
    const tmplArea = new Float64Array(nz);
    for (let p = 0; p < n; p++) if (mirror[p]) tmplArea[(p / plane) | 0]!++;
    const maxOther = Math.max(0, ...tmplArea);
    const cand = new Uint8Array(n);
    const template = new Float64Array(nz);
    const airless = new Float64Array(nz);
    for (let k = 0; k < nz; k++) {
      if (maxOther === 0 || tmplArea[k]! < MIN_TEMPLATE_FRACTION * maxOther || own[k]! >= MAX_AREA_RATIO * tmplArea[k]!) continue;
      for (let j = 0; j < ny; j++) {
        const row = (k * ny + j) * nx;
        const base = evalLinear(wx, 0, j, k);
        for (let i = 0; i < nx; i++) {
          const p = row + i;
          if (x.envelope[p] !== side && !mirror[p]) continue;
          if ((base + wx[1] * i > x.midX[k]!) !== (side === LEFT)) continue;
          if (!x.body[p] || x.envelope[p] === other || x.airways[p] || x.lungSide[p]) continue;
          template[k]!++;
          if (x.inFinding[p] || !x.solidCore[p] || x.hu[p]! < MIN_HU || x.hu[p]! > MAX_HU) continue;
          cand[p] = 1;
          airless[k]!++;
        }
      }
      if (airless[k]! < MIN_FILL * template[k]!) {
        for (let q = k * plane; q < (k + 1) * plane; q++) cand[q] = 0;
        airless[k] = 0;
      }
    }
    let anyAirless = false;
    for (let k = 0; k < nz && !anyAirless; k++) anyAirless = airless[k]! > 0;
    if (!anyAirless) continue;
    const cc = label3d(cand, dims);
    const minVoxels = MIN_VOLUME_ML / ml;
    const groups = new Map<number, number[]>();
    for (let p = 0; p < n; p++) {
      const l = cc.labels[p];
      if (!l || cc.sizes[l]! < minVoxels) continue;
      let list = groups.get(l);
      if (!list) groups.set(l, (list = []));
      list.push(p);
    }
    for (const vox of groups.values()) {
      const slices = new Set<number>();
      for (const p of vox) slices.add((p / plane) | 0);
      let ownSum = 0, otherSum = 0, tmplSum = 0;
      for (const k of slices) {
        ownSum += own[k]!;
        otherSum += tmplArea[k]!;
        tmplSum += template[k]!;
      }
      const areaRatio = otherSum > 0 ? ownSum / otherSum : 1;
      const fill = tmplSum > 0 ? Math.min(1, vox.length / tmplSum) : 0;
      const missing = clamp01(1 - areaRatio / MAX_AREA_RATIO);
      const filled = clamp01((fill - MIN_FILL) / (1 - MIN_FILL));
      const confidence = Math.round(Math.min(0.95, Math.max(0.05, 0.35 + 0.35 * missing + 0.3 * filled)) * 1000) / 1000;
      out.push({ side: side === RIGHT ? 'right' : 'left', voxels: Int32Array.from(vox), volumeMl: vox.length * ml, areaRatio, fill, confidence });
    }
  }
  return out.sort((a, b) => b.volumeMl - a.volumeMl);
}
