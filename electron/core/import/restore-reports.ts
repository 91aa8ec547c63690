/**
 * The import's last step: among the files just imported (from disk or a PACS retrieve), the DICOM
 * SRs RadGround wrote become read-only signed reports again (reports/imported/restore-report.ts),
 * with their regions taken from the SEG the SR points at (in this import or already indexed):
 * each segment's voxels resampled into the grid of the study volume it was drawn on, its label,
 * category and tracking UID, and the SR group's codes, laterality, zone and measurements. Without
 * the SEG, the regions come from the SR alone (the volume surface gives their box; no mask), and the
 * restored report says so.
 *
 * Only files the header reader could not index (an SR has no pixel data) and SEG instances are
 * opened again, one at a time, read and parsed in the DICOM worker. A file that is not a
 * RadGround SR or SEG is left alone; one that is but cannot be restored is listed as rejected.
 */
import { createHash } from 'node:crypto';
import type { ImportSummary, RejectedFile, VolumeGeometry } from '../../shared/api/channels/study-channels';
import type { DicomInstance } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import { worldToIndex } from '../../shared/geometry/grid';
import type { Logger } from '../logging/logger';
import type { Box3, Region } from '../regions/region';
import { restoreImportedReport } from '../reports/imported/restore-report';
import { systemReportEnv } from '../reports/operations/report-env';
import { addendaOf } from '../reports/report-view';
import { dicomWorkers } from '../dicom-worker/dicom-worker-pool';
import type { Dataset } from '../standards/dcmjs-writer';
import { srUidsOf } from '../standards/export-report-dicom';
import { SEG_SOP_CLASS } from '../standards/seg-builder';
import { isRadGroundSeg, maskExtent, readSeg, segmentMaskInGrid, type SegDocument } from '../standards/seg-reader';
import { isRadGroundSr, readReportSr, regionCodeOf, type ReportSrDocument, type SrMeasurementGroup } from '../standards/sr-reader';
import { importedRegionId } from '../standards/tracking';
import type { SqliteDatabase } from '../storage/database-types';
import { volumesOfIndexedSeries, type SkippedSeriesLog } from '../study-volumes/indexed-volumes';
import { yieldToEventLoop } from '../workers/yield-to-event-loop';

export type RestoredReport = NonNullable<ImportSummary['reportsRestored']>[number];

/**
 * Larger files are not opened again: an SR is text and references (KiB); a SEG of a whole-body CT is
 * some MiB. Every rejected file is a candidate SR, so that bound is the tighter one.
 */
const MAX_SR_BYTES = 64 * 1024 * 1024;
const MAX_SEG_BYTES = 512 * 1024 * 1024;

interface Candidate {
  path: string;
  ds: Dataset;
  /** SHA-256 of the bytes that were read (the file as received). */
  digest: string;
}

/** The file read and parsed by dcmjs in the DICOM worker (~0.2 s for a SEG of a few MB): null when too large or unreadable. */
function open(path: string, maxBytes: number): Promise<{ ds: Dataset; digest: string } | null> {
  return dicomWorkers().readPart10File(path, maxBytes).catch(() => null);
}

/**
 * Restores the reports of the RadGround SRs among `rejected` (files the reader could not index)
 * and `instances` (SEGs). Updates `rejected` in place: an SR restored (or restored before) is no
 * longer a rejection, one that fails says why.
 */
