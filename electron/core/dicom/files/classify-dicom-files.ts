import { dicomFileRejectionReason } from './is-dicom-file';

export interface DicomFileClassification {
  accepted: string[];
  rejected: { path: string; reason: string }[];
}

/**
 * Splits candidate files into DICOM Part 10 files and the rest, with a reason for each rejection. Reads
 * only the first 132 bytes of each file, a few files at a time; order of the input is kept.
 */
export async function classifyDicomFiles(paths: string[], concurrency = 16): Promise<DicomFileClassification> {
  const reasons: (string | null)[] = new Array(paths.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < paths.length) {
      const index = next++;
      reasons[index] = await dicomFileRejectionReason(paths[index]!);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, paths.length)) }, worker));
  const result: DicomFileClassification = { accepted: [], rejected: [] };
  paths.forEach((path, i) => {
    const reason = reasons[i]; // every worker has finished: set for each path
    if (reason === null) result.accepted.push(path);
    else result.rejected.push({ path, reason: reason! });
  });
  return result;
}
