import { describe, expect, it } from 'vitest';
import type { Region } from '../../../electron/core/regions/region';
import { sentenceChecks } from '../../../electron/core/reports/checks/sentence-checks';
import { draftReport, type DraftedReport, type DraftInput } from '../../../electron/core/reports/drafting/draft-report';
import { sliceLocatorFromHeaders } from '../../../electron/core/reports/drafting/slice-locator';
import { techniqueSentences } from '../../../electron/core/reports/drafting/technique';
import { articleForNumber } from '../../../electron/core/reports/drafting/templates';
import { buildGroundingContext, groundSentence } from '../../../electron/core/reports/grounding/ground-sentence';
import { verifiedAssessment } from './support/assessments';
import { demoFixture } from './support/demo-regions';
import { demoHeaders } from './support/report-db';

const fx = demoFixture();
const F = fx.findings;

/** Drafts the demo regions; by default the analysis verified the lungs (every assessment check passed). */
function draft(over: Partial<DraftInput> = {}): DraftedReport {
  return draftReport({
    study: { studyInstanceUid: fx.exam.studyInstanceUid },
    seriesHeaders: demoHeaders(fx),
    regions: fx.all,
    assessment: verifiedAssessment(),
    prior: null,
    locate: fx.locate,
    ...over,
  });
}
const section = (d: DraftedReport, name: string) => d.sections.find((s) => s.name === name)!.sentences;
const texts = (d: DraftedReport, name: string) => section(d, name).map((s) => s.text);

describe('drafting from analysis regions', () => {
  it('writes one sentence per finding with size, density, side, zone and slice reference, linked to its region', () => {
    const d = draft();
    const findings = section(d, 'findings');
    expect(findings).toHaveLength(5);
    const n3 = findings.find((s) => s.regionIds[0] === F.N3!.id)!;
    const k = Math.round((F.N3!.centroid[2] - fx.exam.origin[2]) / fx.exam.spacing[2]);
    expect(n3.text).toBe(`An 8 mm solid nodule in the right lower lung zone (series 2, image ${fx.exam.dims[2] - k}).`);
    expect(findings.find((s) => s.regionIds[0] === F.M1!.id)!.text).toMatch(/^A 36 mm solid mass in the left upper lung zone \(series 2, image \d+\)\.$/);
    expect(findings.every((s) => s.regionIds.length === 1 && s.origin === 'ai')).toBe(true);
    // right before left, upper to lower
    expect(findings.map((s) => s.regionIds[0])).toEqual([F.N1!.id, F.N2!.id, F.N3!.id, F.M1!.id, F.N4!.id]);
  });

  it('never says the lungs are clear when a finding exists, and does when none exists and the analysis verified the lungs', () => {
    const withFindings = draft();
    expect([...texts(withFindings, 'findings'), ...texts(withFindings, 'impression')].join(' ')).not.toMatch(/clear|no pulmonary nodule/i);
    const one = draft({ regions: [...fx.anatomy, F.N2!] });
    expect(texts(one, 'findings').join(' ')).not.toMatch(/clear/i);
    const none = draft({ regions: fx.anatomy });
    expect(texts(none, 'findings')).toEqual(['The lungs are clear.', 'No pulmonary nodule or mass.']);
    expect(section(none, 'findings').every((s) => s.regionIds.length === 0)).toBe(true);
    expect(texts(none, 'impression')).toEqual(['No pulmonary nodule or mass detected.']);
  });

  it('summarises the findings largest first in the impression, linked to the same regions', () => {
    const imp = section(draft(), 'impression');
    expect(imp.map((s) => s.text)).toEqual([
      '36 mm mass in the left upper lung zone.',
      '10 mm nodule in the left lower lung zone.',
      '8 mm nodule in the right lower lung zone.',
      'Additional nodules: 6 mm right upper zone, 5 mm right mid zone.',
    ]);
    expect(imp.map((s) => s.regionIds)).toEqual([[F.M1!.id], [F.N4!.id], [F.N3!.id], [F.N1!.id, F.N2!.id]]);
  });

  it('hedges findings below the confidence threshold as "Possible", with the confidence, and only calls dense ones solid', () => {
    const unsure: Region = { ...F.N2!, confidence: 0.42, meanHu: -550 };
    const d = draft({ regions: [...fx.anatomy, unsure] });
    const image = fx.locate(unsure.centroid)!.instanceNumber;
    expect(texts(d, 'findings')[0]).toBe(`Possible 5 mm nodule in the right mid lung zone (series 2, image ${image}; confidence 0.42).`);
    expect(texts(d, 'impression')).toEqual(['Possible 5 mm nodule in the right mid lung zone (confidence 0.42).']);
    // The threshold is the assessment's: 0.42 is confident enough under a threshold of 0.4.
    const lenient = draft({ regions: [...fx.anatomy, unsure], assessment: verifiedAssessment({ confidenceThreshold: 0.4 }) });
    expect(texts(lenient, 'findings')[0]).toBe(`A 5 mm nodule in the right mid lung zone (series 2, image ${image}).`);
    // Without an assessment the threshold is 0.5.
    expect(texts(draft({ regions: [...fx.anatomy, unsure], assessment: null }), 'findings')[0]).toMatch(/^Possible 5 mm nodule .*confidence 0\.42\)\.$/);
  });

  it('omits the slice reference when the locator cannot place the point', () => {
    const d = draft({ locate: () => null });
    expect(texts(d, 'findings')[0]).toBe('A 6 mm solid nodule in the right upper lung zone.');
  });

  it('drafted text passes its own checks and grounds back to the same regions', () => {
    const d = draft();
    const ctx = buildGroundingContext(fx.all);
    for (const s of [...section(d, 'findings'), ...section(d, 'impression')]) {
      const g = groundSentence(s.text, ctx);
      expect(g.links.map((l) => l.regionId).sort(), s.text).toEqual([...s.regionIds].sort());
      expect(sentenceChecks(g, s.regionIds.map((regionId) => ({ regionId })), { grounding: ctx, hasPrior: false }), s.text).toEqual([]);
    }
  });

  it('names the prior exam and its date in the comparison section, or "None available."', () => {
    expect(texts(draft(), 'comparison')).toEqual(['None available.']);
    expect(texts(draft({ prior: { studyDate: '20230315', description: 'CT CHEST (DEMO)' } }), 'comparison')).toEqual(['CT CHEST (DEMO) of 2023-03-15.']);
    expect(texts(draft({ prior: { studyDate: null, description: 'CT CHEST' } }), 'comparison')).toEqual(['CT CHEST (date not recorded).']);
  });

  it('puts a given indication first and leaves it empty otherwise', () => {
    expect(section(draft(), 'indication')).toEqual([]);
    expect(section(draft({ indication: ' Follow-up of lung nodules. ' }), 'indication')).toEqual([{ text: 'Follow-up of lung nodules.', origin: 'human', regionIds: [] }]);
  });
});

