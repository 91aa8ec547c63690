import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportSummary, RejectedFile, StudySummary, VolumeSummary } from '../../shared/api/channels/study-channels';
import type { ApiEvent } from '../../shared/api/events';
import { classifyDicomFiles, scanForDicomFiles } from '../dicom';
import type { DicomInstance } from '../dicom/dicom-instance';
import { dicomWorkers } from '../dicom-worker/dicom-worker-pool';
import type { Logger } from '../logging/logger';
import type { SqliteDatabase } from '../storage/database-types';
import { getStudy, indexInstances, listSeriesInstances, recordRejectedFiles } from '../study-index';
import { describeSeriesVolumes } from '../study-volumes/volume-geometry';
import { yieldToEventLoop } from '../workers/yield-to-event-loop';
import { restoreReportsFromImport } from './restore-reports';
import { classificationRejection, duplicateRejection, missingPathRejection, noVolumeRejection, readerRejection } from './rejection-codes';

export interface ImportContext {
  db: SqliteDatabase;
  logger: Logger;
  publish(event: ApiEvent): void;
  /** Where the files came from: recorded with any report restored from a RadGround SR among them. Default 'file'. */
  source?: 'file' | 'pacs';
}

/** Headers read at once; each is parsed (deflated data sets inflated) in the DICOM worker pool. */
const HEADER_READ_CONCURRENCY = 8;
/** Instances indexed per SQLite transaction; the event loop is free between batches (each takes a few ms). */
const INDEX_BATCH = 50;

/**
 * Imports files, folders and DICOMDIRs: finds candidate files, reads each header, indexes them
 * (idempotent: a second import of the same files adds nothing) and lists every file it could not
 * use with the reason. One bad file never stops the rest.
 */
export async function importPaths(context: ImportContext, paths: string[]): Promise<ImportSummary> {
  const importId = randomUUID();
  const rejected: RejectedFile[] = [];
  const progress = (phase: 'scanning' | 'reading' | 'indexing' | 'done', done: number, total: number) =>
    context.publish({ type: 'import.progress', importId, phase, done, total, rejected: rejected.length });

  progress('scanning', 0, 0);
  const absolute = paths.map((p) => resolve(p));
  for (const path of absolute) if (!existsSync(path)) rejected.push(missingPathRejection(path));
  const candidates = await scanForDicomFiles(absolute.filter((p) => existsSync(p)));
  const classified = await classifyDicomFiles(candidates);
  rejected.push(...classified.rejected.map((r) => classificationRejection(r.path, r.reason)));

  const instances = await readHeaders(classified.accepted, rejected, (done) => progress('reading', done, classified.accepted.length));
  // Indexed again all the same (idempotent; a moved file gets its new path).
  rejected.push(...alreadyIndexed(context.db, instances));

  progress('indexing', 0, instances.length);
  const added = { patients: 0, studies: 0, series: 0, instances: 0 };
  for (let start = 0; start < instances.length; start += INDEX_BATCH) {
    if (start > 0) await yieldToEventLoop();
    const result = indexInstances(context.db, instances.slice(start, start + INDEX_BATCH));
    for (const key of Object.keys(added) as (keyof typeof added)[]) added[key] += result.added[key];
    progress('indexing', Math.min(start + INDEX_BATCH, instances.length), instances.length);
  }

  // RadGround SRs (not indexed: no pixel data) become read-only signed reports again.
  const reportsRestored = await restoreReportsFromImport(context, instances, rejected);

  // Files already in the index are not failures: they stay out of the rejected_files table.
  recordRejectedFiles(context.db, rejected.filter((r) => r.code !== 'ALREADY_IMPORTED').map(({ path, reason }) => ({ path, reason })));
  // Series-level problems are reported in the summary but are not file rejections.
  const { studies, volumes } = summarizeAffected(context.db, instances, rejected);
  progress('done', instances.length, instances.length);
  if (added.instances > 0 || reportsRestored.length > 0) context.publish({ type: 'studies.changed' });
  for (const r of rejected) context.logger.debug('import rejected a file', { importId, path: r.path, code: r.code, reason: r.reason });
  // Files already indexed are counted apart: a re-import of a known folder is not a failure.
  const alreadyImported = rejected.filter((r) => r.code === 'ALREADY_IMPORTED').length;
  context.logger.info('import finished', { importId, files: candidates.length, added, alreadyImported, rejected: rejected.length - alreadyImported });
  return { importId, filesSeen: candidates.length, added, studies, volumes, rejected, reportsRestored };
}

async function readHeaders(
  files: string[],
  rejected: RejectedFile[],
  onProgress: (done: number) => void,
): Promise<DicomInstance[]> {
  const instances: DicomInstance[] = [];
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < files.length) {
      const file = files[next++]!;
      try {
        instances.push(await dicomWorkers().readHeader(file));
      } catch (e) {
        rejected.push(readerRejection(file, e));
      }
      if (++done % 16 === 0 || done === files.length) onProgress(done);
    }
  }
  await Promise.all(Array.from({ length: Math.min(HEADER_READ_CONCURRENCY, Math.max(files.length, 1)) }, worker));
  return instances;
}

function summarizeAffected(
  db: SqliteDatabase,
  instances: DicomInstance[],
  rejected: RejectedFile[],
): { studies: StudySummary[]; volumes: VolumeSummary[] } {
  const studyUids = [...new Set(instances.map((i) => i.studyInstanceUid))];
  const seriesUids = [...new Set(instances.map((i) => i.seriesInstanceUid))];
  const studies = studyUids.map((uid) => {
    const { series: _series, ...summary } = getStudy(db, uid);
    return summary;
  });
  const volumes: VolumeSummary[] = [];
  for (const uid of seriesUids) {
    const seriesInstances = listSeriesInstances(db, uid);
    try {
      for (const { sopInstanceUids: _uids, imageNumbering: _numbers, ...geometry } of describeSeriesVolumes(seriesInstances)) volumes.push(geometry);
    } catch (e) {
      // Indexed, but no volume can be built (e.g. color images): say so instead of failing later.
      rejected.push(noVolumeRejection(seriesInstances[0]?.filePath ?? uid, uid, (e as Error).message));
    }
  }
  return { studies, volumes };
}

/**
 * Files whose SOP Instance UID is indexed already (before this import, or earlier in it): listed as
 * "already imported" (ALREADY_IMPORTED), though indexing them again is harmless.
 */
function alreadyIndexed(db: SqliteDatabase, instances: readonly DicomInstance[]): RejectedFile[] {
  const q = db.prepare('SELECT file_path FROM instances WHERE sop_instance_uid = ?');
  const seen = new Map<string, string>();
  const rejections: RejectedFile[] = [];
  for (const i of instances) {
    const indexed = (q.get(i.sopInstanceUid) as { file_path: string } | undefined)?.file_path ?? seen.get(i.sopInstanceUid);
    if (indexed !== undefined) rejections.push(duplicateRejection(i.filePath, indexed));
    else seen.set(i.sopInstanceUid, i.filePath);
  }
  return rejections;
}
