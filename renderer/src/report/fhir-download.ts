import { useApi } from '../api/api-client';
import { downloadText } from './download';

/** Downloads the report as a FHIR R4 DiagnosticReport (standards.fhir). */
export async function downloadFhir(reportId: string): Promise<void> {
  const { api } = useApi();
  const resource = await api['standards.fhir']({ reportId });
  downloadText(`report-${reportId}.fhir.json`, JSON.stringify(resource, null, 2) + '\n', 'application/fhir+json');
}
