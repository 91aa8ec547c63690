import { describe, expect, it } from 'vitest';
import type { Region } from '../../../electron/core/regions/region';
import { sentenceChecks } from '../../../electron/core/reports/checks/sentence-checks';
import { draftReport, type DraftedReport, type DraftInput } from '../../../electron/core/reports/drafting/draft-report';
import { buildGroundingContext, groundSentence } from '../../../electron/core/reports/grounding/ground-sentence';
import { parseSentence } from '../../../electron/core/reports/grounding/sentence-parser';
import { asymmetricAssessment, failedAssessment, verifiedAssessment } from './support/assessments';
import { demoFixture } from './support/demo-regions';
import { demoHeaders } from './support/report-db';

const fx = demoFixture();
const F = fx.findings;
const rightLung = fx.anatomy.find((r) => r.label === 'right lung')!;
const rightLower = fx.anatomy.find((r) => r.label === 'right lower lung zone')!;

function draft(over: Partial<DraftInput>): DraftedReport {
  return draftReport({ study: { studyInstanceUid: fx.exam.studyInstanceUid }, seriesHeaders: demoHeaders(fx), regions: fx.anatomy, prior: null, locate: fx.locate, ...over });
}
const section = (d: DraftedReport, name: string) => d.sections.find((s) => s.name === name)!.sentences;
const texts = (d: DraftedReport, name: string) => section(d, name).map((s) => s.text);
const allText = (d: DraftedReport) => [...texts(d, 'findings'), ...texts(d, 'impression')].join(' ');
const NORMAL = /lungs are clear|no pulmonary nodule|no nodule/i;

/** Airless lung in the right lower zone, as the analysis reports it. */
const consolidation: Region = {
  ...rightLower,
  id: 'consolidation-rll',
  label: 'consolidation',
  kind: 'finding',
  volumeMl: 85,
  diameterMm: 48,
  meanHu: 30,
  confidence: 0.8,
};
/** The smaller (right) lung as a volume-loss finding. */
const asymmetry: Region = { ...rightLung, id: 'asymmetry-right', label: 'lung volume asymmetry', kind: 'finding', zone: null, diameterMm: null, confidence: 0.9 };

describe('drafts state only what the analysis verified', () => {
  it('with no finding and no assessment: no normal statement, a review prompt saying nothing was verified', () => {
    for (const assessment of [null, undefined]) {
      const d = draft({ assessment });
      expect(allText(d)).not.toMatch(NORMAL);
      expect(texts(d, 'findings')).toEqual(['Lungs: not verified by the automated analysis — no lung assessment was recorded for this analysis.']);
      expect(texts(d, 'impression')).toEqual(['Automated analysis incomplete: review the lungs.']);
    }
  });

  it('with no finding and failed checks: the prompt names what was seen, from the failed checks', () => {
    const d = draft({ assessment: asymmetricAssessment() });
    expect(allText(d)).not.toMatch(NORMAL);
    expect(texts(d, 'findings')).toEqual([
      'Lungs: not verified by the automated analysis — right lung aerated volume 28% below the left; 85 mL of airless tissue in the right lung not explained by a finding (40 mL in the left).',
    ]);
    expect(texts(d, 'impression')).toEqual(['Automated analysis incomplete: review the lungs.']);
    const cut = draft({ assessment: failedAssessment({ 'lungs-in-view': 'the scan does not cover the whole left lung' }) });
    expect(texts(cut, 'findings')).toEqual(['Lungs: not verified by the automated analysis — the scan does not cover the whole left lung.']);
    const candidate = draft({ assessment: failedAssessment({ 'no-unresolved-candidate': 'a 28 mm opacity in the left middle lung zone not classified (irregular or branching)' }) });
    expect(texts(candidate, 'findings')).toEqual(['Lungs: not verified by the automated analysis — a 28 mm opacity in the left mid lung zone not classified (irregular or branching).']);
  });

  it('with findings and failed checks: the findings, then the prompt; the impression never says "no nodule"', () => {
    const d = draft({ regions: fx.all, assessment: asymmetricAssessment() });
    const findings = texts(d, 'findings');
    expect(findings).toHaveLength(6);
    expect(findings[5]).toMatch(/^Lungs: not verified by the automated analysis — right lung aerated volume 28% below the left; 85 mL/);
    expect(section(d, 'findings')[5]!.regionIds).toEqual([]);
    expect(texts(d, 'impression').at(-1)).toBe('Automated analysis incomplete: review the lungs.');
    expect(allText(d)).not.toMatch(NORMAL);
  });

  it('with findings and only uncertain findings unverified: "Possible ..." sentences, no prompt', () => {
    const unsure: Region = { ...F.N1!, confidence: 0.42 };
    const assessment = failedAssessment({ 'findings-confident': 'possible 6 mm nodule right (confidence 0.42)' });
    const d = draft({ regions: [...fx.anatomy, unsure], assessment });
    expect(texts(d, 'findings')).toEqual([`Possible 6 mm solid nodule in the right upper lung zone (series 2, image ${fx.locate(unsure.centroid)!.instanceNumber}; confidence 0.42).`]);
    expect(texts(d, 'impression')).toEqual(['Possible 6 mm nodule in the right upper lung zone (confidence 0.42).']);
  });

  it('states the lungs clear only when verified and nothing was found', () => {
    expect(texts(draft({ assessment: verifiedAssessment() }), 'findings')).toEqual(['The lungs are clear.', 'No pulmonary nodule or mass.']);
    expect(allText(draft({ regions: [...fx.anatomy, F.N3!], assessment: verifiedAssessment() }))).not.toMatch(NORMAL);
  });
});

