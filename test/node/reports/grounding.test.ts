import { describe, expect, it } from 'vitest';
import type { Region } from '../../../electron/core/regions/region';
import { sentenceChecks } from '../../../electron/core/reports/checks/sentence-checks';
import { buildGroundingContext, groundSentence, type GroundingContext } from '../../../electron/core/reports/grounding/ground-sentence';
import { midlineX } from '../../../electron/core/reports/grounding/region-features';
import type { Check } from '../../../electron/core/reports/schemas';
import { demoFixture } from './support/demo-regions';

const fx = demoFixture();
const F = fx.findings;
const all = buildGroundingContext(fx.all);

function run(text: string, ctx: GroundingContext = all, hasPrior = false) {
  const g = groundSentence(text, ctx);
  const checks = sentenceChecks(g, g.links, { grounding: ctx, hasPrior });
  return { links: g.links.map((l) => l.regionId), scores: g.links, checks, g };
}
const kinds = (checks: Check[]) => checks.map((c) => `${c.severity}:${c.kind}`);

describe('the demo fixture is the planted truth', () => {
  it('has the RLL 8 mm nodule and the LLL 10 mm nodule where the manifest says', () => {
    expect(fx.lesions.find((l) => l.id === 'N3')).toMatchObject({ lobe: 'RLL', side: 'right', zone: 'lower', diameterMm: { current: 8 } });
    expect(F.N3).toMatchObject({ label: 'nodule', laterality: 'right', zone: 'lower', diameterMm: 8 });
    expect(F.N3!.centroid[0]).toBeLessThan(0); // patient's right is -x in LPS
    expect(F.N4).toMatchObject({ laterality: 'left', zone: 'lower', diameterMm: 10 });
  });
});

