import { describe, expect, it } from 'vitest';
import type { Region } from '../../../electron/core/regions/region';
import { changeClaimChecks } from '../../../electron/core/reports/checks/change-claim-checks';
import { sentenceChecks } from '../../../electron/core/reports/checks/sentence-checks';
import { draftReport, type DraftedReport } from '../../../electron/core/reports/drafting/draft-report';
import { groundSentence } from '../../../electron/core/reports/grounding/ground-sentence';
import { parseSentence } from '../../../electron/core/reports/grounding/sentence-parser';
import type { PriorExam, TrackedChange } from '../../../electron/core/reports/schemas';
import { reportContext } from '../../../electron/core/reports/sentence-analysis';
import { changeStatus } from '../../../electron/core/tracking/change-status';
import { verifiedAssessment } from './support/assessments';
import { demoFixture } from './support/demo-regions';
import { demoHeaders } from './support/report-db';

const cur = demoFixture('current', { idPrefix: 'c', volumeId: 'current-volume' });
const pri = demoFixture('prior', { idPrefix: 'p', volumeId: 'prior-volume' });
const C = cur.findings;
const P = pri.findings;

function pair(c: Region | null, p: Region | null): TrackedChange {
  const cd = c?.diameterMm ?? null;
  const pd = p?.diameterMm ?? null;
  return {
    status: changeStatus(p ? pd : null, c ? cd : null),
    currentRegionId: c?.id ?? null,
    priorRegionId: p?.id ?? null,
    currentDiameterMm: cd,
    priorDiameterMm: pd,
    diameterChangePct: cd !== null && pd !== null ? ((cd - pd) / pd) * 100 : null,
  };
}

// The demo's planted changes: the mass grew 15 -> 36 mm; N1, N3, N4 within 1.5 mm; say N2 was not
// matched (too far apart), so it is new in the current exam and resolved from the prior.
const changes: TrackedChange[] = [pair(C['M1']!, P['M1']!), pair(C['N1']!, P['N1']!), pair(C['N3']!, P['N3']!), pair(C['N4']!, P['N4']!), pair(C['N2']!, null), pair(null, P['N2']!)];
const prior: PriorExam = { studyDate: '20230315', description: 'CT CHEST', studyInstanceUid: '9.9', volumeId: 'prior-volume', changes };
const priorFindings = Object.values(P);

function draft(): DraftedReport {
  return draftReport({
    study: { studyInstanceUid: cur.exam.studyInstanceUid },
    seriesHeaders: demoHeaders(cur),
    regions: cur.all,
    assessment: verifiedAssessment(),
    prior,
    locate: cur.locate,
    comparison: { priorDate: '20230315', changes, priorRegions: priorFindings, locatePrior: (p) => pri.locate(p) && { ...pri.locate(p)!, seriesNumber: 3 } },
  });
}
const section = (d: DraftedReport, name: string) => d.sections.find((s) => s.name === name)!.sentences;
const ctx = (p: PriorExam | null = prior) => reportContext([...cur.all, ...(p?.volumeId ? priorFindings : [])], p, { assessment: verifiedAssessment() });
const kinds = (checks: { severity: string; kind: string }[]) => checks.map((c) => `${c.severity}:${c.kind}`);

describe('change sentences of a report compared with a prior', () => {
  it('each tracked lesion: sizes in both exams with their images, the prior date and the status, linked to both regions', () => {
    const findings = section(draft(), 'findings');
    const m1 = findings.find((s) => s.regionIds.includes(C['M1']!.id))!;
    expect(m1.regionIds).toEqual([C['M1']!.id, P['M1']!.id]);
    const imC = cur.locate(C['M1']!.centroid)!.instanceNumber;
    const imP = pri.locate(P['M1']!.centroid)!.instanceNumber;
    expect(m1.text).toBe(`The left upper lung zone mass measures 36 mm (series 2, image ${imC}), previously 15 mm on 2023-03-15 (series 3, image ${imP}); increased.`);
    expect(findings.find((s) => s.regionIds[0] === C['N3']!.id)!.text).toMatch(/^The right lower lung zone nodule measures 8 mm \(series 2, image \d+\), previously 7 mm on 2023-03-15 \(series 3, image \d+\); stable\.$/);
    expect(findings.find((s) => s.regionIds[0] === C['N2']!.id)!.text).toMatch(/^New since 2023-03-15: a 5 mm nodule in the right mid lung zone \(series 2, image \d+\)\.$/);
    const resolved = findings.find((s) => s.regionIds[0] === P['N2']!.id)!;
    expect(resolved.regionIds).toEqual([P['N2']!.id]);
    expect(resolved.text).toMatch(/^The 4 mm nodule in the right mid lung zone on 2023-03-15 \(series 3, image \d+\) has resolved\.$/);
    expect(findings.map((s) => s.text).join(' ')).not.toMatch(/lobe/);
    expect(section(draft(), 'impression')[0]!.text).toBe('36 mm mass in the left upper lung zone, increased from 15 mm.');
    expect(section(draft(), 'comparison')[0]!.text).toBe('CT CHEST of 2023-03-15.');
  });

  it('the drafted change sentences pass every check against the tracked measurements', () => {
    const c = ctx();
    for (const name of ['findings', 'impression']) {
      for (const s of section(draft(), name)) {
        expect(sentenceChecks(groundSentence(s.text, c.grounding), s.regionIds.map((regionId) => ({ regionId })), c), s.text).toEqual([]);
      }
    }
  });

  it('prior regions are linkable but never candidates of automatic grounding', () => {
    const g = groundSentence('36 mm mass in the left upper lung zone', ctx().grounding);
    expect(g.links.map((l) => l.regionId)).toEqual([C['M1']!.id]);
    expect(ctx().grounding.byId.has(P['M1']!.id)).toBe(true);
  });
});

