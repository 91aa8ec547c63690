/**
 * Unsafe statements: a drafted normal or negative sentence that contradicts an annotated lesion of
 * 10 mm or more. The sentence is read by the product's own parser (reports/grounding), so what is
 * "normal" or "negated" is the product's definition, not a string match:
 *
 *  - a normal statement ("The lungs are clear.") about the lungs (anatomy lung, lobe, hilum,
 *    fissure or hemithorax) or about nothing in particular ("Normal study.");
 *  - a negated mention of a focal or generic finding ("No pulmonary nodule or mass.", "no lesion")
 *    whose anatomy, if it names any, is of the lungs, and whose stated size, if any ("no nodule
 *    over 5 mm"), is at most the lesion's;
 *
 * contradicts a counted lesion of >= 10 mm unless its scope names only the other side ("The left
 * lung is clear." does not contradict a right-sided mass). Zones are not used to excuse a
 * statement (the reference has no zone): a zone-scoped normal statement is judged by its side.
 */
import { CONCEPT_GROUP } from '../reports/grounding/lexicon';
import { parseSentence, type AnatomyScope } from '../reports/grounding/sentence-parser';
import type { ReferenceLesion } from './reference-lesions';

export const UNSAFE_MIN_LESION_MM = 10;
const LUNG_ANATOMY = new Set(['lung', 'lobe', 'hilum', 'fissure', 'hemithorax']);

export interface DraftedSentenceText {
  section: string;
  text: string;
}

export interface UnsafeStatement {
  section: string;
  text: string;
  /** What in the sentence contradicts: its normal statement, its negated finding, or both. */
  kinds: ('normal' | 'negated')[];
  lesionIds: string[];
}

function aboutLungs(scope: AnatomyScope): boolean {
  return scope.anatomy.length === 0 || scope.anatomy.some((a) => LUNG_ANATOMY.has(a));
}

function coversSide(scope: AnatomyScope, side: 'left' | 'right'): boolean {
  return scope.bilateral || scope.sides.length === 0 || scope.sides.includes(side);
}

export function unsafeStatements(sentences: readonly DraftedSentenceText[], lesions: readonly ReferenceLesion[]): UnsafeStatement[] {
  const large = lesions.filter((l) => l.counted && l.sizeMm >= UNSAFE_MIN_LESION_MM);
  if (large.length === 0) return [];
  const out: UnsafeStatement[] = [];
  for (const s of sentences) {
    const parsed = parseSentence(s.text);
    const hits = new Map<'normal' | 'negated', Set<string>>();
    const hit = (kind: 'normal' | 'negated', id: string) => hits.set(kind, (hits.get(kind) ?? new Set()).add(id));
    for (const scope of parsed.normals) {
      if (!aboutLungs(scope)) continue;
      for (const l of large) if (coversSide(scope, l.side)) hit('normal', l.id);
    }
    for (const m of parsed.mentions) {
      if (m.polarity !== 'negated' || !aboutLungs(m)) continue;
      if (!m.concepts.some((c) => CONCEPT_GROUP[c] === 'focal' || CONCEPT_GROUP[c] === 'generic')) continue;
      const minStated = m.sizesMm.length > 0 ? Math.min(...m.sizesMm) : 0;
      for (const l of large) if (coversSide(m, l.side) && l.sizeMm >= minStated) hit('negated', l.id);
    }
    if (hits.size > 0) {
      const ids = new Set([...hits.values()].flatMap((x) => [...x]));
      out.push({ section: s.section, text: s.text, kinds: [...hits.keys()].sort(), lesionIds: [...ids].sort() });
    }
  }
  return out;
}
