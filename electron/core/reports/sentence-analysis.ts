/**
 * Grounding and checks of one sentence in its section. Only findings and impression sentences are
 * grounded and checked; indication, technique and comparison are free text (an indication such as
 * "follow-up of a lung nodule" states no finding of this exam).
 */
import type { Region } from '../regions/region';
import { lazyRanking, sentenceChecks, type CheckContext } from './checks/sentence-checks';
import { buildGroundingContext, groundSentence, type GroundingContext } from './grounding/ground-sentence';
import { midlineX, regionFeatures } from './grounding/region-features';
import { parseSentence } from './grounding/sentence-parser';
import type { Check, PriorExam, SectionName, SentenceLink } from './schemas';

export const GROUNDED_SECTIONS: ReadonlySet<SectionName> = new Set(['findings', 'impression']);

/**
 * The checks' context. Regions of the compared prior's volume are never candidates of automatic
 * grounding (a sentence describes the current exam); they are known by id, so links to them (a
 * change sentence links the lesion in both exams) are checked.
 */
export function reportContext(
  regions: readonly Region[],
  prior: PriorExam | null,
  evidence: Pick<CheckContext, 'assessment' | 'linkedRegionIds'> = {},
): CheckContext {
  const priorVolume = prior?.volumeId;
  const current = priorVolume ? regions.filter((r) => r.volumeId !== priorVolume) : regions;
  const ofPrior = priorVolume ? regions.filter((r) => r.volumeId === priorVolume) : [];
  const comparison = prior?.changes ? { priorDate: prior.studyDate, changes: prior.changes } : null;
  return { grounding: withLinkOnlyRegions(buildGroundingContext(current), ofPrior), hasPrior: prior !== null, comparison, ...evidence };
}

function withLinkOnlyRegions(ctx: GroundingContext, regions: readonly Region[]): GroundingContext {
  if (regions.length === 0) return ctx;
  const midline = midlineX(regions);
  return { ...ctx, byId: new Map([...ctx.byId, ...regions.map((r) => [r.id, regionFeatures(r, midline)] as const)]) };
}

export interface SentenceAnalysis {
  /** The links the sentence should have: its auto grounding, or the manual links it was given. */
  links: SentenceLink[];
  checks: Check[];
}

/**
 * With `manualLinks` null the sentence is grounded automatically (links with origin 'auto');
 * otherwise those links are kept and only checked.
 */
export function analyzeSentence(
  text: string,
  section: SectionName,
  ctx: CheckContext,
  manualLinks: readonly SentenceLink[] | null,
): SentenceAnalysis {
  if (!GROUNDED_SECTIONS.has(section)) return { links: manualLinks ? [...manualLinks] : [], checks: [] };
  if (manualLinks) {
    // Links given: only the parse is needed (candidates are ranked only if a check asks).
    const parsed = parseSentence(text, { extraAnatomy: ctx.grounding.extraAnatomy });
    return { links: [...manualLinks], checks: sentenceChecks(lazyRanking(parsed, ctx.grounding), manualLinks, ctx) };
  }
  const g = groundSentence(text, ctx.grounding);
  const links: SentenceLink[] = g.links.map((l) => ({ ...l, origin: 'auto' as const }));
  return { links, checks: sentenceChecks(g, links, ctx) };
}

/** Checks of a stored sentence with its stored links. */
export function checkStoredSentence(text: string, section: SectionName, links: readonly SentenceLink[], ctx: CheckContext): Check[] {
  return analyzeSentence(text, section, ctx, links).checks;
}
