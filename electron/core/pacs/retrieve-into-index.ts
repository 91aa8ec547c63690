import { join } from 'node:path';
import type { ImportSummary } from '../../shared/api/channels/study-channels';
import { importPaths, type ImportContext } from '../import/import-paths';
import type { PacsNode } from './pacs-node';
import { searchInstances } from './qido-search';
import { retrieveToFolder, type RetrieveOptions, type RetrieveProgress, type RetrieveTarget } from './wado-retrieve';

/** Where retrieved files live: the index references files in place, so they stay in the data folder. */
export function retrievedFolder(dataDir: string, studyInstanceUid: string): string {
  return join(dataDir, 'pacs', studyInstanceUid.replace(/[^0-9.]/g, '_'));
}

/**
 * Retrieves a study or series from the node (WADO-RS, as stored) into the data folder and imports
 * exactly the files received: the same import pipeline, summary and events as a local import. The
 * instance count for progress (QIDO-RS) is asked for beside the retrieve, not before it: progress
 * has no total until it answers, and a node that cannot count still delivers.
 */
export async function retrieveIntoIndex(
  context: ImportContext & { dataDir: string },
  node: PacsNode,
  target: RetrieveTarget,
  options: Omit<RetrieveOptions, 'total'> = {},
): Promise<ImportSummary> {
  let total: number | null = null;
  let last: RetrieveProgress | null = null;
  const report = (p: RetrieveProgress) => {
    last = p;
    options.onProgress?.(p);
  };
  const counting = searchInstances(node, target.studyInstanceUid, target.seriesInstanceUid, options.signal).then(
    (found) => {
      total = found.length;
      if (last && last.total === null) report({ ...last, total }); // the count came after some images
    },
    () => {},
  );
  const onProgress = options.onProgress && ((p: RetrieveProgress) => report({ ...p, total: p.total ?? total }));
  const files = await retrieveToFolder(node, target, retrievedFolder(context.dataDir, target.studyInstanceUid), { ...options, onProgress }).finally(() => counting);
  return importPaths({ ...context, source: 'pacs' }, files);
}
