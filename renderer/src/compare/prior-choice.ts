/** The priors of a study as the comparison hanging lists them, and the default choice. */
export interface PriorInfo {
  studyInstanceUid: string;
  /** DICOM 'YYYYMMDD'. */
  studyDate: string | null;
  studyTime: string | null;
  description: string | null;
  modalities: string[];
  /** BodyPartExamined of its series, upper case, distinct. */
  bodyParts: string[];
  /** Status of its newest report, null when it has none. */
  reportStatus: string | null;
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));
const newestFirst = (a: PriorInfo, b: PriorInfo) => `${b.studyDate ?? ''}${b.studyTime ?? ''}`.localeCompare(`${a.studyDate ?? ''}${a.studyTime ?? ''}`);

/**
 * The most recent prior with the same modality and body part; else the most recent with the same
 * modality (a body part the files lack is no mismatch); else none (null).
 */
export function defaultPrior(current: { modalities: readonly string[]; bodyParts: readonly string[] }, priors: readonly PriorInfo[]): PriorInfo | null {
  const sorted = [...priors].sort(newestFirst);
  const sameModality = sorted.filter((p) => overlaps(p.modalities, current.modalities));
  const sameBody = sameModality.filter((p) => current.bodyParts.length === 0 || p.bodyParts.length === 0 || overlaps(p.bodyParts, current.bodyParts));
  return sameBody[0] ?? null;
}
