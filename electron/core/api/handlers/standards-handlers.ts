import { buildFhirDiagnosticReport } from '../../standards/fhir-report';
import type { ApiHandlers } from '../dispatch';

/** `db`: the database the report lives in, handed on to the standards module (no SQL here). */
export function createStandardsHandlers(db: Parameters<typeof buildFhirDiagnosticReport>[0]): Pick<ApiHandlers, 'standards.fhir'> {
  return {
    'standards.fhir': async ({ reportId }) => buildFhirDiagnosticReport(db, reportId) as { resourceType: 'DiagnosticReport' },
  };
}
