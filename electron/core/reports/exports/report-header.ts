/**
 * The header of an exported report: who the patient is (name, ID, birth date, sex), the study
 * (accession, date, description), the report's author, signer and signing time (UTC, said so), and
 * the override reason given at signing. A report whose study is no longer indexed says so.
 */
import { formatDicomDate, formatPersonName } from '../../../shared/format/dicom-text';
import type { SqliteDatabase } from '../../storage/database-types';
import { getStudy } from '../../study-index';
import type { ReportView } from '../schemas';
import { listAudit } from '../store/audit-log';
import { getReportRow } from '../store/report-rows';

export type HeaderRow = [label: string, value: string];

/** '2024-05-01T10:22:03.123Z' -> '2024-05-01 10:22:03 UTC'. */
export function utcText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

const SEX: Record<string, string> = { M: 'male', F: 'female', O: 'other' };

/** The reasons given to sign despite errors, oldest first. */
export function overrideReasons(db: SqliteDatabase, reportId: string): string[] {
  const row = getReportRow(db, reportId);
  return listAudit(db, row.id, row.uid)
    .filter((e) => e.action === 'override' && typeof e.detail.reason === 'string')
    .map((e) => e.detail.reason as string);
}

export function reportHeaderRows(db: SqliteDatabase, view: ReportView): HeaderRow[] {
  const rows: HeaderRow[] = [];
  let study: ReturnType<typeof getStudy> | null;
  try {
    study = getStudy(db, view.studyInstanceUid);
  } catch {
    study = null;
  }
  if (study) {
    const p = study.patient;
    rows.push(
      ['Patient', formatPersonName(p.name)],
      ['Patient ID', p.patientId ?? '—'],
      ['Birth date', formatDicomDate(p.birthDate)],
      ['Sex', p.sex ? (SEX[p.sex] ?? p.sex) : '—'],
      ['Accession', study.accessionNumber ?? '—'],
      ['Study date', formatDicomDate(study.studyDate)],
      ['Study', [study.description, study.modalities.join(', ')].filter(Boolean).join(' — ') || '—'],
    );
  } else {
    rows.push(['Patient', 'study not in the index']);
  }
  rows.push(['Study UID', view.studyInstanceUid], ['Author', view.author], ['Created', utcText(view.createdAt)]);
  rows.push(['Signed by', view.signedBy ?? 'not signed'], ['Signed at', view.signedAt ? utcText(view.signedAt) : '—']);
  for (const reason of overrideReasons(db, view.id)) rows.push(['Signed despite errors', reason]);
  rows.push(['Version', String(view.version)]);
  rows.push(['Comparison', view.prior ? [view.prior.description, view.prior.studyDate].filter(Boolean).join(', ') || 'prior study' : 'none']);
  return rows;
}
