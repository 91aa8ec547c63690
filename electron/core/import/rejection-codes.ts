/**
 * The typed code of every file an import could not use. The DICOM reader throws RadGroundErrors
 * whose code is carried as is; the Part 10 check and the path scan say why in words, mapped here.
 */
import type { ImportRejectionCode, RejectedFile } from '../../shared/api/channels/study-channels';
import { isRadGroundError } from '../errors/radground-error';

/** A file the reader refused: its error's code (CORRUPT_INPUT, UNSUPPORTED_INPUT, NOT_FOUND, FORBIDDEN...). */
export function readerRejection(path: string, e: unknown): RejectedFile {
  const reason = e instanceof Error ? e.message : String(e);
  if (!isRadGroundError(e)) return { path, code: 'INTERNAL', reason };
  const code: ImportRejectionCode =
    e.code === 'CORRUPT_INPUT' || e.code === 'UNSUPPORTED_INPUT' || e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN' ? e.code : e.code === 'BAD_REQUEST' ? 'NOT_REGULAR_FILE' : 'INTERNAL';
  return { path, code, reason };
}

/** A file the Part 10 check refused (classifyDicomFiles gives reasons only). */
export function classificationRejection(path: string, reason: string): RejectedFile {
  if (/\.nii(\.gz)?$/i.test(path)) return { path, code: 'NIFTI_NOT_INDEXED', reason: 'a NIfTI volume, not DICOM: the study index holds DICOM studies only' };
  if (reason === 'file not found') return { path, code: 'NOT_FOUND', reason };
  if (/^no permission/.test(reason)) return { path, code: 'FORBIDDEN', reason };
  if (/^(not a regular file|a folder, not a file)/.test(reason)) return { path, code: 'NOT_REGULAR_FILE', reason };
  if (/^cannot read the file/.test(reason)) return { path, code: 'CORRUPT_INPUT', reason };
  return { path, code: 'NOT_DICOM', reason };
}

export function missingPathRejection(path: string): RejectedFile {
  return { path, code: 'NOT_FOUND', reason: 'no such file or folder' };
}

export function duplicateRejection(path: string, indexedPath: string): RejectedFile {
  return { path, code: 'ALREADY_IMPORTED', reason: indexedPath === path ? 'already imported' : `already imported (the same SOP Instance UID as ${indexedPath})` };
}

export function noVolumeRejection(path: string, seriesUid: string, message: string): RejectedFile {
  return { path, code: 'NO_VOLUME', reason: `series ${seriesUid} cannot be shown as a volume: ${message}` };
}

/** Whether an import found nothing usable: no file added, none already in the index, no report restored. */
export function importedNothing(summary: { added: { instances: number }; rejected: readonly RejectedFile[]; reportsRestored?: readonly unknown[] }): boolean {
  return summary.added.instances === 0 && !summary.rejected.some((r) => r.code === 'ALREADY_IMPORTED') && !summary.reportsRestored?.length;
}
