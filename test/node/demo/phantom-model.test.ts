/** Ground-truth checks on the phantom model itself (no rendering): lesions, lobes, vessels, determinism. */
import { describe, expect, it } from 'vitest';
import { buildPhantomAnatomy, buildPhantomModel, DEFAULT_SEED, demoExamSpec, FISSURES, LESION_DEFINITIONS } from '../../../electron/core/demo';
import { LOBULE_REACH, placeLesions } from '../../../electron/core/demo/lesions';
import { LungGeometry } from '../../../electron/core/demo/lungs';
import { Rng } from '../../../electron/core/demo/prng';
import { planeSide } from '../../../electron/core/demo/shapes';
import { growVesselTrees, VESSEL_LESION_CLEARANCE_MM } from '../../../electron/core/demo/vessel-tree';
import { pointSegment } from '../../../electron/core/geometry/vec3';
import { isRadGroundError } from '../../../electron/core/errors/radground-error';

const lungs = new LungGeometry();
const anatomy = buildPhantomAnatomy(DEFAULT_SEED);

describe('lung geometry', () => {
  it('has two lungs separated at the midline, apex narrower than the base, right lung larger', () => {
    const area = (side: 'right' | 'left', z: number) => {
      let n = 0;
      for (let y = -120; y <= 120; y += 2) for (let x = -160; x <= 160; x += 2) if (lungs.sdf(side, x, y, z) < 0) n++;
      return n * 4;
    };
    for (const side of ['right', 'left'] as const) {
      const { top, bottom } = lungs.zExtent[side];
      expect(top - bottom).toBeGreaterThan(200);
      expect(area(side, top - 15)).toBeLessThan(area(side, top - 150) / 3);
    }
    // Right lung (patient right = -x in LPS) has only negative x; left only positive.
    for (let z = -100; z <= 130; z += 10)
      for (let y = -100; y <= 100; y += 10) {
        expect(lungs.sdf('right', 2, y, z)).toBeGreaterThan(0);
        expect(lungs.sdf('left', -2, y, z)).toBeGreaterThan(0);
      }
    let right = 0;
    let left = 0;
    for (let z = -120; z <= 140; z += 5) {
      right += area('right', z);
      left += area('left', z);
    }
    expect(right).toBeGreaterThan(left);
  });

  it('assigns lobes by the fissure planes', () => {
    // Upper lobe above/anterior to the oblique fissure, lower lobe below/posterior.
    expect(lungs.lobeAt([-80, 0, 100])).toBe('RUL');
    expect(lungs.lobeAt([-80, -60, -30])).toBe('RML');
    expect(lungs.lobeAt([-80, 60, -60])).toBe('RLL');
    expect(lungs.lobeAt([80, -40, 40])).toBe('LUL');
    expect(lungs.lobeAt([80, 60, -60])).toBe('LLL');
    // The oblique fissures run from posterior-superior to anterior-inferior.
    for (const plane of [FISSURES.rightOblique, FISSURES.leftOblique]) {
      expect(plane.normal[2]).toBeGreaterThan(0);
      expect(plane.normal[1]).toBeLessThan(0);
    }
  });
});

describe('planted lesions', () => {
  const lesions = placeLesions(lungs);

  it('match their definitions: lobe, side, zone, sizes (prior smaller), one mass', () => {
    expect(lesions.map((l) => l.id)).toEqual(LESION_DEFINITIONS.map((d) => d.id));
    const sizes = Object.fromEntries(lesions.map((l) => [l.lobe, l.diameterMm]));
    expect(sizes.RUL).toEqual({ prior: 5, current: 6 });
    expect(sizes.RLL).toEqual({ prior: 7, current: 8 });
    expect(sizes.LLL?.current).toBe(10);
    expect(sizes.RML?.current).toBe(5);
    expect(sizes.LUL?.current).toBeGreaterThanOrEqual(30);
    expect(sizes.LUL?.current).toBeLessThanOrEqual(40);
    expect(sizes.LUL?.prior).toBeLessThanOrEqual(16);
    for (const l of lesions) {
      const def = LESION_DEFINITIONS.find((d) => d.id === l.id)!;
      expect(l.lobe).toBe(def.expectedLobe);
      expect(l.zone).toBe(def.expectedZone);
      expect(l.side).toBe(l.centre[0] < 0 ? 'right' : 'left');
      expect(l.diameterMm.prior).toBeLessThan(l.diameterMm.current);
    }
  });

  it('lie wholly inside their lobe: nodules with a margin in the lung, the mass touching the pleura', () => {
    for (const l of lesions) {
      const r = l.diameterMm.current / 2;
      const reach = l.kind === 'mass' ? r * LOBULE_REACH : r;
      expect(lungs.fissureDistance(l.centre), l.id).toBeGreaterThan(reach + 2);
      const depth = -lungs.sdf(l.side, ...l.centre);
      if (l.kind === 'nodule') expect(depth, l.id).toBeGreaterThan(r + 3);
      else {
        // Touches the pleura: the lung surface lies within the mass's radius of its centre...
        expect(depth, l.id).toBeLessThan(r);
        // ...and the centre is well inside the lung.
        expect(depth, l.id).toBeGreaterThan(r / 2);
      }
      // Every point of the sphere is in the same lobe (sampled surface).
      for (let a = 0; a < 12; a++)
        for (let b = 1; b < 6; b++) {
          const th = (a / 12) * 2 * Math.PI;
          const ph = (b / 6) * Math.PI;
          const p: [number, number, number] = [
            l.centre[0] + reach * Math.sin(ph) * Math.cos(th),
            l.centre[1] + reach * Math.sin(ph) * Math.sin(th),
            l.centre[2] + reach * Math.cos(ph),
          ];
          expect(lungs.lobeAt(p)).toBe(l.lobe);
        }
    }
  });
});

