/**
 * Change claims ("new", "increased", "decreased", "unchanged"/"stable", "resolved", and comparison
 * words such as "previously", "since the prior") checked against the tracked lesions, not merely
 * against the existence of a prior:
 *
 *  change_without_prior  error    a change or comparison claim while the report has no COMPARED
 *                                 prior (none at all, or one that was never registered and tracked);
 *  change_mismatch       error    a stated change that contradicts the tracked status of a linked
 *                                 lesion ("unchanged" over a 30% growth; "new" over a lesion seen on
 *                                 the prior); statuses follow tracking/change-status.ts (Lung-RADS
 *                                 growth: long-axis diameter change > 1.5 mm);
 *  change_untracked      warning  a stated change about linked regions none of which is a tracked
 *                                 lesion (e.g. consolidation): nothing measured confirms it.
 *
 * Negated claims ("no new nodule") need a compared prior but name no lesion, so they are not matched.
 */
import type { ChangeKind } from '../grounding/lexicon';
import { changeClaims, type ChangeMention, type ParsedSentence } from '../grounding/sentence-parser';
import { formatDicomDate } from '../drafting/templates';
import type { Check, TrackedChange } from '../schemas';

/** What a report compared with: the prior's date and its tracked lesions. */
export interface ComparisonEvidence {
  priorDate: string | null;
  changes: readonly TrackedChange[];
}

type TrackedStatus = TrackedChange['status'];

const STATUS_OF_CLAIM: Record<Exclude<ChangeKind, 'comparison'>, TrackedStatus> = {
  new: 'new',
  increased: 'increased',
  decreased: 'decreased',
  unchanged: 'stable',
  resolved: 'resolved',
};

const quoted = (claims: readonly ChangeMention[]) => [...new Set(claims.map((c) => `“${c.words}”`))].join(', ');
const mm = (v: number | null) => (v === null ? null : `${Math.round(v)} mm`);

/** "30 mm on 2023-03-15, 37 mm now (+23%): increased" */
function describeChange(c: TrackedChange, priorDate: string | null): string {
  const on = formatDicomDate(priorDate);
  const before = c.priorRegionId ? `${mm(c.priorDiameterMm) ?? 'present'}${on ? ` on ${on}` : ' on the prior'}` : `absent${on ? ` on ${on}` : ' on the prior'}`;
  const now = c.currentRegionId ? `${mm(c.currentDiameterMm) ?? 'present'} now` : 'absent now';
  const pct = c.diameterChangePct !== null ? ` (${c.diameterChangePct >= 0 ? '+' : ''}${Math.round(c.diameterChangePct)}%)` : '';
  return `${before}, ${now}${pct}: ${c.status}`;
}

export function changeClaimChecks(parsed: ParsedSentence, linkedRegionIds: readonly string[], hasPrior: boolean, comparison: ComparisonEvidence | null | undefined): Check[] {
  const claims = changeClaims(parsed);
  if (claims.length === 0) return [];
  if (!comparison) {
    return [
      {
        kind: 'change_without_prior',
        severity: 'error',
        message: hasPrior
          ? `${quoted(claims)} ${claims.length > 1 ? 'describe' : 'describes'} a change, but the prior exam was not compared with this one: open Compare, then draft or re-check.`
          : `${quoted(claims)} ${claims.length > 1 ? 'describe' : 'describes'} a change or comparison, but there is no prior study to compare with.`,
        regionIds: [],
      },
    ];
  }
  const stated = claims.filter((c): c is ChangeMention & { kind: Exclude<ChangeKind, 'comparison'> } => c.kind !== 'comparison' && !c.negated);
  if (stated.length === 0 || linkedRegionIds.length === 0) return [];
  const linked = new Set(linkedRegionIds);
  const tracked = comparison.changes.filter((c) => (c.currentRegionId !== null && linked.has(c.currentRegionId)) || (c.priorRegionId !== null && linked.has(c.priorRegionId)));
  if (tracked.length === 0) {
    return [
      {
        kind: 'change_untracked',
        severity: 'warning',
        message: `${quoted(stated)}: no linked region is a lesion tracked between the exams, so no measurement confirms the change.`,
        regionIds: [...linked],
      },
    ];
  }
  const out: Check[] = [];
  for (const claim of stated) {
    const want = STATUS_OF_CLAIM[claim.kind];
    if (tracked.some((c) => c.status === want)) continue;
    const c = tracked[0]!;
    out.push({
      kind: 'change_mismatch',
      severity: 'error',
      message: `The text says “${claim.words}”, but the tracked lesion measures ${describeChange(c, comparison.priorDate)}.`,
      regionIds: [c.currentRegionId, c.priorRegionId].filter((id): id is string => id !== null),
    });
  }
  return out;
}
