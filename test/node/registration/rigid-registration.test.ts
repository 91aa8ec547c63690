/**
 * Rigid registration on real CTs (../shared/data) with known transforms: copies of a series made
 * as a prior would be (translated origin with a new frame of reference, or pixels resampled under a
 * rotation), registered back; the recovered transform must send the prior's lesion centre to the
 * current one within 2 mm (issue 10: translations up to +-40 mm, rotations up to +-5 degrees).
 */
import { describe, expect, it } from 'vitest';
import { readLidcXml } from '../../../electron/core/evaluation/lidc-xml';
import { distance, type Vec3 } from '../../../electron/core/geometry';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { registerRigid } from '../../../electron/core/registration/register-rigid';
import { registerInWorker } from '../../../electron/core/registration/register-in-worker';
import { applyTransform, invertTransform, rotationAngleDeg, translationTransform, type RigidTransform } from '../../../electron/core/registration/rigid-transform';
import type { Volume } from '../../../electron/core/volume-assembly/volume';
import { a0001Annotations, loadDicomSeries } from '../analysis/support/chest-ct';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { knownTransform, resampledCopy, translatedCopy } from './support/rigid-copies';

const run = requireSharedData();
const loaded = new Map<string, Promise<Volume>>();
function loadSeries(series: string): Promise<Volume> {
  if (!loaded.has(series)) loaded.set(series, loadDicomSeries(series));
  return loaded.get(series)!;
}
const NEW_FRAME = '1.2.826.0.1.3680043.10.1234.99';

/** Centre of the A0001 tumour: middle of its annotated boxes, mean annotated slice. */
function a0001Lesion(v: Volume): Vec3 {
  const boxes = a0001Annotations(v);
  const mid = boxes[boxes.length >> 1]!.box;
  return indexToWorld(v, [(mid[0] + mid[2]) / 2, (mid[1] + mid[3]) / 2, boxes.reduce((s, b) => s + b.k, 0) / boxes.length]);
}

/** Centre of the LIDC-IDRI-0001 nodule: centroid of the readers' outlines of it (the large marks). */
function lidcLesion(v: Volume): Vec3 {
  const marks = readLidcXml(sharedData('annotations', 'lidc_idri_0001', '069.xml'), v).marks.filter((m) => m.voxels.length > 200);
  const [nx, ny] = v.dims;
  let si = 0, sj = 0, sk = 0, n = 0;
  for (const m of marks) {
    for (const p of m.voxels) {
      si += p % nx;
      sj += Math.floor(p / nx) % ny;
      sk += Math.floor(p / (nx * ny));
      n++;
    }
  }
  return indexToWorld(v, [si / n, sj / n, sk / n]);
}

interface Case {
  name: string;
  /** PRIOR -> CURRENT, the truth. */
  truth: (v: Volume) => RigidTransform;
  rotate: boolean;
}

const CASES: Record<string, Case[]> = {
  'ct/chest_lung_pet_ct_dx_A0001': [
    { name: 'translation (+40, -30, +25) mm', truth: () => translationTransform([40, -30, 25]), rotate: false },
    { name: 'translation (-35, +20, -40) mm', truth: () => translationTransform([-35, 20, -40]), rotate: false },
    { name: '+5 deg about z (axial plane) and (+10, -10, +15) mm', truth: (v) => knownTransform(v, 2, 5, [10, -10, 15]), rotate: true },
    { name: '-5 deg about x (tilt) and (-15, +20, -10) mm', truth: (v) => knownTransform(v, 0, -5, [-15, 20, -10]), rotate: true },
  ],
  'ct/chest_lidc_idri_0001': [
    { name: '-5 deg about y and (+20, +15, -30) mm', truth: (v) => knownTransform(v, 1, -5, [20, 15, -30]), rotate: true },
    { name: '+5 deg about x and (0, -40, +10) mm', truth: (v) => knownTransform(v, 0, 5, [0, -40, 10]), rotate: true },
  ],
};

describe.skipIf(!run)(`rigid registration of real CTs with known transforms${run ? '' : ` (skipped: ${NO_SHARED_DATA_REASON})`}`, () => {
  for (const [series, cases] of Object.entries(CASES)) {
    describe(series, () => {
      let lesion: Vec3;
      const load = async () => {
        const volume = await loadSeries(series);
        lesion = series.includes('A0001') ? a0001Lesion(volume) : lidcLesion(volume);
        return volume;
      };

      it.each(cases)('recovers $name within 2 mm at the lesion centre', async ({ truth, rotate }) => {
        const current = await load();
        const t = truth(current);
        const prior = rotate ? resampledCopy(current, t, NEW_FRAME) : translatedCopy(current, t.translation, NEW_FRAME);
        const started = performance.now();
        const result = registerRigid(current, prior);
        const ms = performance.now() - started;
        const lesionInPrior = applyTransform(invertTransform(t), lesion);
        const error = distance(applyTransform(result.transform, lesionInPrior), lesion);
        console.info(
          `${series} ${current.dims.join('x')}: error ${error.toFixed(2)} mm at the lesion, rotation ${rotationAngleDeg(result.transform).toFixed(2)} deg ` +
            `(truth ${rotationAngleDeg(t).toFixed(2)}), NCC ${result.quality.toFixed(3)}, ${ms.toFixed(0)} ms`,
        );
        expect(error).toBeLessThanOrEqual(2);
        expect(Math.abs(rotationAngleDeg(result.transform) - rotationAngleDeg(t))).toBeLessThan(0.5);
        expect(result.quality).toBeGreaterThan(0.9);
      });
    });
  }

  it('runs in a worker thread with the same result', async () => {
    const current = await loadSeries('ct/chest_lung_pet_ct_dx_A0001');
    const truth = translationTransform([-25, 30, 35]);
    const prior = translatedCopy(current, truth.translation, NEW_FRAME);
    const result = await registerInWorker('register', current, prior);
    const probe = a0001Lesion(current);
    expect(distance(applyTransform(result.transform, applyTransform(invertTransform(truth), probe)), probe)).toBeLessThanOrEqual(2);
    // The volume given to the worker was copied, not detached.
    expect(current.scalars.length).toBe(current.dims[0] * current.dims[1] * current.dims[2]);
  });
});
