/**
 * A report as a FHIR R4 DiagnosticReport (IHE IMR style): LOINC-coded imaging report for the
 * patient, its ImagingStudy (contained, identified by the DICOM Study Instance UID, with its series)
 * referenced from `imagingStudy`, the impression as `conclusion`, and the whole text as a
 * `presentedForm` attachment. Status follows the report: draft/preliminary → preliminary,
 * final → final, amended (addenda) → amended.
 */
import type { ReportStatus } from '../../shared/api/channels/report-schemas';
import { buildReportView } from '../reports/report-view';
import { getReportRow } from '../reports/store/report-rows';
import type { SqliteDatabase } from '../storage/database-types';
import { getStudy } from '../study-index';

export type FhirResource = Record<string, unknown> & { resourceType: string };

const FHIR_STATUS: Record<ReportStatus, string> = { draft: 'preliminary', preliminary: 'preliminary', final: 'final', amended: 'amended' };
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

/** DICOM DA (+TM) as a FHIR dateTime, or null. */
export function fhirDateTime(date: string | null, time: string | null): string | null {
  if (!date || !/^\d{8}$/.test(date)) return null;
  const d = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
  const t = time?.match(/^(\d{2})(\d{2})(\d{2})?/);
  return t ? `${d}T${t[1]}:${t[2]}:${t[3] ?? '00'}Z` : d;
}

const SECTION_TITLES: Record<string, string> = { indication: 'INDICATION', technique: 'TECHNIQUE', comparison: 'COMPARISON', findings: 'FINDINGS', impression: 'IMPRESSION' };

export function buildFhirDiagnosticReport(db: SqliteDatabase, reportId: string): FhirResource {
  const row = getReportRow(db, reportId);
  const view = buildReportView(db, row);
  const study = getStudy(db, row.study_instance_uid);
  const { series } = study;
  const subject = { identifier: { value: study.patient.patientId ?? 'unknown' }, ...(study.patient.name ? { display: study.patient.name.replace(/\^/g, ' ').trim() } : {}) };
  const started = fhirDateTime(study.studyDate, study.studyTime);
  const imagingStudy: FhirResource = {
    resourceType: 'ImagingStudy',
    id: 'study',
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${study.studyInstanceUid}` }, ...(study.accessionNumber ? [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] }, value: study.accessionNumber }] : [])],
    status: 'available',
    modality: [...new Set(series.map((s) => s.modality).filter((m): m is string => !!m))].map((code) => ({ system: DCM, code })),
    subject,
    ...(started ? { started } : {}),
    numberOfSeries: series.length,
    numberOfInstances: series.reduce((n, s) => n + s.instanceCount, 0),
    ...(study.description ? { description: study.description } : {}),
    series: series.map((s) => ({
      uid: s.seriesInstanceUid,
      ...(s.seriesNumber !== null ? { number: s.seriesNumber } : {}),
      modality: { system: DCM, code: s.modality ?? 'OT' },
      ...(s.description ? { description: s.description } : {}),
      numberOfInstances: s.instanceCount,
      ...(s.bodyPart ? { bodySite: { display: s.bodyPart } } : {}),
    })),
  };
  const sectionText = view.sections
    .filter((s) => s.sentences.length)
    .map((s) => `${SECTION_TITLES[s.name] ?? s.name.toUpperCase()}\n${s.sentences.map((x) => x.text).join(' ')}`);
  const addenda = view.addenda.map((a) => `ADDENDUM (${a.author}, ${a.createdAt})\n${a.text}`);
  const fullText = [...sectionText, ...addenda].join('\n\n') + '\n';
  const impression = view.sections.find((s) => s.name === 'impression')?.sentences.map((x) => x.text).join(' ') ?? '';
  const signed = view.signedAt !== null;
  return {
    resourceType: 'DiagnosticReport',
    id: view.id.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64),
    meta: { profile: ['http://hl7.org/fhir/StructureDefinition/DiagnosticReport'] },
    contained: [imagingStudy],
    identifier: [{ system: 'urn:radground:report', value: view.id }],
    status: FHIR_STATUS[view.status],
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD', display: 'Radiology' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '18748-4', display: 'Diagnostic imaging study' }], text: study.description ?? 'Imaging report' },
    subject,
    ...(started ? { effectiveDateTime: started } : {}),
    issued: view.signedAt ?? view.updatedAt,
    ...(signed ? { resultsInterpreter: [{ display: view.signedBy }] } : {}),
    imagingStudy: [{ reference: '#study' }],
    ...(impression ? { conclusion: impression } : {}),
    presentedForm: [{ contentType: 'text/plain; charset=utf-8', language: 'en-US', data: Buffer.from(fullText, 'utf8').toString('base64'), title: 'Radiology report' }],
  };
}