describe('grounding typed text', () => {
  it('picks the planted right-lower-lobe 8 mm nodule for "8 mm nodule in the right lower lobe"', () => {
    const r = run('8 mm nodule in the right lower lobe');
    expect(r.links).toEqual([F.N3!.id]);
    expect(r.scores[0]!.score).toBeGreaterThan(0.9);
    expect(r.checks).toEqual([]);
  });

  it('finds the same nodule from abbreviations and other word orders', () => {
    for (const t of ['RLL nodule, 8 mm.', 'In the R lower lobe there is an 8 x 6 mm nodule.', 'A 0.8 cm nodule at the right lung base.']) {
      expect(run(t).links, t).toEqual([F.N3!.id]);
    }
  });

  it('with "left" instead of "right" and no left-sided nodule: "no region found on the left" (a warning), never a wrong-side error', () => {
    // The analysis found only the right-sided nodules and the mass (the LLL nodule was missed).
    const ctx = buildGroundingContext(fx.all.filter((r) => r.id !== F.N4!.id));
    const r = run('8 mm nodule in the left lower lobe', ctx);
    expect(r.links).toEqual([]); // never linked across the midline automatically
    expect(kinds(r.checks)).toEqual(['warning:no_region_on_side', 'error:unlinked_finding']);
    expect(r.checks[0]!.regionIds).toEqual([F.N3!.id]);
    expect(r.checks[0]!.message).toMatch(/^No region found on the left; the best fit \(8 mm nodule, right lower zone\) is on the patient's right\.$/);
  });

  it('with "left" instead of "right" when the planted LLL nodule exists: links that one (10 mm is within tolerance of 8 mm)', () => {
    const r = run('8 mm nodule in the left lower lobe');
    expect(r.links).toEqual([F.N4!.id]);
    expect(r.checks).toEqual([]);
  });

  it('a mass named on the wrong side is not linked to the other side nor to a small nodule on the named side: a warning', () => {
    const r = run('A 36 mm mass in the right upper lobe.');
    expect(r.links).toEqual([]);
    expect(kinds(r.checks)).toEqual(['warning:no_region_on_side', 'error:unlinked_finding']);
    expect(r.checks[0]!.regionIds).toEqual([F.M1!.id]);
  });

  it('warns of a probable side slip when only the side keeps the best fit from being linked', () => {
    // No left upper lobe nodule; the right upper lobe one fits everything but the side (the left
    // lower lobe nodule is two zones off).
    const r = run('8 mm nodule in the left upper lobe.');
    expect(r.links).toEqual([]);
    expect(kinds(r.checks)).toEqual(['warning:no_region_on_side', 'error:unlinked_finding']);
    expect(r.checks[0]!.regionIds).toEqual([F.N1!.id]);
  });

  it('a region linked on the other side is the only wrong-side error', () => {
    const g = groundSentence('8 mm nodule in the left lower lobe', all);
    const checks = sentenceChecks(g, [{ regionId: F.N3!.id }], { grounding: all, hasPrior: false });
    expect(kinds(checks)).toEqual(['error:laterality_mismatch']);
  });

  it('"unchanged since the prior": an error with no prior, and with a prior never compared; none when the tracked lesion is stable', () => {
    const text = 'The 8 mm nodule in the right lower lobe is unchanged since the prior.';
    expect(kinds(run(text).checks)).toEqual(['error:change_without_prior']);
    expect(kinds(run(text, all, true).checks)).toEqual(['error:change_without_prior']);
    expect(run(text).links).toEqual([F.N3!.id]);
    const g = groundSentence(text, all);
    const stable = { status: 'stable' as const, currentRegionId: F.N3!.id, priorRegionId: 'p-N3', currentDiameterMm: 8, priorDiameterMm: 7.4, diameterChangePct: 8 };
    expect(sentenceChecks(g, g.links, { grounding: all, hasPrior: true, comparison: { priorDate: '20230315', changes: [stable] } })).toEqual([]);
  });

  it('a stated size off by 2x -> size warning (still linked by side, zone and label)', () => {
    const r = run('16 mm nodule in the right lower lobe');
    expect(r.links).toEqual([F.N3!.id]);
    expect(kinds(r.checks)).toEqual(['warning:size_mismatch']);
    expect(r.checks[0]!.message).toContain('16 mm');
    // half the size: off by 4 mm and 50%
    expect(kinds(run('4 mm nodule in the right lower lobe').checks)).toEqual(['warning:size_mismatch']);
    // within 20% or 3 mm: no warning
    expect(run('10 mm nodule in the right lower lobe').checks).toEqual([]);
  });

  it('"no pleural effusion" -> no link and no error', () => {
    const r = run('No pleural effusion.');
    expect(r.links).toEqual([]);
    expect(r.checks).toEqual([]);
  });

  it('a positive finding with nothing to link -> error', () => {
    const r = run('Small left pleural effusion.');
    expect(r.links).toEqual([]);
    expect(kinds(r.checks)).toEqual(['error:unlinked_finding']);
  });

  it('denying what the analysis found: an error for findings no sentence describes, a warning for those the report describes', () => {
    const r = run('No pulmonary nodules.');
    expect(r.links).toEqual([]);
    expect(kinds(r.checks)).toEqual(['error:denies_finding']);
    expect(r.checks[0]!.regionIds.sort()).toEqual([F.N1!.id, F.N2!.id, F.N3!.id, F.N4!.id].sort());
    expect(kinds(run('The lungs are clear.').checks)).toEqual(['error:denies_finding']);
    // scoped: the right upper lobe has a nodule (N1), the left upper lobe only the mass (not a nodule)
    expect(kinds(run('No nodule in the left upper lobe.').checks)).toEqual([]);
    const findingsOnlyAnatomy = buildGroundingContext(fx.anatomy);
    expect(run('The lungs are clear.', findingsOnlyAnatomy).checks).toEqual([]);
  });

  it('plural statements link every fitting region; lists link item by item', () => {
    expect(run('Nodules in the right lung.').links.sort()).toEqual([F.N1!.id, F.N2!.id, F.N3!.id].sort());
    expect(run('Additional nodules: 6 mm right upper zone, 5 mm right middle zone.').links.sort()).toEqual([F.N1!.id, F.N2!.id].sort());
    expect(run('Additional nodules: 6 mm right upper zone, 5 mm right mid zone.').links.sort()).toEqual([F.N1!.id, F.N2!.id].sort());
    expect(run('Bilateral lower lobe nodules.').links.sort()).toEqual([F.N3!.id, F.N4!.id].sort());
  });

  it('a low-confidence linked region -> info (0.3-0.5) or warning (< 0.3)', () => {
    const lowish: Region = { ...F.N3!, confidence: 0.42 };
    const low: Region = { ...F.N3!, confidence: 0.2 };
    for (const [r, sev] of [[lowish, 'info'], [low, 'warning']] as const) {
      const ctx = buildGroundingContext([...fx.all.filter((x) => x.id !== F.N3!.id), r]);
      expect(kinds(run('8 mm nodule in the right lower lobe', ctx).checks)).toEqual([`${sev}:low_confidence`]);
    }
  });

  it('takes the side from patient coordinates when the region has no laterality', () => {
    const noSide: Region = { ...F.N3!, laterality: null };
    const ctx = buildGroundingContext([...fx.all.filter((x) => x.id !== F.N3!.id && x.id !== F.N4!.id), noSide]);
    expect(run('8 mm nodule in the right lower lobe', ctx).links).toEqual([noSide.id]);
    expect(kinds(run('8 mm nodule in the left lower lobe', ctx).checks)).toContain('warning:no_region_on_side');
    const g = groundSentence('8 mm nodule in the left lower lobe', ctx);
    expect(kinds(sentenceChecks(g, [{ regionId: noSide.id }], { grounding: ctx, hasPrior: false }))).toEqual(['error:laterality_mismatch']);
  });

  it('links anatomy for an anatomy-only statement, nothing for a normal one', () => {
    expect(run('Right upper lung zone scarring.').links.length).toBe(0); // a finding word: needs a finding region
    expect(run('Right upper lung zone.').links).toEqual([fx.anatomy.find((r) => r.label === 'right upper lung zone')!.id]);
    expect(run('The trachea is patent.').links).toEqual([]);
  });
});

describe('the stated side outranks the stated size', () => {
  /** A mass in the right upper zone: the left mass (M1) mirrored across the patient's midline. */
  const rightMass = (diameterMm: number): Region => {
    const m = F.M1!;
    const mid = midlineX(fx.anatomy);
    const flip = (x: number) => 2 * mid - x;
    return {
      ...m,
      id: `right-mass-${diameterMm}`,
      laterality: 'right',
      diameterMm,
      centroid: [flip(m.centroid[0]), m.centroid[1], m.centroid[2]],
      worldBox: { min: [flip(m.worldBox.max[0]), m.worldBox.min[1], m.worldBox.min[2]], max: [flip(m.worldBox.min[0]), m.worldBox.max[1], m.worldBox.max[2]] },
    };
  };

  it('links the mass on the named side, not the same-size mass on the other side; the size is a separate warning', () => {
    const right = rightMass(50);
    const ctx = buildGroundingContext([...fx.anatomy, F.M1!, right]);
    const r = run('A 36 mm mass in the right upper lobe.', ctx);
    expect(r.links).toEqual([right.id]);
    expect(kinds(r.checks)).toEqual(['warning:size_mismatch']);
    expect(r.checks[0]!.message).toMatch(/says 36 mm.*measures 50 mm/);
  });

  it('never calls the side wrong when nothing is linked: the same-size mass on the other side gives a warning only', () => {
    const small = rightMass(10);
    const ctx = buildGroundingContext([...fx.anatomy, F.M1!, small]);
    const r = run('A 36 mm mass in the right upper lobe.', ctx);
    expect(r.links).toEqual([]);
    expect(kinds(r.checks)).toEqual(['warning:no_region_on_side', 'error:unlinked_finding']);
    expect(r.checks.some((c) => c.kind === 'laterality_mismatch')).toBe(false);
    // Linked to the other side (by hand), the side is wrong: that is the error.
    const g = groundSentence('A 36 mm mass in the right upper lobe.', ctx);
    expect(kinds(sentenceChecks(g, [{ regionId: F.M1!.id }], { grounding: ctx, hasPrior: false }))).toEqual(['error:laterality_mismatch']);
  });
});