describe('airless lung and volume loss', () => {
  it('drafts consolidation as "Consolidation or atelectasis in the ..., about N mL" with its slice and confidence', () => {
    const d = draft({ regions: [...fx.anatomy, consolidation], assessment: verifiedAssessment() });
    const image = fx.locate(consolidation.centroid)!.instanceNumber;
    expect(texts(d, 'findings')).toEqual([`Consolidation or atelectasis in the right lower lung zone, about 85 mL (series 2, image ${image}; confidence 0.80).`]);
    expect(texts(d, 'impression')).toEqual(['Consolidation or atelectasis in the right lower lung zone.']);
  });

  it('drafts volume loss from the assessment, and leaves the asymmetry out of the prompt once a finding states it', () => {
    const d = draft({ regions: [...fx.anatomy, asymmetry], assessment: asymmetricAssessment() });
    expect(texts(d, 'findings')).toEqual([
      'Reduced right lung volume: aerated volume 28% below that of the other lung.',
      'Lungs: not verified by the automated analysis — 85 mL of airless tissue in the right lung not explained by a finding (40 mL in the left).',
    ]);
    expect(texts(d, 'impression')).toEqual(['Reduced right lung volume.', 'Automated analysis incomplete: review the lungs.']);
  });

  it('drafted sentences ground back to their regions; a review prompt carries only its review warning', () => {
    const regions = [...fx.anatomy, consolidation, asymmetry];
    const ctx = buildGroundingContext(regions);
    const d = draft({ regions, assessment: asymmetricAssessment() });
    for (const s of [...section(d, 'findings'), ...section(d, 'impression')]) {
      const g = groundSentence(s.text, ctx);
      expect(g.links.map((l) => l.regionId).sort(), s.text).toEqual([...s.regionIds].sort());
      const checks = sentenceChecks(g, s.regionIds.map((regionId) => ({ regionId })), { grounding: ctx, hasPrior: false, assessment: asymmetricAssessment() });
      expect(checks.map((c) => c.kind), s.text).toEqual(g.parsed.review ? ['review_prompt'] : []);
    }
  });

  it('typed sentences naming consolidation, atelectasis or volume loss ground to those regions', () => {
    const ctx = buildGroundingContext([...fx.all, consolidation, asymmetry]);
    for (const t of ['Right lower lobe consolidation.', 'Atelectasis at the right lung base.', 'Consolidation in the right lower zone.']) {
      expect(groundSentence(t, ctx).links.map((l) => l.regionId), t).toEqual([consolidation.id]);
    }
    for (const t of ['Volume loss of the right lung.', 'Reduced right lung volume.', 'Right lung volume loss.']) {
      expect(groundSentence(t, ctx).links.map((l) => l.regionId), t).toEqual([asymmetry.id]);
    }
    // The other side: not linked, and only a warning.
    const left = groundSentence('Volume loss of the left lung.', ctx);
    expect(left.links).toEqual([]);
    expect(sentenceChecks(left, [], { grounding: ctx, hasPrior: false }).map((c) => `${c.severity}:${c.kind}`)).toEqual(['warning:no_region_on_side', 'error:unlinked_finding']);
  });
});

describe('zone words', () => {
  it('reads mid, middle, mid-zone, midzone and mid zones as the middle zone', () => {
    for (const t of ['nodule in the right mid zone', 'nodule in the right middle zone', 'right mid-zone nodule', 'right midzone nodule', 'nodules in both mid zones', 'right mid lung zone nodule']) {
      expect(parseSentence(t).mentions[0]!.zones, t).toEqual(['middle']);
    }
  });

  it('drafts "mid lung zone", never lobe names', () => {
    const d = draft({ regions: fx.all, assessment: verifiedAssessment() });
    expect(texts(d, 'findings').find((t) => t.includes('5 mm'))).toMatch(/ in the right mid lung zone \(/);
    expect(allText(d)).not.toMatch(/lobe|middle/i);
  });
});

describe('many findings', () => {
  it('lists airless lung and volume loss by name among the additional findings', () => {
    const regions = [...fx.all, { ...consolidation, diameterMm: 4, confidence: 0.42 }, asymmetry];
    const d = draft({ regions, assessment: verifiedAssessment() });
    const list = texts(d, 'impression').find((t) => t.startsWith('Additional'))!;
    expect(list).toContain('possible consolidation or atelectasis in the right lower lung zone');
    expect(list).toContain('reduced right lung volume');
  });
});
