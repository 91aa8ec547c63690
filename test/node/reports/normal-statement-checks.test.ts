import { afterEach, describe, expect, it } from 'vitest';
import type { LungAssessment } from '../../../electron/core/analysis/lung-assessment';
import type { Region } from '../../../electron/core/regions/region';
import { sentenceChecks, type CheckContext } from '../../../electron/core/reports/checks/sentence-checks';
import { buildGroundingContext, groundSentence } from '../../../electron/core/reports/grounding/ground-sentence';
import type { Check, ReportView } from '../../../electron/core/reports/schemas';
import { asymmetricAssessment, failedAssessment, verifiedAssessment } from './support/assessments';
import { demoFixture } from './support/demo-regions';
import { draftDemo, openReportDb, type ReportDb } from './support/report-db';

const fx = demoFixture();
const F = fx.findings;
const kinds = (checks: Check[]) => checks.map((c) => `${c.severity}:${c.kind}`);

function check(text: string, over: { regions?: readonly Region[]; assessment?: LungAssessment | null; linked?: string[] } = {}): Check[] {
  const grounding = buildGroundingContext(over.regions ?? fx.all);
  const ctx: CheckContext = { grounding, hasPrior: false, assessment: over.assessment ?? null, linkedRegionIds: new Set(over.linked ?? []) };
  const g = groundSentence(text, grounding);
  return sentenceChecks(g, g.links, ctx);
}

const leftLower = fx.anatomy.find((r) => r.label === 'left lower lung zone')!;
const leftConsolidation: Region = { ...leftLower, id: 'consolidation-lll', label: 'consolidation', kind: 'finding', diameterMm: 40, meanHu: 20, confidence: 0.8 };

describe('a typed normal or negative statement against the findings', () => {
  it('is an error naming the finding when no sentence describes it', () => {
    const c = check('The lungs are clear.');
    expect(kinds(c)).toEqual(['error:denies_finding']);
    expect(c[0]!.regionIds.sort()).toEqual(Object.values(F).map((r) => r.id).sort());
    expect(c[0]!.message).toMatch(/^The text says the lungs are normal or clear, but the analysis found .*36 mm mass, left upper zone.*which no sentence of the report describes\.$/);
    expect(kinds(check('Normal lungs.'))).toEqual(['error:denies_finding']);
    expect(kinds(check('No nodule or mass.'))).toEqual(['error:denies_finding']);
  });

  it('follows the statement\'s side and zone', () => {
    const one = check('No nodule in the right upper zone.');
    expect(one[0]!.regionIds).toEqual([F.N1!.id]);
    expect(one[0]!.message).toContain('6 mm nodule, right upper zone');
    expect(check('No pleural effusion.')).toEqual([]);
    const regions = [...fx.anatomy, leftConsolidation];
    expect(check('No consolidation on the right.', { regions })).toEqual([]);
    const left = check('No consolidation on the left.', { regions });
    expect(kinds(left)).toEqual(['error:denies_finding']);
    expect(left[0]!.regionIds).toEqual([leftConsolidation.id]);
    expect(kinds(check('No atelectasis in the left lung.', { regions }))).toEqual(['error:denies_finding']);
  });

  it('is a warning when the report describes the finding elsewhere; "otherwise" / "other" exclude those', () => {
    const linked = Object.values(F).map((r) => r.id);
    expect(kinds(check('The lungs are clear.', { linked }))).toEqual(['warning:contradicts_analysis']);
    expect(check('The lungs are otherwise clear.', { linked })).toEqual([]);
    expect(check('No other pulmonary nodule.', { linked })).toEqual([]);
    // Only what the report leaves out stays an error.
    const c = check('No other pulmonary nodule.', { linked: linked.filter((id) => id !== F.N4!.id) });
    expect(kinds(c)).toEqual(['error:denies_finding']);
    expect(c[0]!.regionIds).toEqual([F.N4!.id]);
  });

  it('is a warning, naming the confidence, for a finding below the confidence threshold', () => {
    const unsure: Region = { ...F.N3!, confidence: 0.42 };
    const c = check('No nodule in the right lower lobe.', { regions: [...fx.anatomy, unsure] });
    expect(kinds(c)).toEqual(['warning:contradicts_analysis']);
    expect(c[0]!.message).toContain('possible 8 mm nodule, right lower zone (confidence 0.42)');
    // The threshold is the assessment's.
    expect(kinds(check('No nodule in the right lower lobe.', { regions: [...fx.anatomy, unsure], assessment: verifiedAssessment({ confidenceThreshold: 0.4 }) }))).toEqual([
      'error:denies_finding',
    ]);
  });
});

