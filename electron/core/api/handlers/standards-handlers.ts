import { buildFhirDiagnosticReport } from '../../standards/fhir-report';
import type { SqliteDatabase } from '../../storage/database-types';
import type { ApiHandlers } from '../dispatch';

export function createStandardsHandlers(db: SqliteDatabase): Pick<ApiHandlers, 'standards.fhir'> {
  return {
    'standards.fhir': async ({ reportId }) => buildFhirDiagnosticReport(db, reportId) as { resourceType: 'DiagnosticReport' },
  };
}
