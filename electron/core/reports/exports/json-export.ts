/**
 * The grounded report as JSON, in the form RadFact-style evaluators read: `sentences` is a list of
 * {text, boxes} (boxes normalised 0..1 on the sentence's key image, [x0, y0, x1, y1], or null for a
 * sentence without links), plus our own fields per sentence: section, sentence id, region ids, the
 * regions' world (LPS mm) boxes with their frame of reference, and which slice the key image is.
 * Without a volume loader (or when a volume cannot be loaded) boxes and keyImage are null.
 */
import type { SqliteDatabase } from '../../storage/database-types';
import { cachedRegionReader } from '../../regions/region-repository';
import { buildReportView } from '../report-view';
import type { GroundedReportJson, GroundedSentenceJson } from '../schemas';
import { getReportRow } from '../store/report-rows';
import { sentenceKeyImages, type VolumeLoader } from './sentence-key-images';

export async function exportReportJson(db: SqliteDatabase, reportId: string, loadVolume: VolumeLoader | null = null): Promise<GroundedReportJson> {
  const report = getReportRow(db, reportId);
  const view = buildReportView(db, report);
  const images = await sentenceKeyImages(db, view, loadVolume);
  const sentences: GroundedSentenceJson[] = [];
  const region = cachedRegionReader(db);
  for (const section of view.sections) {
    for (const s of section.sentences) {
      const img = images.get(s.id);
      const worldBoxes = s.regionIds.map((id) => {
        const r = region(id);
        return { regionId: id, frameOfReferenceUid: r.frameOfReferenceUid, min: r.worldBox.min, max: r.worldBox.max };
      });
      const ok = img?.ok ? img : null;
      sentences.push({
        text: s.text,
        boxes: ok && ok.layout.boxes.length > 0 ? ok.layout.boxes.map((b) => b.box) : null,
        section: s.section,
        sentenceId: s.id,
        regionIds: s.regionIds,
        worldBoxes,
        keyImage: ok
          ? {
              volumeId: ok.volumeId,
              seriesInstanceUid: ok.volume.seriesInstanceUid,
              sliceIndex: ok.layout.sliceIndex,
              sopInstanceUid: ok.volume.sopInstanceUids[ok.layout.sliceIndex] ?? null,
              width: ok.layout.width,
              height: ok.layout.height,
            }
          : null,
      });
    }
  }
  return { format: 'radground.grounded-report/1', reportId: report.uid, studyInstanceUid: report.study_instance_uid, status: report.status, contentHash: report.content_hash, sentences };
}
