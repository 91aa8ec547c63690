/**
 * Checks of one findings or impression sentence against its links and the report's regions:
 *
 *  laterality_mismatch  error    the text names a side and a linked region is on the other side
 *                                (side from the region's laterality, else from its centroid's x in
 *                                patient coordinates). Only a link makes it an error;
 *  no_region_on_side    warning  nothing linked, and the region that fits everything but the side
 *                                is on the other side and fits better than any region on the named
 *                                side ("no region found on the right"): a possible side slip, or a
 *                                finding the analysis missed on the named side;
 *  size_mismatch        warning  a stated size differs from the nearest linked region's measured
 *                                diameter by more than 20% AND more than 3 mm;
 *  change_without_prior, change_mismatch, change_untracked: change claims against the tracked
 *                                lesions of the compared prior (change-claim-checks.ts);
 *  unlinked_finding     error    a positive finding statement with no linked region;
 *  low_confidence       info (confidence 0.3-0.5) / warning (< 0.3)  a linked region the analysis
 *                                was unsure of;
 *  review_prompt        warning  a drafted review prompt ("Lungs: not verified by the automated
 *                                analysis — ..."): a reader must look, then edit or delete it;
 *  denies_finding, contradicts_analysis, unverified_normal: normal and negative statements
 *                                (normal-statement-checks.ts).
 *
 * Checks are computed, never stored (see migration 0003): they follow the text and links as edited.
 */
import type { LungAssessment } from '../../analysis/lung-assessment';
import { LINK_THRESHOLD, rankMention, type GroundingContext, type RankedRegion, type SentenceGrounding } from '../grounding/ground-sentence';
import type { Side } from '../grounding/lexicon';
import { describeRegion, type RegionFeatures } from '../grounding/region-features';
import type { FindingMention, ParsedSentence } from '../grounding/sentence-parser';
import type { Check } from '../schemas';
import { changeClaimChecks, type ComparisonEvidence } from './change-claim-checks';
import { normalStatementChecks } from './normal-statement-checks';

export interface CheckContext {
  hasPrior: boolean;
  /** The compared prior's tracked lesions; null/absent: the prior (if any) was not compared. */
  comparison?: ComparisonEvidence | null;
  grounding: GroundingContext;
  /** What the analysis verified about the lungs (the run of the report's regions); null/absent: nothing. */
  assessment?: LungAssessment | null;
  /** Regions some sentence of the report is linked to (findings it describes); absent: none. */
  linkedRegionIds?: ReadonlySet<string>;
}

/**
 * What the checks read of a sentence: its parse, and the ranked candidates of a mention (only
 * needed, so only computed, for the side-slip check of a sentence without links).
 */
export interface CheckedSentence {
  parsed: ParsedSentence;
  ranked(m: FindingMention): RankedRegion[];
}

export function fromGrounding(g: SentenceGrounding): CheckedSentence {
  const byMention = new Map(g.mentions.map((mg) => [mg.mention, mg.ranked]));
  return { parsed: g.parsed, ranked: (m) => byMention.get(m) ?? [] };
}

export function lazyRanking(parsed: ParsedSentence, ctx: GroundingContext): CheckedSentence {
  const cache = new Map<FindingMention, RankedRegion[]>();
  return {
    parsed,
    ranked(m) {
      let r = cache.get(m);
      if (!r) {
        r = rankMention(m, ctx);
        cache.set(m, r);
      }
      return r;
    },
  };
}

const SIZE_RELATIVE_LIMIT = 0.2;
const SIZE_ABSOLUTE_LIMIT_MM = 3;
const LOW_CONFIDENCE = 0.5;
const VERY_LOW_CONFIDENCE = 0.3;

const fmtMm = (v: number): string => `${Math.round(v * 10) / 10} mm`;

function statedSides(mentions: readonly FindingMention[]): { sides: Set<Side>; bilateral: boolean } {
  const sides = new Set<Side>();
  let bilateral = false;
  for (const m of mentions) {
    if (m.bilateral) bilateral = true;
    for (const s of m.sides) sides.add(s);
  }
  return { sides, bilateral: bilateral || sides.size > 1 };
}