describe('change-claim check: against the tracked measurement, not the mere existence of a prior', () => {
  const checkOf = (text: string, linked: string[], p: PriorExam | null = prior) => sentenceChecks(groundSentence(text, ctx(p).grounding), linked.map((regionId) => ({ regionId })), ctx(p));

  it('"unchanged" over a lesion that grew (15 -> 36 mm) is an error naming both sizes and the date', () => {
    const checks = checkOf('The left upper lung zone mass is unchanged.', [C['M1']!.id]);
    expect(kinds(checks)).toEqual(['error:change_mismatch']);
    expect(checks[0]!.message).toMatch(/“unchanged”.*15 mm on 2023-03-15, 36 mm now \(\+140%\): increased/);
    expect(checks[0]!.regionIds).toEqual([C['M1']!.id, P['M1']!.id]);
    // a 30% growth (30 -> 39 mm) is as wrong
    const grown = { ...changes[0]!, priorDiameterMm: 30, currentDiameterMm: 39, diameterChangePct: 30, status: changeStatus(30, 39) };
    const parsed = parseSentence('The mass is unchanged.');
    expect(kinds(changeClaimChecks(parsed, [C['M1']!.id], true, { priorDate: '20230315', changes: [grown] }))).toEqual(['error:change_mismatch']);
  });

  it('each status word is checked: right ones pass, wrong ones are errors', () => {
    expect(checkOf('The left upper lung zone mass has increased.', [C['M1']!.id])).toEqual([]);
    expect(kinds(checkOf('The left upper lung zone mass has decreased.', [C['M1']!.id]))).toEqual(['error:change_mismatch']);
    expect(kinds(checkOf('New left upper lung zone mass.', [C['M1']!.id]))).toEqual(['error:change_mismatch']);
    expect(checkOf('Stable 8 mm nodule in the right lower lung zone.', [C['N3']!.id])).toEqual([]);
    expect(kinds(checkOf('The 8 mm nodule in the right lower lung zone has increased.', [C['N3']!.id]))).toEqual(['error:change_mismatch']);
    expect(checkOf('New 5 mm nodule in the right mid lung zone.', [C['N2']!.id])).toEqual([]);
    expect(kinds(checkOf('The 5 mm nodule in the right mid lung zone is stable.', [C['N2']!.id]))).toEqual(['error:change_mismatch']);
  });

  it('a change claim with no compared prior is an error: no prior at all, or a prior never compared', () => {
    const noPrior = checkOf('The left upper lung zone mass is unchanged.', [C['M1']!.id], null);
    expect(kinds(noPrior)).toEqual(['error:change_without_prior']);
    const notCompared = checkOf('The left upper lung zone mass has increased.', [C['M1']!.id], { studyDate: '20230315', description: 'CT CHEST' });
    expect(kinds(notCompared)).toEqual(['error:change_without_prior']);
    expect(notCompared[0]!.message).toMatch(/not compared/);
  });

  it('a change stated about linked regions that are not tracked lesions is a warning; negated claims name no lesion', () => {
    const untracked = { ...prior, changes: changes.filter((c) => c.currentRegionId !== C['N4']!.id) };
    expect(kinds(checkOf('The 10 mm nodule in the left lower lung zone is unchanged.', [C['N4']!.id], untracked))).toEqual(['warning:change_untracked']);
    expect(changeClaimChecks(parseSentence('No new nodule.'), [], true, { priorDate: null, changes })).toEqual([]);
    expect(kinds(changeClaimChecks(parseSentence('No new nodule.'), [], false, null))).toEqual(['error:change_without_prior']);
  });
});
