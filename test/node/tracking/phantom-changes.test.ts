/**
 * Lesion tracking on the demo phantom (electron/core/demo): its current and prior exams (different
 * frames of reference, patient rotated and shifted between them) with the phantom's planted lesions
 * (N1-N4 grow by 1 mm: stable under the 1.5 mm rule; the mass M1 grows from 15 to 36 mm) plus
 * three lesions painted here in the body frame, so that every change is planted: one shrinks
 * (10 -> 6 mm), one is new (8 mm, current only), one resolved (7 mm, prior only). Both exams are
 * analyzed by chest-ct, registered, and tracked: each lesion must come out with its status, and
 * the sizes within 1 mm of the planted diameters (the lobulated mass: of its lobules' reach).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyToWorld } from '../../../electron/core/demo/exam-spec';
import { LOBULE_REACH, type ExamRole } from '../../../electron/core/demo/lesions';
import { paint } from '../../../electron/core/demo/rasterize';
import { renderPhantom, type PhantomRender } from '../../../electron/core/demo/render';
import type { Painter } from '../../../electron/core/demo/shapes';
import { distance, type Vec3 } from '../../../electron/core/geometry';
import { registerRigid } from '../../../electron/core/registration/register-rigid';
import { applyTransform } from '../../../electron/core/registration/rigid-transform';
import type { ChangeStatus } from '../../../electron/core/tracking/change-status';
import { trackLesions, type LesionPair } from '../../../electron/core/tracking/track-lesions';
import { runChestCt } from '../analysis/support/chest-ct';

interface Planted {
  id: string;
  centre: Vec3;
  diameterMm: Record<ExamRole, number | null>;
  kind: 'nodule' | 'mass';
  expected: ChangeStatus;
}

/**
 * Painted here, body frame: inside the lung, clear of fissures and of the phantom's lesions, and
 * where the phantom's vessel trees leave room (>= 8.9 mm from any vessel wall).
 */
const EXTRA: Planted[] = [
  { id: 'S1', centre: [-90, 15, 50], diameterMm: { prior: 10, current: 6 }, kind: 'nodule', expected: 'decreased' },
  { id: 'NEW', centre: [110, 25, 35], diameterMm: { prior: null, current: 8 }, kind: 'nodule', expected: 'new' },
  { id: 'RES', centre: [85, -50, 45], diameterMm: { prior: 7, current: null }, kind: 'nodule', expected: 'resolved' },
];
/** The phantom's own lesions, by the Lung-RADS rule on their planted diameters (written out, not computed). */
const PHANTOM_EXPECTED: Record<string, ChangeStatus> = { N1: 'stable', N2: 'stable', N3: 'stable', N4: 'stable', M1: 'increased' };

function withExtraLesions(role: ExamRole): PhantomRender {
  const phantom = renderPhantom(role);
  const painters: Painter[] = EXTRA.filter((l) => l.diameterMm[role] !== null).map((l) => ({
    name: `test lesion ${l.id}`,
    shape: { kind: 'spheres', spheres: [{ centre: l.centre, radius: l.diameterMm[role]! / 2 }] },
    hu: 40,
    edgeMm: 1.2,
    label: null,
    sliceProfile: true,
  }));
  paint({ hu: phantom.volume.scalars, labels: phantom.labels }, phantom.exam, painters, phantom.model.lungs);
  return phantom;
}

describe('tracking the planted changes of the demo phantom', () => {
  let current: PhantomRender;
  let prior: PhantomRender;
  let pairs: LesionPair[];
  let planted: Planted[];
  let registrationError = 0;

  beforeAll(async () => {
    current = withExtraLesions('current');
    prior = withExtraLesions('prior');
    planted = [
      ...current.model.lesions.map((l): Planted => ({ id: l.id, centre: l.centre, diameterMm: { ...l.diameterMm }, kind: l.kind, expected: PHANTOM_EXPECTED[l.id]! })),
      ...EXTRA,
    ];
    const [a, b] = [await runChestCt(current.volume), await runChestCt(prior.volume)];
    const registration = registerRigid(current.volume, prior.volume);
    for (const l of planted) {
      const err = distance(applyTransform(registration.transform, bodyToWorld(prior.exam, l.centre)), bodyToWorld(current.exam, l.centre));
      registrationError = Math.max(registrationError, err);
    }
    pairs = trackLesions({
      current: a.regions,
      prior: b.regions,
      priorToCurrent: registration.transform,
      currentDate: current.exam.studyDate,
      priorDate: prior.exam.studyDate,
    });
    console.info(`phantom registration: worst error ${registrationError.toFixed(2)} mm at the lesion centres; NCC ${registration.quality.toFixed(3)}`);
    for (const p of pairs) {
      console.info(`  ${p.status}: ${p.prior?.diameterMm ?? '-'} -> ${p.current?.diameterMm ?? '-'} mm, VDT ${p.doublingTimeDays ?? '-'} d, distance ${p.distanceMm ?? '-'} mm`);
    }
  });

  it('registers the prior to the current within 2 mm at every lesion centre', () => {
    expect(registrationError).toBeLessThanOrEqual(2);
  });

  it('gives every planted lesion its status, and nothing else is tracked', () => {
    for (const l of planted) {
      const near = (lesion: LesionPair['current'], role: ExamRole) =>
        lesion !== null && distance(lesion.centroid, bodyToWorld(role === 'current' ? current.exam : prior.exam, l.centre)) < 5;
      const pair = pairs.find((p) => near(p.current, 'current') || near(p.prior, 'prior'));
      expect(pair, `lesion ${l.id}`).toBeDefined();
      expect(pair!.status, `lesion ${l.id}`).toBe(l.expected);
      if (l.diameterMm.current !== null) expect(near(pair!.current, 'current'), `${l.id} current`).toBe(true);
      if (l.diameterMm.prior !== null) expect(near(pair!.prior, 'prior'), `${l.id} prior`).toBe(true);
    }
    expect(pairs).toHaveLength(planted.length);
  });

  it('measures each lesion within 1 mm of its planted diameter in both exams', () => {
    for (const l of planted) {
      const pair = pairs.find((p) => (p.current && distance(p.current.centroid, bodyToWorld(current.exam, l.centre)) < 5) || (p.prior && distance(p.prior.centroid, bodyToWorld(prior.exam, l.centre)) < 5))!;
      for (const role of ['current', 'prior'] as const) {
        const plantedMm = l.diameterMm[role];
        if (plantedMm === null) continue;
        // A mass's lobules reach LOBULE_REACH times its main radius: its long axis is that reach.
        const truth = l.kind === 'mass' ? plantedMm * LOBULE_REACH : plantedMm;
        expect(Math.abs(pair[role]!.diameterMm! - truth), `${l.id} ${role}: ${pair[role]!.diameterMm} mm vs ${truth} mm`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives the growing lesions a doubling time from the study dates, and none to the others', () => {
    const grown = pairs.find((p) => p.status === 'increased')!;
    expect(grown.doublingTimeDays).not.toBeNull();
    // 15 -> 36 mm (volume x ~13.8) in 366 days: about 97 days.
    expect(grown.doublingTimeDays!).toBeGreaterThan(60);
    expect(grown.doublingTimeDays!).toBeLessThan(140);
    for (const p of pairs.filter((x) => x.status === 'new' || x.status === 'resolved' || x.status === 'decreased')) expect(p.doublingTimeDays).toBeNull();
  });
});
