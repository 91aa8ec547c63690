/**
 * Drafts a report from an analysis, deterministically, from templates (nothing invented):
 *
 *  indication  the given indication, if any;
 *  technique   from the DICOM headers (technique.ts);
 *  comparison  the prior exam and its date, or "None available.";
 *  (compared)  with a compared prior (`comparison`: registered, lesions tracked), each tracked lesion
 *              gets a change sentence linked to its region in both exams, resolved lesions one
 *              linked to the prior region, and the impression states the change (change-sentences.ts);
 *  findings    one sentence per finding region (size, density word, side, zone, series/image of the
 *              slice through its centroid; "Possible ..." with its confidence below the assessment's
 *              threshold), each linked to its region, ordered right before left, then upper to
 *              lower, then largest first; then what is said of the lungs as a whole (lung-review.ts):
 *              "The lungs are clear." and "No pulmonary nodule or mass." only when the analysis
 *              verified it and found nothing, else a review prompt naming what it could not verify;
 *  impression  the findings largest first: one sentence each for the three largest, the rest in one
 *              list sentence, all linked to the same regions; then "No pulmonary nodule or mass
 *              detected." (verified, nothing found) or "Automated analysis incomplete: review the
 *              lungs." (something unverified).
 */
import type { LungAssessment } from '../../analysis/lung-assessment';
import type { Region } from '../../regions/region';
import type { PriorExam, SectionName, TrackedChange } from '../schemas';
import { changeImpressionSentence, newLesionSentence, pairedChangeSentence, resolvedLesionSentence } from './change-sentences';
import { ZONE_ORDER, normaliseZone } from '../grounding/lexicon';
import type { SliceLocator } from './slice-locator';
import { techniqueSentences, type TechniqueHeader } from './technique';
import { confidenceThreshold } from '../assessment/failed-checks';
import { lungStatements } from './lung-review';
import { additionalFindingsSentence, comparisonSentence, findingSentence, impressionSentence, type SentenceOptions } from './templates';

export interface DraftInput {
  study: { studyInstanceUid: string };
  /** Headers of the study's series (DicomInstance records, or the fields technique needs). */
  seriesHeaders: readonly TechniqueHeader[];
  /** The analysis regions (findings and anatomy). */
  regions: readonly Region[];
  /** What the analysis verified about the lungs; null or absent: nothing (no normal statement may be drafted). */
  assessment?: LungAssessment | null;
  prior?: PriorExam | null;
  indication?: string | null;
  /** World point (+ the region's series) -> series number and InstanceNumber; null: no image reference. */
  locate?: SliceLocator | null;
  /** The compared prior: its tracked lesions and regions; absent: no change sentences. */
  comparison?: DraftComparison | null;
}

export interface DraftComparison {
  priorDate: string | null;
  changes: readonly TrackedChange[];
  /** The prior exam's regions (those the changes name). */
  priorRegions: readonly Region[];
  /** Image references in the prior exam's series. */
  locatePrior?: SliceLocator | null;
}

export interface DraftSentence {
  text: string;
  origin: 'ai' | 'human';
  regionIds: string[];
}

export interface DraftedReport {
  sections: { name: SectionName; sentences: DraftSentence[] }[];
}

/** Findings shown individually in the impression before the rest are listed together. */
const IMPRESSION_SINGLE = 3;

const SIDE_ORDER: Record<string, number> = { right: 0, left: 1 };

function findingOrder(a: Region, b: Region): number {
  const side = (r: Region) => SIDE_ORDER[r.laterality ?? ''] ?? 2;
  const zone = (r: Region) => {
    const z = normaliseZone(r.zone);
    return z === null ? 3 : ZONE_ORDER[z];
  };
  return side(a) - side(b) || zone(a) - zone(b) || (b.diameterMm ?? 0) - (a.diameterMm ?? 0) || (a.id < b.id ? -1 : 1);
}

