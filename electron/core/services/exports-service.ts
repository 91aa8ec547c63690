import type { GroundedReportJson } from '../reports';
import type { ReportService } from '../reports';
import { buildFhirDiagnosticReport } from '../standards/fhir-report';
import { exportReportDicom, writeReportDicom, type ReportDicomObjects } from '../standards';
import type { SqliteDatabase } from '../storage/database-types';
import type { StudyVolumeService } from '../study-volumes/study-volume-service';

/**
 * A report in the forms it leaves RadGround: self-contained HTML with key images, grounded JSON,
 * DICOM SR + SEG, and a FHIR DiagnosticReport.
 */
export interface ExportsService {
  html(reportId: string): Promise<string>;
  json(reportId: string): Promise<GroundedReportJson>;
  dicom(reportId: string): Promise<ReportDicomObjects>;
  /** Writes the SR and/or SEG to the given files; returns the files written. */
  writeDicom(reportId: string, files: { sr?: string; seg?: string }): Promise<string[]>;
  fhir(reportId: string): ReturnType<typeof buildFhirDiagnosticReport>;
}

export function createExportsService(deps: { db: SqliteDatabase; volumes: StudyVolumeService; reports: ReportService }): ExportsService {
  const loadVolume = (volumeId: string) => deps.volumes.load(volumeId);
  return {
    html: (reportId) => deps.reports.exportHtml(reportId, loadVolume),
    json: (reportId) => deps.reports.exportJson(reportId, loadVolume),
    dicom: (reportId) => exportReportDicom(deps, reportId),
    writeDicom: (reportId, files) => writeReportDicom(deps, reportId, files),
    fhir: (reportId) => buildFhirDiagnosticReport(deps.db, reportId),
  };
}
