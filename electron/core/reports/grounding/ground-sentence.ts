/**
 * Grounds one sentence: parses it, scores the candidate regions for each positive finding mention
 * and links the best ones. Negated mentions and normal statements get no links; an anatomy-only
 * statement ("right hilar region") may link its anatomy region.
 *
 * Which regions are linked, per positive mention (scores >= LINK_THRESHOLD only): singular ("a
 * nodule") the top-scoring region and any tied with it (within 0.02: the text cannot tell them
 * apart); plural ("nodules", "bilateral") every region scoring at least 0.75 of the top score (lists are scored item by item).
 *
 * The stated side outranks the stated size: when the text names one side, regions on the other side
 * are never linked (however well their size fits); they stay ranked, for the checks' side-slip
 * warning.
 */
import type { Region } from '../../regions/region';
import type { Side } from './lexicon';
import { extraAnatomyWords, midlineX, regionFeatures, type RegionFeatures } from './region-features';
import { scoreAnatomy, scoreFinding, type AnatomyIndex, type ScoreBreakdown } from './region-scorer';
import { parseSentence, type FindingMention, type ParsedSentence } from './sentence-parser';

export const LINK_THRESHOLD = 0.35;
const TIE_MARGIN = 0.02;
const PLURAL_FRACTION = 0.75;
const ANATOMY_LINK_THRESHOLD = 0.5;

export interface GroundingContext {
  features: readonly RegionFeatures[];
  byId: ReadonlyMap<string, RegionFeatures>;
  anatomy: AnatomyIndex;
  extraAnatomy: ReadonlySet<string>;
}

export function buildGroundingContext(regions: readonly Region[]): GroundingContext {
  const midline = midlineX(regions);
  const features = regions.map((r) => regionFeatures(r, midline));
  const byTerm = new Map<string, RegionFeatures[]>();
  const byLobe = new Map<string, RegionFeatures[]>();
  for (const f of features) {
    if (f.region.kind !== 'anatomy') continue;
    for (const t of f.anatomy) byTerm.set(t, [...(byTerm.get(t) ?? []), f]);
    for (const l of f.lobes) byLobe.set(l, [...(byLobe.get(l) ?? []), f]);
  }
  return {
    features,
    byId: new Map(features.map((f) => [f.region.id, f])),
    anatomy: { byTerm, byLobe },
    extraAnatomy: extraAnatomyWords(regions),
  };
}

export interface RankedRegion {
  features: RegionFeatures;
  breakdown: ScoreBreakdown;
}

export interface MentionGrounding {
  mention: FindingMention;
  /** Candidates with a non-zero score, best first (linked or not). */
  ranked: RankedRegion[];
  linked: RankedRegion[];
}

export interface SentenceGrounding {
  parsed: ParsedSentence;
  mentions: MentionGrounding[];
  /** Union of the links, best score per region, in order of score. */
  links: { regionId: string; score: number }[];
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/** Candidate regions for a finding mention, best first (score > 0). */
export function rankMention(m: FindingMention, ctx: GroundingContext): RankedRegion[] {
  const ranked: RankedRegion[] = [];
  for (const f of ctx.features) {
    if (f.region.kind === 'anatomy') continue;
    const breakdown = scoreFinding(m, f, ctx.anatomy);
    if (breakdown.score > 0) ranked.push({ features: f, breakdown });
  }
  ranked.sort((a, b) => b.breakdown.score - a.breakdown.score || (b.features.region.diameterMm ?? 0) - (a.features.region.diameterMm ?? 0));
  return ranked;
}

/** The side a mention names, when it names exactly one. */
function statedSide(m: FindingMention): Side | null {
  return !m.bilateral && m.sides.length === 1 ? m.sides[0]! : null;
}

/** A region on the other side of the one the text names is never linked automatically, whatever its size. */
function onLinkableSide(m: FindingMention, r: RankedRegion): boolean {
  const said = statedSide(m);
  const side = r.features.side;
  return said === null || !((side === 'left' || side === 'right') && side !== said);
}

function groundMention(m: FindingMention, ctx: GroundingContext): MentionGrounding {
  const ranked = m.polarity === 'positive' ? rankMention(m, ctx) : [];
  const candidates = ranked.filter((r) => onLinkableSide(m, r));
  const top = candidates[0]?.breakdown.score ?? 0;
  const floor = m.plural ? Math.max(LINK_THRESHOLD, PLURAL_FRACTION * top) : Math.max(LINK_THRESHOLD, top - TIE_MARGIN);
  const linked = candidates.filter((r) => r.breakdown.score >= floor);
  return { mention: m, ranked, linked };
}

export function groundParsed(parsed: ParsedSentence, ctx: GroundingContext): SentenceGrounding {
  const mentions = parsed.mentions.map((m) => groundMention(m, ctx));
  const best = new Map<string, number>();
  for (const mg of mentions) {
    for (const r of mg.linked) best.set(r.features.region.id, Math.max(best.get(r.features.region.id) ?? 0, r.breakdown.score));
  }
  const hasPositive = parsed.mentions.some((m) => m.polarity === 'positive');
  if (!hasPositive) {
    for (const s of parsed.anatomyStatements) {
      let top = 0;
      const scored = ctx.features
        .filter((f) => f.region.kind === 'anatomy')
        .map((f) => ({ f, score: scoreAnatomy(s, f) }))
        .filter((x) => x.score >= ANATOMY_LINK_THRESHOLD);
      for (const x of scored) top = Math.max(top, x.score);
      for (const x of scored) if (x.score >= top - TIE_MARGIN) best.set(x.f.region.id, Math.max(best.get(x.f.region.id) ?? 0, x.score));
    }
  }
  const links = [...best.entries()].map(([regionId, score]) => ({ regionId, score: round3(score) })).sort((a, b) => b.score - a.score);
  return { parsed, mentions, links };
}

export function groundSentence(text: string, ctx: GroundingContext): SentenceGrounding {
  return groundParsed(parseSentence(text, { extraAnatomy: ctx.extraAnatomy }), ctx);
}