describe('pulmonary vessels', () => {
  it('branch from the hila into both lungs with decreasing calibre', () => {
    const v = anatomy.vessels;
    expect(v.length).toBeGreaterThan(2000);
    for (const side of ['right', 'left'] as const) {
      const s = v.filter((x) => x.side === side);
      expect(s.length).toBeGreaterThan(1000);
      const big = Math.max(...s.map((x) => x.ra));
      expect(big).toBeGreaterThan(3);
      const radii = s.map((x) => x.ra).sort((a, b) => a - b);
      expect(radii[Math.floor(radii.length / 2)]).toBeLessThan(1);
    }
    // Bifurcations exist: some segment ends are the start of two or more segments.
    const starts = new Map<string, number>();
    for (const s of v) {
      const key = s.a.map((c) => c.toFixed(3)).join(',');
      starts.set(key, (starts.get(key) ?? 0) + 1);
    }
    expect([...starts.values()].filter((n) => n >= 2).length).toBeGreaterThan(300);
  });

  it('stay inside their lung (the whole tube) and clear of every lesion', () => {
    for (const s of anatomy.vessels) {
      for (let t = 0; t <= 1; t += 0.25) {
        const p: [number, number, number] = ([0, 1, 2] as const).map((d) => s.a[d] + (s.b[d] - s.a[d]) * t) as [number, number, number];
        const r = s.ra + (s.rb - s.ra) * t;
        expect(lungs.sdf(s.side, ...p) + r).toBeLessThan(0);
      }
      for (const l of anatomy.lesions) {
        const r = Math.max(l.diameterMm.current, l.diameterMm.prior) / 2;
        const reach = l.kind === 'mass' ? r * LOBULE_REACH : r;
        const gap = pointSegment(l.centre, s.a, s.b).distance - Math.max(s.ra, s.rb) - reach;
        expect(gap).toBeGreaterThan(VESSEL_LESION_CLEARANCE_MM - 0.01);
      }
    }
  });

  it('are deterministic for a seed and differ between seeds', () => {
    const obstacles = anatomy.lesions.map((l) => ({ centre: l.centre, radius: 20 }));
    const a = growVesselTrees(lungs, obstacles, new Rng(7, 'vessels'));
    const b = growVesselTrees(lungs, obstacles, new Rng(7, 'vessels'));
    const c = growVesselTrees(lungs, obstacles, new Rng(8, 'vessels'));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('model and exam specs', () => {
  it('draws the lesions at the size of each exam', () => {
    for (const role of ['current', 'prior'] as const) {
      const model = buildPhantomModel(DEFAULT_SEED, role);
      for (const l of model.lesions) {
        const painter = model.painters.find((p) => p.name === `lesion ${l.id}`)!;
        expect(painter.shape.kind).toBe('spheres');
        if (painter.shape.kind === 'spheres') expect(painter.shape.spheres[0]?.radius).toBe(l.diameterMm[role] / 2);
      }
    }
  });

  it('rejects invalid options with BAD_REQUEST', () => {
    for (const bad of [{ seed: -1 }, { seed: 1.5 }, { sliceSpacingMm: 0 }, { sliceSpacingMm: 50 }]) {
      let error: unknown;
      try {
        demoExamSpec('current', bad);
      } catch (e) {
        error = e;
      }
      expect(isRadGroundError(error) && error.code === 'BAD_REQUEST').toBe(true);
    }
  });

  it('gives the exams different grids and poses, same seed same UIDs', () => {
    const c = demoExamSpec('current');
    const p = demoExamSpec('prior');
    expect(c.studyInstanceUid).toBe(demoExamSpec('current').studyInstanceUid);
    expect(c.studyInstanceUid).not.toBe(demoExamSpec('current', { seed: 1 }).studyInstanceUid);
    expect(p.dims[2]).not.toBe(c.dims[2]);
    expect(p.spacing[0]).not.toBe(c.spacing[0]);
    expect(p.pose.rotation).not.toEqual(c.pose.rotation);
    // Spacing option: thinner slices, more of them, same coverage.
    const thin = demoExamSpec('current', { sliceSpacingMm: 1.25 });
    expect(thin.dims[2]).toBeGreaterThan(2 * c.dims[2] - 3);
    expect(thin.seriesInstanceUid).not.toBe(c.seriesInstanceUid);
  });

  it('puts the fissure planes through the lungs', () => {
    expect(planeSide(FISSURES.rightHorizontal, [-80, 0, 50])).toBeGreaterThan(0);
    expect(planeSide(FISSURES.rightHorizontal, [-80, 0, -50])).toBeLessThan(0);
  });
});
