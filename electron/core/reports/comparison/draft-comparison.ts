/**
 * The comparison a draft is written with: the prior the reader chose (compared now, or taken from
 * the cache of registrations), else the newest prior already compared with the study; null when
 * none was: the draft then names the prior without change sentences, and change claims are errors.
 */
import { compareStudies, storedStudyComparison, type CompareDeps, type StudyComparison } from '../../comparison/compare-studies';
import { findPriorStudies } from '../../study-index/study-queries';

export async function comparisonForDraft(deps: CompareDeps, studyInstanceUid: string, priorStudyInstanceUid?: string): Promise<StudyComparison | null> {
  if (priorStudyInstanceUid) return compareStudies(deps, studyInstanceUid, priorStudyInstanceUid);
  for (const prior of findPriorStudies(deps.db, studyInstanceUid)) {
    try {
      const stored = storedStudyComparison(deps, studyInstanceUid, prior.studyInstanceUid);
      if (stored) return stored;
    } catch {
      // a prior without a readable volume is not comparable
    }
  }
  return null;
}
