/**
 * A report started from a template (or blank): the template's sentences, typed by people, so their
 * origin is 'human' and nothing is linked until they are grounded. Technique falls back to the DICOM
 * headers and comparison to the prior exam when the template leaves them empty. A blank report has
 * every section empty but technique and comparison, which say only what the headers record.
 */
import type { DraftedReport } from '../drafting/draft-report';
import { techniqueSentences, type TechniqueHeader } from '../drafting/technique';
import { comparisonSentence } from '../drafting/templates';
import { SECTION_NAMES, type PriorExam, type SectionName } from '../schemas';
import type { ReportTemplate } from './template-schema';

export interface TemplateReportInput {
  /** null: a blank report. */
  template: ReportTemplate | null;
  seriesHeaders: readonly TechniqueHeader[];
  prior: PriorExam | null;
  indication?: string | null;
}

export function templateReport(input: TemplateReportInput): DraftedReport {
  const given = (name: SectionName): string[] => input.template?.sections[name] ?? [];
  const text: Record<SectionName, string[]> = {
    indication: input.indication?.trim() ? [input.indication.trim()] : given('indication'),
    technique: given('technique').length > 0 ? given('technique') : techniqueSentences(input.seriesHeaders),
    comparison: given('comparison').length > 0 ? given('comparison') : [comparisonSentence(input.prior)],
    findings: given('findings'),
    impression: given('impression'),
  };
  return {
    sections: SECTION_NAMES.map((name) => ({ name, sentences: text[name].map((t) => ({ text: t, origin: 'human' as const, regionIds: [] })) })),
  };
}
