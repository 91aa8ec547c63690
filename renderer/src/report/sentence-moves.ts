import type { ReportView, SectionName } from '../../../electron/shared/api/channels/report-schemas';

export interface SentencePlace {
  section: SectionName;
  index: number;
}

/**
 * Where a sentence goes when moved one step up (-1) or down (+1): within its section, and from the
 * first (last) place of a section to the end (start) of the previous (next) one; null at the ends.
 */
export function movedPlace(report: ReportView, sentenceId: string, step: 1 | -1): SentencePlace | null {
  const s = report.sections.findIndex((sec) => sec.sentences.some((x) => x.id === sentenceId));
  if (s < 0) return null;
  const section = report.sections[s]!;
  const index = section.sentences.findIndex((x) => x.id === sentenceId);
  const next = index + step;
  if (next >= 0 && next < section.sentences.length) return { section: section.name, index: next };
  const neighbour = report.sections[s + step];
  if (!neighbour) return null;
  return { section: neighbour.name, index: step < 0 ? neighbour.sentences.length : 0 };
}