function lateralityChecks(g: CheckedSentence, linked: RegionFeatures[]): Check[] {
  const positive = g.parsed.mentions.filter((m) => m.polarity === 'positive');
  const { sides, bilateral } = statedSides(positive);
  if (bilateral || sides.size !== 1) return [];
  const said = [...sides][0]!;
  const out: Check[] = [];
  for (const f of linked) {
    if ((f.side === 'left' || f.side === 'right') && f.side !== said) {
      out.push({
        kind: 'laterality_mismatch',
        severity: 'error',
        message: `The text says ${said}, but the linked region (${describeRegion(f.region)}) is on the patient's ${f.side}.`,
        regionIds: [f.region.id],
      });
    }
  }
  if (linked.length > 0) return out;
  // Nothing linked: warn of a possible side slip when the region that fits everything but the side
  // would have been linked and fits better than every candidate on the named side. Not an error:
  // nothing links the sentence to the other side, and the named side may hold a missed finding.
  for (const m of positive) {
    if (m.sides.length === 0) continue;
    const ranked = g.ranked(m);
    let best: RankedRegion | null = null;
    let bestSideless = 0;
    for (const r of ranked) {
      const sideless = r.breakdown.score / r.breakdown.side;
      if (sideless > bestSideless) {
        best = r;
        bestSideless = sideless;
      }
    }
    if (!best) continue;
    const side = best.features.side;
    const bestOnNamedSide = ranked.find((r) => r.features.side === said)?.breakdown.score ?? 0;
    if ((side === 'left' || side === 'right') && side !== said && bestSideless >= LINK_THRESHOLD && bestSideless > bestOnNamedSide) {
      out.push({
        kind: 'no_region_on_side',
        severity: 'warning',
        message: `No region found on the ${said}; the best fit (${describeRegion(best.features.region)}) is on the patient's ${side}.`,
        regionIds: [best.features.region.id],
      });
    }
  }
  return out;
}

function sizeChecks(g: CheckedSentence, linked: RegionFeatures[]): Check[] {
  const measured = linked.filter((f) => f.region.diameterMm !== null && f.region.diameterMm > 0);
  if (measured.length === 0) return [];
  const out: Check[] = [];
  for (const m of g.parsed.mentions) {
    if (m.polarity !== 'positive') continue;
    for (const s of m.sizesMm) {
      let nearest = measured[0]!;
      for (const f of measured) if (Math.abs(f.region.diameterMm! - s) < Math.abs(nearest.region.diameterMm! - s)) nearest = f;
      const d = nearest.region.diameterMm!;
      const diff = Math.abs(s - d);
      if (diff > SIZE_ABSOLUTE_LIMIT_MM && diff / d > SIZE_RELATIVE_LIMIT) {
        out.push({
          kind: 'size_mismatch',
          severity: 'warning',
          message: `The text says ${fmtMm(s)}, but the linked region (${describeRegion(nearest.region)}) measures ${fmtMm(d)}.`,
          regionIds: [nearest.region.id],
        });
      }
    }
  }
  return out;
}

function unlinkedChecks(g: CheckedSentence, linkCount: number): Check[] {
  const positive = g.parsed.mentions.filter((m) => m.polarity === 'positive');
  if (positive.length === 0 || linkCount > 0) return [];
  const words = [...new Set(positive.flatMap((m) => m.concepts))].join(', ');
  return [
    {
      kind: 'unlinked_finding',
      severity: 'error',
      message: `The sentence states a finding (${words}) but no image region is linked to it.`,
      regionIds: [],
    },
  ];
}

function confidenceChecks(linked: RegionFeatures[]): Check[] {
  return linked
    .filter((f) => f.region.confidence < LOW_CONFIDENCE)
    .map((f) => ({
      kind: 'low_confidence' as const,
      severity: f.region.confidence < VERY_LOW_CONFIDENCE ? ('warning' as const) : ('info' as const),
      message: `The linked region (${describeRegion(f.region)}) was detected with low confidence (${f.region.confidence.toFixed(2)}): confirm it on the images.`,
      regionIds: [f.region.id],
    }));
}

const REVIEW_PROMPT: Check = {
  kind: 'review_prompt',
  severity: 'warning',
  message: 'The automated analysis could not verify this: look at the images, then edit or delete the sentence.',
  regionIds: [],
};

/**
 * Checks of a sentence whose effective links are `links` (its auto links, or the manual ones).
 * Links to regions outside the context are ignored (they cannot be described).
 */
export function sentenceChecks(sentence: SentenceGrounding | CheckedSentence, links: readonly { regionId: string }[], ctx: CheckContext): Check[] {
  const g = 'mentions' in sentence ? fromGrounding(sentence) : sentence;
  if (g.parsed.review) return [REVIEW_PROMPT];
  const linked = links.map((l) => ctx.grounding.byId.get(l.regionId)).filter((f): f is RegionFeatures => f !== undefined);
  return [
    ...lateralityChecks(g, linked),
    ...sizeChecks(g, linked),
    ...changeClaimChecks(g.parsed, links.map((l) => l.regionId), ctx.hasPrior, ctx.comparison),
    ...unlinkedChecks(g, links.length),
    ...confidenceChecks(linked),
    ...normalStatementChecks(g.parsed, ctx),
  ];
}
