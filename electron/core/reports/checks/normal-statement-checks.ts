/**
 * Checks of a normal or negative statement ("The lungs are clear.", "No nodule or mass.", "normal
 * lungs", "no consolidation on the left") against what the analysis found and verified, within the
 * statement's scope (side, zone):
 *
 *  denies_finding        error    a finding region the statement denies, at or above the confidence
 *                                 threshold, that no sentence of the report is linked to (the report
 *                                 would deny a finding it never mentions);
 *  contradicts_analysis  warning  a denied finding the report does describe elsewhere, or one below
 *                                 the confidence threshold ("possible"). A statement limited to the
 *                                 rest ("no other nodule", "otherwise clear") is not flagged for the
 *                                 findings other sentences describe;
 *  unverified_normal     warning  a lung statement over a failed check of the lung assessment
 *                                 (asymmetry, airless lung, unresolved candidate, lung not segmented
 *                                 or not wholly in view), quoting the check's detail.
 *
 * What a statement denies: a negated finding word denies regions of that concept (a generic word,
 * "lesion", "abnormality", any finding it could name); a normal statement about the lungs denies
 * every lung finding. Effusion, pneumothorax, nodes and the like are not lung findings.
 */
import type { Region } from '../../regions/region';
import { checkSides, confidenceThreshold, unexplainedFailures } from '../assessment/failed-checks';
import { CONCEPT_GROUP, type Concept, type ConceptGroup } from '../grounding/lexicon';
import { describeRegion, type RegionFeatures } from '../grounding/region-features';
import { labelScore, sideFactor, zoneFactor } from '../grounding/region-scorer';
import type { AnatomyScope, ParsedSentence } from '../grounding/sentence-parser';
import type { Check } from '../schemas';
import type { CheckContext } from './sentence-checks';

/** Finding groups that belong to the lung parenchyma (what "the lungs are clear" denies). */
const LUNG_GROUPS: ReadonlySet<ConceptGroup> = new Set([
  'focal',
  'generic',
  'airspace',
  'atelectasis',
  'volume',
  'emphysema',
  'fibrosis',
  'bronchiectasis',
  'cyst',
  'cavity',
  'calcification',
]);

/** Words that limit a statement to what the report does not describe already. */
const REST_ONLY = /\b(other|otherwise|additional|further|elsewhere|remaining)\b/i;

/** A region is in a statement's scope on its side (or unknown side) and in its zone (or unknown zone). */
const MIN_SIDE = 0.6;
const MIN_ZONE = 0.75;

interface Denial {
  scope: Pick<AnatomyScope, 'sides' | 'bilateral' | 'zones'>;
  what: string;
  /** About the lungs: failed assessment checks contradict it. */
  lungs: boolean;
  denies(f: RegionFeatures): boolean;
}

function isLungConcept(c: Concept): boolean {
  return LUNG_GROUPS.has(CONCEPT_GROUP[c]);
}

function denials(parsed: ParsedSentence): Denial[] {
  const out: Denial[] = [];
  for (const m of parsed.mentions) {
    if (m.polarity !== 'negated') continue;
    const generic = m.concepts.some((c) => CONCEPT_GROUP[c] === 'generic');
    out.push({
      scope: m,
      what: `no ${m.concepts.join(' or ')}`,
      lungs: m.concepts.some(isLungConcept),
      denies: (f) => {
        const label = labelScore(m.concepts, f);
        return label >= 0.99 || (generic && label > 0);
      },
    });
  }
  for (const s of parsed.normals) {
    if (!(s.anatomy.includes('lung') || s.anatomy.includes('lobe') || s.lobes.length > 0)) continue;
    out.push({ scope: s, what: 'the lungs are normal or clear', lungs: true, denies: (f) => f.groups.some((g) => LUNG_GROUPS.has(g)) });
  }
  return out;
}

function inScope(s: Denial['scope'], f: RegionFeatures): boolean {
  return sideFactor(s, f.side) >= MIN_SIDE && zoneFactor(s.zones, f.zone) >= MIN_ZONE;
}

function described(r: Region, threshold: number): string {
  return r.confidence < threshold ? `possible ${describeRegion(r)} (confidence ${r.confidence.toFixed(2)})` : describeRegion(r);
}

export function normalStatementChecks(parsed: ParsedSentence, ctx: CheckContext): Check[] {
  const list = denials(parsed);
  if (list.length === 0) return [];
  const threshold = confidenceThreshold(ctx.assessment);
  const linkedElsewhere = ctx.linkedRegionIds ?? new Set<string>();
  const restOnly = REST_ONLY.test(parsed.text);
  const findings = ctx.grounding.features.filter((f) => f.region.kind === 'finding');

  const denied = new Map<string, Region>();
  const contradicted = new Map<string, Region>();
  let deniedWhat = '';
  let contradictedWhat = '';
  for (const d of list) {
    for (const f of findings) {
      if (!d.denies(f) || !inScope(d.scope, f)) continue;
      const linked = linkedElsewhere.has(f.region.id);
      if (linked && restOnly) continue;
      if (!linked && f.region.confidence >= threshold) {
        denied.set(f.region.id, f.region);
        deniedWhat ||= d.what;
      } else {
        contradicted.set(f.region.id, f.region);
        contradictedWhat ||= d.what;
      }
    }
  }
  const out: Check[] = [];
  if (denied.size > 0) {
    const regions = [...denied.values()];
    out.push({
      kind: 'denies_finding',
      severity: 'error',
      message: `The text says ${deniedWhat}, but the analysis found ${regions.map((r) => described(r, threshold)).join('; ')}, which no sentence of the report describes.`,
      regionIds: regions.map((r) => r.id),
    });
  }
  if (contradicted.size > 0) {
    const regions = [...contradicted.values()];
    out.push({
      kind: 'contradicts_analysis',
      severity: 'warning',
      message: `The text says ${contradictedWhat}, but the analysis found ${regions.map((r) => described(r, threshold)).join('; ')}.`,
      regionIds: regions.map((r) => r.id),
    });
  }
  out.push(...assessmentChecks(list, ctx, findings));
  return out;
}

/** Failed assessment checks on a side a lung statement covers. */
function assessmentChecks(list: Denial[], ctx: CheckContext, findings: RegionFeatures[]): Check[] {
  const a = ctx.assessment;
  if (!a) return [];
  const lungDenials = list.filter((d) => d.lungs);
  if (lungDenials.length === 0) return [];
  const failed = unexplainedFailures(
    a,
    findings.map((f) => f.region),
  ).filter((c) => {
    const sides = checkSides(c);
    return lungDenials.some((d) => d.scope.bilateral || d.scope.sides.length === 0 || d.scope.sides.some((s) => sides.includes(s)));
  });
  if (failed.length === 0) return [];
  return [
    {
      kind: 'unverified_normal',
      severity: 'warning',
      message: `The text says ${lungDenials[0]!.what}, but the automated analysis could not verify it: ${failed.map((c) => c.detail).join('; ')}.`,
      regionIds: [],
    },
  ];
}
