/** A case's reference: the lesions of its annotations (one reader module per format) and its lung masks. */
import type { Volume } from '../volume-assembly/volume';
import { readLidcXml } from './lidc-xml';
import type { AnnotationSpec } from './manifest';
import { readNiftiLesionMarks, readNiftiLungs, type LungReference } from './nifti-mask';
import { lesionsFromMarks, type ReaderMark, type ReferenceLesion } from './reference-lesions';
import { readRtstruct } from './rtstruct';
import { readVocBoxes } from './voc-boxes';

export interface CaseReference {
  /** Every annotated lesion; `counted` ones (enough readers) are scored for sensitivity. */
  lesions: ReferenceLesion[];
  lungs: LungReference | null;
  /** What was skipped or noted while reading (slices not in the volume, non-nodule marks...). */
  notes: string[];
}

/** Single-reader formats count every lesion; LIDC wants two readers unless told otherwise. */
export function defaultMinReaders(spec: AnnotationSpec): number {
  return spec.format === 'lidc-xml' ? 2 : 1;
}

export async function readCaseReference(specs: readonly AnnotationSpec[], volume: Volume, midlineX: number): Promise<CaseReference> {
  const lesions: ReferenceLesion[] = [];
  const notes: string[] = [];
  let lungs: LungReference | null = null;
  for (const [n, spec] of specs.entries()) {
    let marks: ReaderMark[];
    if (spec.format === 'lidc-xml') {
      const r = readLidcXml(spec.path, volume);
      marks = r.marks;
      notes.push(`lidc-xml: ${r.readers} readers, ${r.marks.length} nodule outlines, ${r.nonNodules} non-nodule marks (not lesions)`);
      if (r.unplacedRois > 0) notes.push(`lidc-xml: ${r.unplacedRois} ROIs on slices that are not in the volume were skipped`);
    } else if (spec.format === 'voc-boxes') {
      const r = readVocBoxes(spec.path, volume);
      marks = r.marks;
      notes.push(`voc-boxes: ${r.boxes.length} boxes on ${new Set(r.boxes.map((b) => b.k)).size} slices`);
      if (r.unplacedFiles.length > 0) notes.push(`voc-boxes: ${r.unplacedFiles.length} files name no slice of the volume and were skipped`);
    } else if (spec.format === 'rtstruct') {
      const r = readRtstruct(spec.path, volume, spec.roiPattern);
      marks = r.marks;
      notes.push(`rtstruct: ROIs ${r.rois.map((x) => `${x.name}${x.matched ? '' : ' (not matched)'}`).join(', ') || 'none'}`);
    } else if (spec.use === 'lungs') {
      lungs = await readNiftiLungs(spec.path, volume, spec.labels!);
      continue;
    } else {
      marks = await readNiftiLesionMarks(spec.path, volume, spec.label ?? 1);
    }
    const minReaders = spec.minReaders ?? defaultMinReaders(spec);
    lesions.push(...lesionsFromMarks(marks, volume, `${spec.format}${specs.length > 1 ? `#${n + 1}` : ''}`, midlineX, minReaders));
  }
  return { lesions, lungs, notes };
}
