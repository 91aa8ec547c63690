/**
 * Which template suits a study: the one whose modalities include a series' modality and whose body
 * parts include its BodyPartExamined (or, when that is absent, whose description words occur in
 * the study or series description). A modality match with no body part recorded at all comes
 * next; the generic template (no modalities) suits anything, last.
 */
import type { ReportTemplate } from './template-schema';

export interface TemplateSeries {
  modality: string | null;
  bodyPart: string | null;
  description: string | null;
}

export interface TemplateStudy {
  description: string | null;
  series: readonly TemplateSeries[];
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toUpperCase();

function words(text: string | null): Set<string> {
  return new Set(norm(text).split(/[^A-Z0-9]+/).filter(Boolean));
}

/** 3: modality and body part; 2: modality and description word; 1: modality, body part unknown; 0: generic; -1: does not suit. */
export function templateScore(template: ReportTemplate, study: TemplateStudy): number {
  const { modalities, bodyParts, descriptionWords } = template.match;
  if (modalities.length === 0) return 0;
  let best = -1;
  for (const s of study.series) {
    if (!modalities.some((m) => norm(m) === norm(s.modality))) continue;
    const part = norm(s.bodyPart);
    if (part && bodyParts.some((b) => norm(b) === part)) return 3;
    const said = new Set([...words(study.description), ...words(s.description)]);
    if (descriptionWords.some((w) => said.has(norm(w)))) best = Math.max(best, 2);
    else if (!part) best = Math.max(best, bodyParts.length === 0 && descriptionWords.length === 0 ? 3 : 1);
  }
  return best;
}

/** The best-suited template (ties: the first listed); null only when none suits, i.e. no generic one. */
export function chooseTemplate(templates: readonly ReportTemplate[], study: TemplateStudy): ReportTemplate | null {
  let best: ReportTemplate | null = null;
  let bestScore = -1;
  for (const t of templates) {
    const score = templateScore(t, study);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}