describe('a typed normal statement against the lung assessment', () => {
  const regions = fx.anatomy;

  it('is a warning quoting the failed checks on the sides it covers', () => {
    const c = check('The lungs are clear.', { regions, assessment: asymmetricAssessment() });
    expect(kinds(c)).toEqual(['warning:unverified_normal']);
    expect(c[0]!.message).toBe(
      'The text says the lungs are normal or clear, but the automated analysis could not verify it: right lung aerated volume 28% below the left; 85 mL of airless tissue in the right lung not explained by a finding (40 mL in the left).',
    );
    expect(kinds(check('No consolidation in the right lung.', { regions, assessment: asymmetricAssessment() }))).toEqual(['warning:unverified_normal']);
    // The smaller, airless lung is the right: a statement about the left is not contradicted.
    expect(check('No consolidation on the left.', { regions, assessment: asymmetricAssessment() })).toEqual([]);
    expect(check('No pleural effusion.', { regions, assessment: asymmetricAssessment() })).toEqual([]);
  });

  it('names unresolved candidates, unsegmented or cut lungs; nothing when verified or when no assessment exists', () => {
    const unresolved = failedAssessment({ 'no-unresolved-candidate': { detail: 'a 14 mm opacity in the left upper lung zone not classified (touches the mediastinum)', sides: ['left'] } });
    expect(check('No nodule in the left lung.', { regions, assessment: unresolved })[0]!.message).toContain('a 14 mm opacity in the left upper lung zone not classified');
    expect(check('No nodule in the right lung.', { regions, assessment: unresolved })).toEqual([]);
    const noLeft = failedAssessment({ 'lungs-segmented': { detail: 'left lung not segmented', sides: ['left'] } }, { lungs: { right: verifiedAssessment().lungs.right, left: null } });
    expect(kinds(check('The left lung is clear.', { regions, assessment: noLeft }))).toEqual(['warning:unverified_normal']);
    expect(check('The lungs are clear.', { regions, assessment: verifiedAssessment() })).toEqual([]);
    expect(check('The lungs are clear.', { regions, assessment: null })).toEqual([]);
  });
});

describe('in a stored report: the assessment of the regions\' run, and what the report links', () => {
  let r: ReportDb | undefined;
  afterEach(() => r?.close());
  const findingSentences = (v: ReportView) => v.sections.find((s) => s.name === 'findings')!.sentences;

  it('reads the assessment stored with the regions\' model run', () => {
    r = openReportDb(':memory:', (f) => f.anatomy, asymmetricAssessment());
    const v = draftDemo(r, { regions: r.fx.anatomy });
    expect(findingSentences(v).map((s) => s.text)).toEqual([
      'Lungs: not verified by the automated analysis — right lung aerated volume 28% below the left; 85 mL of airless tissue in the right lung not explained by a finding (40 mL in the left).',
    ]);
    expect(findingSentences(v)[0]!.checks.map((c) => c.kind)).toEqual(['review_prompt']);
    const typed = r.svc.addSentence(v.id, 'findings', 'The lungs are clear.');
    expect(kinds(typed.checks)).toEqual(['warning:unverified_normal']);
  });

  it('a negative statement over a finding the report describes is a warning; once its sentences are gone, an error', () => {
    r = openReportDb();
    const v = draftDemo(r);
    const typed = r.svc.addSentence(v.id, 'findings', 'No pulmonary nodule in the right lower lobe.');
    expect(kinds(typed.checks)).toEqual(['warning:contradicts_analysis']);
    for (const s of r.svc.getReport(v.id).sections.flatMap((sec) => sec.sentences)) {
      if (s.regionIds.includes(r.fx.findings.N3!.id)) r.svc.deleteSentence(s.id);
    }
    const after = r.svc.getReport(v.id).sections.flatMap((sec) => sec.sentences).find((s) => s.id === typed.sentence.id)!;
    expect(kinds(after.checks)).toEqual(['error:denies_finding']);
    expect(r.svc.getReport(v.id).checkSummary.error).toBe(1);
  });
});
