import type { ImportSummary } from '../../../electron/shared/api/channels/study-channels';

/**
 * The study to open after importing what the desktop app was opened with (a DICOM file or folder
 * double-clicked): the one study the import names, when nothing failed (files already imported are
 * not failures). Several studies, none, or any failed file: null, and the worklist shows the result.
 */
export function studyToOpenAfterLaunch(summary: Pick<ImportSummary, 'studies' | 'rejected'>): string | null {
  if (summary.studies.length !== 1) return null;
  if (summary.rejected.some((r) => r.code !== 'ALREADY_IMPORTED')) return null;
  return summary.studies[0]!.studyInstanceUid;
}
