/**
 * Key images of a report's linked sentences: for each sentence with links, the slice through its
 * best-linked region's centroid on that region's volume (loaded through the caller's loader, each
 * volume once), with the layout (slice, boxes), the regions drawn on it, and which image it is
 * (series and image number, as the report cites and the viewer shows them).
 */
import { cachedRegionReader } from '../../regions/region-repository';
import type { Region } from '../../regions/region';
import type { SqliteDatabase } from '../../storage/database-types';
import type { Volume } from '../../volume-assembly/volume';
import type { ReportView } from '../schemas';
import { keyImageCitation, type KeyImageCitation } from './key-image-citation';
import { keyImageLayout, type KeyImageLayout } from './key-image';

export type VolumeLoader = (volumeId: string) => Promise<Volume>;

export type SentenceKeyImage =
  | { ok: true; volumeId: string; volume: Volume; layout: KeyImageLayout; regions: Region[]; citation: KeyImageCitation | null }
  | { ok: false; reason: string };

export async function sentenceKeyImages(db: SqliteDatabase, view: ReportView, loadVolume: VolumeLoader | null): Promise<Map<string, SentenceKeyImage>> {
  const out = new Map<string, SentenceKeyImage>();
  const volumes = new Map<string, Promise<Volume>>();
  const region = cachedRegionReader(db);
  for (const section of view.sections) {
    for (const s of section.sentences) {
      if (s.links.length === 0) continue;
      const linked = s.links.map((l) => region(l.regionId));
      const primary = linked[0]!;
      if (!loadVolume) {
        out.set(s.id, { ok: false, reason: 'no volume loader was given' });
        continue;
      }
      if (!primary.volumeId) {
        out.set(s.id, { ok: false, reason: `region ${primary.id} has no volume` });
        continue;
      }
      let pending = volumes.get(primary.volumeId);
      if (!pending) {
        pending = loadVolume(primary.volumeId);
        volumes.set(primary.volumeId, pending);
      }
      try {
        const volume = await pending;
        const layout = keyImageLayout(volume, primary.volumeId, primary, linked);
        out.set(s.id, { ok: true, volumeId: primary.volumeId, volume, layout, regions: linked, citation: keyImageCitation(db, primary.volumeId, layout.sliceIndex) });
      } catch (e) {
        out.set(s.id, { ok: false, reason: `volume ${primary.volumeId} could not be loaded (${e instanceof Error ? e.message : String(e)})` });
      }
    }
  }
  return out;
}
