import type { Migration } from './migration';
import studyIndex from './0001-study-index';
import modelRunsAndRegions from './0002-model-runs-and-regions';
import reports from './0003-reports';
import analysisAssessment from './0004-analysis-assessment';
import evaluations from './0005-evaluations';
import registrations from './0006-registrations';
import regionImageAnchors from './0007-region-image-anchors';
import signatureLedger from './0008-signature-ledger';
import pacsSendQueue from './0009-pacs-send-queue';
import importedReports from './0010-imported-reports';

/**
 * Every schema migration, oldest first. Versions must be 1, 2, 3... with no gaps (checked at
 * start-up by assertMigrationList). To change the schema: add `NNNN-short-name.ts` beside this file
 * exporting `{ version: NNNN, name, up }` as its default and append it here.
 */
export const MIGRATIONS: readonly Migration[] = [studyIndex, modelRunsAndRegions, reports, analysisAssessment, evaluations, registrations, regionImageAnchors, signatureLedger, pacsSendQueue, importedReports];

/** The schema version this build of RadGround writes. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