export async function restoreReportsFromImport(
  context: { db: SqliteDatabase; logger: Logger; source?: 'file' | 'pacs' },
  instances: readonly DicomInstance[],
  rejected: RejectedFile[],
): Promise<RestoredReport[]> {
  const srs: Candidate[] = [];
  const segs = new Map<string, SegDocument>();
  for (const r of rejected.filter((x) => x.code === 'UNSUPPORTED_INPUT')) {
    const file = await open(r.path, MAX_SR_BYTES);
    if (file && isRadGroundSr(file.ds)) srs.push({ path: r.path, ds: file.ds, digest: file.digest });
    await yieldToEventLoop();
  }
  if (!srs.length) return [];
  for (const i of instances.filter((x) => x.sopClassUid === SEG_SOP_CLASS)) {
    const file = await open(i.filePath, MAX_SEG_BYTES);
    if (file && isRadGroundSeg(file.ds)) segs.set(i.sopInstanceUid, readSeg(file.ds));
    await yieldToEventLoop();
  }
  const documents: { path: string; sr: ReportSrDocument; digest: string }[] = [];
  for (const c of srs) {
    try {
      documents.push({ path: c.path, sr: readReportSr(c.ds), digest: c.digest });
    } catch (e) {
      replaceRejection(rejected, c.path, { path: c.path, code: 'CORRUPT_INPUT', reason: (e as Error).message });
    }
  }
  // Reports before their addenda: an SR with fewer addenda (and no predecessor) first.
  documents.sort((a, b) => Number(!!a.sr.predecessorUid) - Number(!!b.sr.predecessorUid) || a.sr.addenda.length - b.sr.addenda.length);
  const restored: RestoredReport[] = [];
  for (const d of documents) {
    const local = localReportOf(context.db, d.sr);
    if (local) {
      // Our own SR come back (e.g. the study retrieved from the PACS it was sent to): the report is here already.
      replaceRejection(rejected, d.path, { path: d.path, code: 'ALREADY_IMPORTED', reason: `the SR of report ${local}, signed on this workstation` });
      continue;
    }
    try {
      const seg = d.sr.segSopInstanceUid ? (segs.get(d.sr.segSopInstanceUid) ?? (await indexedSeg(context.db, d.sr.segSopInstanceUid))) : null;
      const { regions, notes } = regionsOf(context.db, context.logger, d.sr, seg);
      const outcome = restoreImportedReport(context.db, systemReportEnv, {
        sr: d.sr,
        srDigest: d.digest,
        source: context.source ?? 'file',
        regions,
        segSopInstanceUid: seg?.sopInstanceUid ?? null,
        notes,
      });
      if (outcome.kind === 'present') {
        replaceRejection(rejected, d.path, { path: d.path, code: 'ALREADY_IMPORTED', reason: `already restored as report ${outcome.reportId}` });
      } else {
        replaceRejection(rejected, d.path, null);
        restored.push({ reportId: outcome.reportId, studyInstanceUid: d.sr.studyInstanceUid, srSopInstanceUid: d.sr.sopInstanceUid, kind: outcome.kind, notes: outcome.notes });
        context.logger.info('report restored from SR', { reportId: outcome.reportId, sr: d.sr.sopInstanceUid, kind: outcome.kind, notes: outcome.notes.length });
      }
    } catch (e) {
      context.logger.warn('SR could not be restored', { path: d.path, error: (e as Error).message });
      const code = e instanceof RadGroundError && e.code === 'CORRUPT_INPUT' ? 'CORRUPT_INPUT' : 'INTERNAL';
      replaceRejection(rejected, d.path, { path: d.path, code, reason: `RadGround SR not restored: ${(e as Error).message}` });
    }
    await yieldToEventLoop();
  }
  return restored;
}

/** The report of this workstation (not an imported one) that exports as this SR, if any. */
function localReportOf(db: SqliteDatabase, sr: ReportSrDocument): string | null {
  const rows = db
    .prepare(
      `SELECT r.id, r.uid, r.content_hash FROM reports r WHERE r.study_instance_uid = ? AND r.status IN ('final', 'amended')
       AND NOT EXISTS (SELECT 1 FROM imported_documents d WHERE d.report_ref = r.id)`,
    )
    .all(sr.studyInstanceUid) as { id: number; uid: string; content_hash: string | null }[];
  return rows.find((r) => srUidsOf({ uid: r.uid, contentHash: r.content_hash, addenda: addendaOf(db, r.id) }).includes(sr.sopInstanceUid))?.uid ?? null;
}

function replaceRejection(rejected: RejectedFile[], path: string, next: RejectedFile | null): void {
  const at = rejected.findIndex((r) => r.path === path);
  if (at < 0) {
    if (next) rejected.push(next);
  } else if (next) rejected[at] = next;
  else rejected.splice(at, 1);
}

async function indexedSeg(db: SqliteDatabase, sopInstanceUid: string): Promise<SegDocument | null> {
  const row = db.prepare('SELECT file_path FROM instances WHERE sop_instance_uid = ?').get(sopInstanceUid) as { file_path: string } | undefined;
  const file = row ? await open(row.file_path, MAX_SEG_BYTES) : null;
  return file && isRadGroundSeg(file.ds) ? readSeg(file.ds) : null;
}

/** The indexed volume of a series holding `sops` (or its first), null when the series is not indexed or makes no volume (logged). */
function volumeOf(db: SqliteDatabase, log: SkippedSeriesLog, seriesUid: string | null, sops: readonly string[]): VolumeGeometry | null {
  if (!seriesUid) return null;
  const volumes = volumesOfIndexedSeries(db, seriesUid, log);
  return volumes.find((v) => sops.some((s) => v.sopInstanceUids.includes(s))) ?? volumes[0] ?? null;
}

const shortKey = (uid: string) => createHash('sha256').update(uid).digest('hex').slice(0, 12);
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function boxOfSurface(surface: number[]): Box3 {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let p = 0; p < surface.length; p += 3) {
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a]!, surface[p + a]!);
      max[a] = Math.max(max[a]!, surface[p + a]!);
    }
  }
  return { min, max };
}

function labelOf(g: SrMeasurementGroup, segLabel: string | null): string {
  if (segLabel) return segLabel;
  const id = g.trackingId ?? '';
  const space = id.lastIndexOf(' ');
  return (space > 0 ? id.slice(0, space) : id) || g.finding?.CodeMeaning || 'region';
}

