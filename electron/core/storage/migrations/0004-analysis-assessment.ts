import type { Migration } from './migration';

/**
 * model_runs.assessment: what a chest analysis positively verified about the lungs
 * (analysis/lung-assessment.ts), as JSON. NULL for runs that verified nothing (older runs, generic
 * packs): drafts never state a normal finding for them.
 */
const SQL = /* sql */ `
ALTER TABLE model_runs ADD COLUMN assessment TEXT CHECK (assessment IS NULL OR (json_valid(assessment) AND json_type(assessment) = 'object'));
`;

const migration: Migration = {
  version: 4,
  name: 'analysis-assessment',
  up(db) {
    db.exec(SQL);
  },
};

export default migration;
