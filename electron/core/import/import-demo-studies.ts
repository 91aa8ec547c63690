import { join } from 'node:path';
import type { ImportSummary } from '../../shared/api/channels/study-channels';
import { ensureDemoStudies, type DemoManifest } from '../demo';
import { importPaths, type ImportContext } from './import-paths';

export interface DemoImport {
  manifest: DemoManifest;
  summary: ImportSummary;
  currentStudyInstanceUid: string;
  priorStudyInstanceUid: string;
}

/**
 * The product's own demo: generates the synthetic chest CT (current and one-year prior) into
 * <dataDir>/demo on first use, then imports it (a no-op when already indexed).
 */
export async function importDemoStudies(context: ImportContext, dataDir: string): Promise<DemoImport> {
  const manifest = await ensureDemoStudies(dataDir);
  const demoDir = join(dataDir, 'demo');
  const { current, prior } = manifest.exams;
  const summary = await importPaths(context, [join(demoDir, current.directory), join(demoDir, prior.directory)]);
  return {
    manifest,
    summary,
    currentStudyInstanceUid: manifest.exams.current.studyInstanceUid,
    priorStudyInstanceUid: manifest.exams.prior.studyInstanceUid,
  };
}