describe('technique from DICOM headers', () => {
  const h = (over: Partial<ReturnType<typeof demoHeaders>[number]> = {}) => demoHeaders(fx, over).slice(0, 3);
  it('states modality, body part, slice thickness and kVp; contrast only as recorded', () => {
    expect(techniqueSentences(h())).toEqual(['CT of the chest.', 'Slice thickness 2.5 mm; 120 kVp.']);
    expect(techniqueSentences(h({ contrastBolusAgent: 'IOHEXOL 350' }))[0]).toBe('CT of the chest with contrast (IOHEXOL 350).');
    expect(techniqueSentences(h({ contrastBolusAgent: 'NONE' }))[0]).toBe('CT of the chest without contrast.');
    expect(techniqueSentences(h({ contrastBolusAgent: 'No contrast' }))[0]).toBe('CT of the chest without contrast.');
    expect(techniqueSentences(h({ contrastBolusAgent: '' }))[0]).toBe('CT of the chest.');
    expect(techniqueSentences(h({ bodyPartExamined: null, kvp: null, sliceThickness: null }))).toEqual(['CT.']);
    expect(techniqueSentences([...h(), ...demoHeaders(fx, { sliceThickness: 1, seriesInstanceUid: 'x' }).slice(0, 1)])[1]).toBe('Slice thickness 1 and 2.5 mm; 120 kVp.');
  });

  it('drafting uses the headers of the series the findings are on', () => {
    const other = demoHeaders(fx, { seriesInstanceUid: 'other-series', contrastBolusAgent: 'IOPAMIDOL' });
    const d = draft({ seriesHeaders: [...demoHeaders(fx), ...other] });
    expect(texts(d, 'technique')[0]).toBe('CT of the chest.');
  });
});

describe('slice locator from headers and articles', () => {
  it('finds the InstanceNumber of the slice through a point (the demo numbers slices from the top)', () => {
    const locate = sliceLocatorFromHeaders(demoHeaders(fx));
    const z = fx.exam.origin[2] + 40 * fx.exam.spacing[2];
    expect(locate([0, 0, z + 0.9], fx.exam.seriesInstanceUid)).toEqual({ seriesNumber: 2, instanceNumber: fx.exam.dims[2] - 40 });
    expect(locate([0, 0, z - 1.4], fx.exam.seriesInstanceUid)).toEqual({ seriesNumber: 2, instanceNumber: fx.exam.dims[2] - 39 });
    expect(locate([0, 0, fx.exam.origin[2] - 50], fx.exam.seriesInstanceUid)).toBeNull();
    expect(locate([0, 0, z], 'unknown-series')).toBeNull();
    expect(locate(F.N3!.centroid, F.N3!.seriesInstanceUid)).toEqual(fx.locate(F.N3!.centroid));
  });

  it('uses "an" as numbers are spoken', () => {
    expect([8, 11, 18, 80, 84, 6, 10, 36, 1].map(articleForNumber)).toEqual(['An', 'An', 'An', 'An', 'An', 'A', 'A', 'A', 'A']);
  });
});
