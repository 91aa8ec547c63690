/**
 * Pascal VOC boxes: a folder of XML files, one per annotated slice, each named by that slice's
 * SOPInstanceUID, with `object/bndbox` xmin, ymin, xmax, ymax in pixels (x = column, y = row,
 * inclusive). One annotator, so every box is reader 'voc'. Boxes on adjacent slices (k and k+1)
 * whose rectangles overlap are the same object; each object becomes one mark (its boxes filled),
 * with its diameter stated as the longest box side in mm (a box diagonal is not a lesion size).
 */
import { basename } from 'node:path';
import { RadGroundError } from '../errors/radground-error';
import type { Volume } from '../volume-assembly/volume';
import { MAX_XML_BYTES, listCheckedFolder, readCheckedText } from './annotation-files';
import { childNamed, childNumber, childrenNamed, parseXml } from './bounded-xml';
import type { ReaderMark } from './reference-lesions';

export interface VocBox {
  k: number;
  /** Inclusive pixel box [xmin, ymin, xmax, ymax] (columns, rows). */
  box: [number, number, number, number];
  name: string;
}

export interface VocMarks {
  marks: ReaderMark[];
  boxes: VocBox[];
  /** Files whose SOPInstanceUID is not a slice of the volume (skipped). */
  unplacedFiles: string[];
}

const MAX_BOXES = 100_000;

/** The boxes of one VOC file (on slice k). */
export function parseVocXml(xml: string, k: number, what: string): VocBox[] {
  const root = parseXml(xml, what);
  if (root.name !== 'annotation') throw new RadGroundError('CORRUPT_INPUT', `${what}: root element is <${root.name}>, not <annotation>`);
  return childrenNamed(root, 'object').map((o) => {
    const b = childNamed(o, 'bndbox');
    const v = b ? [childNumber(b, 'xmin'), childNumber(b, 'ymin'), childNumber(b, 'xmax'), childNumber(b, 'ymax')] : [];
    if (v.length !== 4 || v.some((x) => x === null) || v[0]! > v[2]! || v[1]! > v[3]!) {
      throw new RadGroundError('CORRUPT_INPUT', `${what}: an object has no valid bndbox (xmin <= xmax, ymin <= ymax)`);
    }
    return { k, box: v.map((x) => Math.round(x!)) as VocBox['box'], name: childNamed(o, 'name')?.text ?? '' };
  });
}

function touching(a: VocBox, b: VocBox): boolean {
  return Math.abs(a.k - b.k) <= 1 && a.box[0] <= b.box[2] && b.box[0] <= a.box[2] && a.box[1] <= b.box[3] && b.box[1] <= a.box[3];
}

export function readVocBoxes(folder: string, volume: Volume): VocMarks {
  const index = new Map<string, number>();
  volume.sopInstanceUids.forEach((uid, k) => uid && index.set(uid, k));
  const boxes: VocBox[] = [];
  const unplacedFiles: string[] = [];
  for (const file of listCheckedFolder(folder, '.xml', 'VOC box folder')) {
    const uid = basename(file).replace(/\.xml$/i, '');
    const k = index.get(uid);
    if (k === undefined) {
      unplacedFiles.push(basename(file));
      continue;
    }
    boxes.push(...parseVocXml(readCheckedText(file, MAX_XML_BYTES, 'VOC box file'), k, file));
    if (boxes.length > MAX_BOXES) throw new RadGroundError('UNSUPPORTED_INPUT', `VOC box folder ${folder}: more than ${MAX_BOXES} boxes`);
  }
  return { marks: vocMarks(boxes, volume), boxes, unplacedFiles };
}

/** Groups boxes into objects (connected through touching boxes) and fills each as one mark. */
export function vocMarks(boxes: readonly VocBox[], volume: Pick<Volume, 'dims' | 'spacing'>): ReaderMark[] {
  const [nx, ny] = volume.dims;
  const group = boxes.map((_, i) => i);
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
  for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) if (touching(boxes[a]!, boxes[b]!)) group[find(a)] = find(b);
  const objects = new Map<number, VocBox[]>();
  boxes.forEach((b, i) => objects.set(find(i), [...(objects.get(find(i)) ?? []), b]));
  return [...objects.values()].map((list) => {
    const voxels = new Set<number>();
    let side = 0;
    for (const { k, box } of list) {
      const [x0, y0, x1, y1] = [Math.max(0, box[0]), Math.max(0, box[1]), Math.min(nx - 1, box[2]), Math.min(ny - 1, box[3])];
      for (let j = y0; j <= y1; j++) for (let i = x0; i <= x1; i++) voxels.add(k * nx * ny + j * nx + i);
      side = Math.max(side, (box[2] - box[0] + 1) * volume.spacing[0], (box[3] - box[1] + 1) * volume.spacing[1]);
    }
    return { reader: 'voc', voxels: Int32Array.from([...voxels].sort((a, b) => a - b)), diameterMm: side };
  });
}
