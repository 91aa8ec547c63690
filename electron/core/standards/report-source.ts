/**
 * Everything the SR and SEG exports of one signed report need, read from the database: the report
 * (sections, sentences, links), its linked regions with masks, the source series' geometry and
 * instances, and the model pack that produced the AI content.
 */
import type { DicomInstance } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import { getRegion } from '../regions/region-repository';
import type { Region } from '../regions/region';
import { buildReportView } from '../reports/report-view';
import { getReportRow, isSigned } from '../reports/store/report-rows';
import type { SqliteDatabase } from '../storage/database-types';
import { listSeriesInstances } from '../study-index';
import type { VolumeGeometry } from '../../shared/api/channels/study-channels';
import type { ReportView } from '../../shared/api/channels/report-schemas';

export interface ReportDicomSource {
  report: ReportView & { uid: string; signedBy: string; signedAt: string; contentHash: string | null };
  regions: Region[];
  /** Geometry of each linked region's volume, by volume id. */
  volumes: Map<string, VolumeGeometry>;
  /** The study's patient/study attributes, from one of its instances. */
  studyInstance: DicomInstance;
  /** SOP Class UID of each source instance, by SOP Instance UID. */
  sopClassOf: Map<string, string>;
  modelPacks: { id: string; version: string }[];
}

export function readReportDicomSource(db: SqliteDatabase, reportId: string, describeVolume: (volumeId: string) => VolumeGeometry): ReportDicomSource {
  const row = getReportRow(db, reportId);
  if (!isSigned(row.status)) throw new RadGroundError('CONFLICT', `report ${reportId} is not signed (status ${row.status}): only signed reports are exported as DICOM`);
  const view = buildReportView(db, row);
  const regionIds = [...new Set(view.sections.flatMap((s) => s.sentences.flatMap((x) => x.regionIds)))];
  const regions = regionIds.map((id) => getRegion(db, id));
  const volumes = new Map<string, VolumeGeometry>();
  for (const r of regions) if (r.volumeId && !volumes.has(r.volumeId)) volumes.set(r.volumeId, describeVolume(r.volumeId));
  const sopClassOf = new Map<string, string>();
  let studyInstance: DicomInstance | null = null;
  for (const series of new Set(regions.map((r) => r.seriesInstanceUid).filter((s): s is string => !!s))) {
    for (const inst of listSeriesInstances(db, series)) {
      sopClassOf.set(inst.sopInstanceUid, inst.sopClassUid);
      studyInstance ??= inst;
    }
  }
  if (!studyInstance) {
    const any = db.prepare(`SELECT se.series_instance_uid AS s FROM series se JOIN studies st ON st.id = se.study_ref WHERE st.study_instance_uid = ? LIMIT 1`).get(row.study_instance_uid) as { s: string } | undefined;
    if (!any) throw new RadGroundError('NOT_FOUND', `no images of study ${row.study_instance_uid}`);
    studyInstance = listSeriesInstances(db, any.s)[0]!;
  }
  const runIds = [...new Set(regions.map((r) => r.runId).filter((x): x is string => !!x))];
  const modelPacks = runIds.map((uid) => {
    const m = db.prepare('SELECT pack_id AS id, pack_version AS version FROM model_runs WHERE uid = ?').get(uid) as { id: string; version: string };
    return m;
  });
  return {
    report: { ...view, uid: row.uid, signedBy: row.signed_by ?? '', signedAt: row.signed_at ?? new Date().toISOString(), contentHash: row.content_hash },
    regions,
    volumes,
    studyInstance,
    sopClassOf,
    modelPacks: modelPacks.filter((m, i) => modelPacks.findIndex((n) => n.id === m.id && n.version === m.version) === i),
  };
}
