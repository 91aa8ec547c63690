/**
 * LIDC-IDRI reading XML (LidcReadMessage): one `readingSession` per radiologist, each with
 * `unblindedReadNodule`s (a nodule ID, characteristics and one `roi` per slice: `imageSOP_UID`,
 * `imageZposition`, `inclusion`, and `edgeMap` points x = column, y = row) and `nonNodule` marks.
 *
 * Each reader's nodule becomes one mark: its inclusion outlines filled on their slices (exclusion
 * outlines, inclusion FALSE, are holes and are skipped: the outline's interior already bounds the
 * lesion). Nodules under 3 mm are a single edgeMap point: a one-voxel mark. Slices are found by
 * SOP Instance UID, else by z position. nonNodule marks are counted, never lesions.
 */
import { RadGroundError } from '../errors/radground-error';
import type { Volume } from '../volume-assembly/volume';
import { MAX_XML_BYTES, readCheckedText } from './annotation-files';
import { childNamed, childNumber, childrenNamed, parseXml } from './bounded-xml';
import { fillPolygon, sliceIndicesToVolume } from './fill-polygon';
import type { ReaderMark } from './reference-lesions';
import { sliceLookup } from './slice-lookup';

export interface LidcMarks {
  marks: ReaderMark[];
  readers: number;
  nonNodules: number;
  /** ROIs whose slice is not in the volume (skipped). */
  unplacedRois: number;
}

const MAX_POINTS_PER_ROI = 100_000;

export function readLidcXml(path: string, volume: Volume): LidcMarks {
  return parseLidcXml(readCheckedText(path, MAX_XML_BYTES, 'LIDC XML'), volume, path);
}

export function parseLidcXml(xml: string, volume: Volume, what = 'LIDC XML'): LidcMarks {
  const root = parseXml(xml, what);
  if (root.name !== 'LidcReadMessage') throw new RadGroundError('CORRUPT_INPUT', `${what}: root element is <${root.name}>, not <LidcReadMessage>`);
  const [nx, ny] = volume.dims;
  const lookup = sliceLookup(volume);
  const sessions = childrenNamed(root, 'readingSession');
  const marks: ReaderMark[] = [];
  let nonNodules = 0;
  let unplacedRois = 0;
  sessions.forEach((session, s) => {
    // Sessions are readers (IDs are anonymised and may repeat across sessions).
    const reader = `reader ${s + 1}`;
    nonNodules += childrenNamed(session, 'nonNodule').length;
    for (const nodule of childrenNamed(session, 'unblindedReadNodule')) {
      const perSlice = new Map<number, number[]>();
      for (const roi of childrenNamed(nodule, 'roi')) {
        if (childNamed(roi, 'inclusion')?.text.toUpperCase() === 'FALSE') continue;
        const k = lookup(childNamed(roi, 'imageSOP_UID')?.text ?? null, childNumber(roi, 'imageZposition'));
        if (k === null) {
          unplacedRois++;
          continue;
        }
        const edges = childrenNamed(roi, 'edgeMap');
        if (edges.length > MAX_POINTS_PER_ROI) throw new RadGroundError('UNSUPPORTED_INPUT', `${what}: an roi has ${edges.length} points`);
        const xy: number[] = [];
        for (const e of edges) {
          const x = childNumber(e, 'xCoord');
          const y = childNumber(e, 'yCoord');
          if (x === null || y === null) throw new RadGroundError('CORRUPT_INPUT', `${what}: an edgeMap point lacks xCoord or yCoord`);
          xy.push(x, y);
        }
        if (xy.length === 0) continue;
        perSlice.set(k, [...(perSlice.get(k) ?? []), ...fillPolygon(xy, nx, ny)]);
      }
      if (perSlice.size > 0) marks.push({ reader, voxels: sliceIndicesToVolume(perSlice, nx, ny) });
    }
  });
  return { marks, readers: sessions.length, nonNodules, unplacedRois };
}
