import { join } from 'node:path';
import type { ImportSummary } from '../../shared/api/channels/study-channels';
import { importPaths, type ImportContext } from '../import/import-paths';
import type { PacsNode } from './pacs-node';
import { searchInstances } from './qido-search';
import { retrieveToFolder, type RetrieveOptions, type RetrieveTarget } from './wado-retrieve';

/** Where retrieved files live: the index references files in place, so they stay in the data folder. */
export function retrievedFolder(dataDir: string, studyInstanceUid: string): string {
  return join(dataDir, 'pacs', studyInstanceUid.replace(/[^0-9.]/g, '_'));
}

/**
 * Retrieves a study or series from the node (WADO-RS, as stored) into the data folder and imports
 * exactly the files received: the same import pipeline, summary and events as a local import.
 */
export async function retrieveIntoIndex(
  context: ImportContext & { dataDir: string },
  node: PacsNode,
  target: RetrieveTarget,
  options: Omit<RetrieveOptions, 'total'> = {},
): Promise<ImportSummary> {
  const total = (await searchInstances(node, target.studyInstanceUid, target.seriesInstanceUid, options.signal)).length;
  const files = await retrieveToFolder(node, target, retrievedFolder(context.dataDir, target.studyInstanceUid), { ...options, total });
  return importPaths(context, files);
}