function regionsOf(db: SqliteDatabase, log: SkippedSeriesLog, sr: ReportSrDocument, seg: SegDocument | null): { regions: Map<number, Region>; notes: string[] } {
  const notes: string[] = [];
  if (sr.segSopInstanceUid && !seg) notes.push(`The SEG ${sr.segSopInstanceUid} was not found: regions restored from the SR alone (boxes, no masks).`);
  if (sr.unknownSections.length) notes.push(`Sections RadGround does not know (${sr.unknownSections.join(', ')}) were restored under findings.`);
  const key = shortKey(sr.sopInstanceUid);
  const regions = new Map<number, Region>();
  const missingSeries = new Set<string>();
  for (const g of sr.groups) {
    const segment = seg && g.segment?.segSopInstanceUid === seg.sopInstanceUid ? seg.segments.find((s) => s.number === g.segment!.segmentNumber) : undefined;
    const seriesUid = seg?.referencedSeriesUid ?? g.sourceSeriesUid;
    const volume = volumeOf(db, log, g.sourceSeriesUid ?? seriesUid, g.sourceImages);
    if (!volume && (g.sourceSeriesUid ?? seriesUid)) missingSeries.add((g.sourceSeriesUid ?? seriesUid)!);
    const label = labelOf(g, segment?.label ?? null);
    const trackingUid = g.trackingUid ?? segment?.trackingUid ?? `2.25.${BigInt(`0x${createHash('sha256').update(`${sr.sopInstanceUid}:${g.index}`).digest('hex').slice(0, 30)}`)}`;
    const placed = segment && volume ? segmentMaskInGrid(seg!, segment.number, volume) : null;
    if (segment && volume && !placed?.mask) notes.push(`Segment ${segment.number} (${label}) has no voxel inside the study volume.`);
    if (placed && placed.outside > 0) notes.push(`${placed.outside} voxel(s) of segment ${segment!.number} (${label}) fall outside the study volume.`);
    let voxelBox: Box3 = { min: [0, 0, 0], max: [0, 0, 0] };
    let worldBox: Box3 = { min: [0, 0, 0], max: [0, 0, 0] };
    let centroid: [number, number, number] = [0, 0, 0];
    if (placed?.mask && volume) {
      ({ voxelBox, worldBox, centroid } = maskExtent(placed.mask, volume));
    } else if (g.surface) {
      worldBox = boxOfSurface(g.surface);
      centroid = [0, 1, 2].map((a) => (worldBox.min[a]! + worldBox.max[a]!) / 2) as [number, number, number];
      if (volume) {
        const a = worldToIndex(volume, worldBox.min);
        const b = worldToIndex(volume, worldBox.max);
        const clamp = (x: number, axis: number) => Math.min(volume.dims[axis]! - 1, Math.max(0, x));
        voxelBox = {
          min: [0, 1, 2].map((i) => clamp(Math.round(Math.min(a[i]!, b[i]!) + 0.5), i)) as [number, number, number],
          max: [0, 1, 2].map((i) => clamp(Math.round(Math.max(a[i]!, b[i]!) - 0.5), i)) as [number, number, number],
        };
        for (let i = 0; i < 3; i++) if (voxelBox.min[i]! > voxelBox.max[i]!) voxelBox.max[i] = voxelBox.min[i]!;
      }
    } else {
      notes.push(`Region ${label} has no geometry in the SR (no SEG segment, no volume surface): it is listed without a place in the image.`);
    }
    const voxelMl = volume ? (volume.spacing[0] * volume.spacing[1] * volume.spacing[2]) / 1000 : 0;
    regions.set(g.index, {
      id: importedRegionId(key, trackingUid, g.trackingId, label),
      label,
      kind: segment?.anatomy ? 'anatomy' : 'finding',
      code: regionCodeOf(g.finding ?? segment?.type ?? null),
      laterality: g.laterality,
      zone: g.zone,
      volumeId: placed?.mask || g.surface ? (volume?.volumeId ?? null) : null,
      seriesInstanceUid: volume?.seriesInstanceUid ?? seriesUid ?? null,
      frameOfReferenceUid: volume?.frameOfReferenceUid ?? seg?.frameOfReferenceUid ?? null,
      voxelBox,
      worldBox: { min: worldBox.min.map((x) => round(x)) as [number, number, number], max: worldBox.max.map((x) => round(x)) as [number, number, number] },
      centroid: centroid.map((x) => round(x)) as [number, number, number],
      volumeMl: g.volumeMl ?? (placed?.mask ? round(placed.voxels * voxelMl) : 0),
      diameterMm: g.diameterMm,
      meanHu: g.meanHu,
      // The SR does not carry the model's confidence: the signer stated these regions.
      confidence: 1,
      mask: placed?.mask ?? null,
      runId: null,
    });
  }
  for (const s of missingSeries) notes.push(`The images of series ${s} are not in the index: its regions are not placed on a volume (import the study's images too).`);
  return { regions, notes };
}