function largestFirst(a: Region, b: Region): number {
  return (b.diameterMm ?? 0) - (a.diameterMm ?? 0) || b.volumeMl - a.volumeMl || (a.id < b.id ? -1 : 1);
}

function ai(text: string, regionIds: string[] = []): DraftSentence {
  return { text, origin: 'ai', regionIds };
}

export function draftReport(input: DraftInput): DraftedReport {
  const findings = input.regions.filter((r) => r.kind === 'finding');
  const findingSeries = new Set(findings.map((r) => r.seriesInstanceUid).filter((s): s is string => s !== null));
  const headers = findingSeries.size > 0 ? input.seriesHeaders.filter((h) => findingSeries.has(h.seriesInstanceUid)) : input.seriesHeaders;

  const indication = input.indication?.trim() ? [{ text: input.indication.trim(), origin: 'human' as const, regionIds: [] }] : [];
  const technique = techniqueSentences(headers.length > 0 ? headers : input.seriesHeaders).map((t) => ai(t));
  const comparison = [ai(comparisonSentence(input.prior ?? null))];

  const options: SentenceOptions = { threshold: confidenceThreshold(input.assessment), volumeAsymmetry: input.assessment?.volumeAsymmetry ?? null };
  const lungs = lungStatements(input.assessment, findings);
  const cmp = input.comparison ?? null;
  const priorById = new Map((cmp?.priorRegions ?? []).map((r) => [r.id, r]));
  const changeOf = (r: Region) => (cmp && r.confidence >= (options.threshold ?? 0) ? cmp.changes.find((c) => c.currentRegionId === r.id) : undefined);
  const priorOf = (c: TrackedChange | undefined) => (c?.priorRegionId ? priorById.get(c.priorRegionId) : undefined);
  const locate = (r: Region) => input.locate?.(r.centroid, r.seriesInstanceUid) ?? null;
  const locatePrior = (r: Region) => cmp?.locatePrior?.(r.centroid, r.seriesInstanceUid) ?? null;
  const priorDate = cmp?.priorDate ?? null;

  function findingLine(r: Region): DraftSentence {
    const change = changeOf(r);
    const prior = priorOf(change);
    if (change && prior) return ai(pairedChangeSentence(r, prior, change.status, { current: locate(r), prior: locatePrior(prior) }, priorDate), [r.id, prior.id]);
    if (change?.status === 'new') return ai(newLesionSentence(r, locate(r), priorDate), [r.id]);
    return ai(findingSentence(r, locate(r), options), [r.id]);
  }
  const resolved = (cmp?.changes ?? []).filter((c) => c.status === 'resolved').flatMap((c) => priorOf(c) ?? []);

  const findingSentences = [
    ...[...findings].sort(findingOrder).map(findingLine),
    ...resolved.sort(findingOrder).map((p) => ai(resolvedLesionSentence(p, locatePrior(p), priorDate), [p.id])),
    ...lungs.findings.map((t) => ai(t)),
  ];
  function impressionLine(r: Region): DraftSentence {
    const change = changeOf(r);
    const prior = priorOf(change);
    if (change && (prior || change.status === 'new')) return ai(changeImpressionSentence(r, prior ?? null, change.status), prior ? [r.id, prior.id] : [r.id]);
    return ai(impressionSentence(r, options), [r.id]);
  }

  const bySize = [...findings].sort(largestFirst);
  const single = bySize.length <= IMPRESSION_SINGLE + 1 ? bySize : bySize.slice(0, IMPRESSION_SINGLE);
  const rest = bySize.slice(single.length);
  const impression = [
    ...single.map(impressionLine),
    ...(rest.length > 0 ? [ai(additionalFindingsSentence(rest, options), rest.map((r) => r.id))] : []),
    ...lungs.impression.map((t) => ai(t)),
  ];

  return {
    sections: [
      { name: 'indication', sentences: indication },
      { name: 'technique', sentences: technique },
      { name: 'comparison', sentences: comparison },
      { name: 'findings', sentences: findingSentences },
      { name: 'impression', sentences: impression },
    ],
  };
}
