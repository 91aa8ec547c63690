/**
 * Key images of an evaluated case for a person to look at: one per missed counted lesion of 3 mm
 * or more (sub-3 mm single-point marks are not scored) (the
 * slice through the lesion's centre, its annotated voxels outlined, nearby findings in the second
 * color) and one per false-positive finding (the finding outlined, annotated lesions on that slice
 * in the second color). Rendered by the report exports' key-image code (reports/exports/key-image).
 */
import type { Region } from '../regions/region';
import { keyImageLayout, renderKeyImagePng } from '../reports/exports/key-image';
import type { CaseArtifacts, CaseResult } from './evaluate-case';
import type { ReferenceLesion } from './reference-lesions';
import { SIZE_THRESHOLDS_MM } from './summarize';

export interface CaseKeyImage {
  caseId: string;
  kind: 'miss' | 'false-positive';
  /** The lesion id (miss) or finding region id (false positive). */
  subjectId: string;
  caption: string;
  sliceIndex: number;
  png: Buffer;
}

/** Only for drawing: the one volume of the case gets this id. */
const VOLUME_KEY = 'evaluated-volume';

function lesionRegion(l: ReferenceLesion): Region {
  return {
    id: l.id,
    label: 'annotated lesion',
    kind: 'measurement',
    code: null,
    laterality: l.side,
    zone: null,
    volumeId: VOLUME_KEY,
    seriesInstanceUid: null,
    frameOfReferenceUid: null,
    voxelBox: l.voxelBox,
    worldBox: l.worldBox,
    centroid: l.centre,
    volumeMl: 0,
    diameterMm: l.sizeMm,
    meanHu: null,
    confidence: 1,
    mask: l.mask,
    runId: null,
  };
}

export function caseKeyImages(result: CaseResult, artifacts: CaseArtifacts): CaseKeyImage[] {
  const { volume } = artifacts;
  const findings = artifacts.regions.filter((r) => r.kind === 'finding').map((r) => ({ ...r, volumeId: VOLUME_KEY }));
  const lesionRegions = artifacts.lesions.map(lesionRegion);
  const out: CaseKeyImage[] = [];
  const draw = (primary: Region, others: Region[], kind: CaseKeyImage['kind'], caption: string) => {
    const all = [primary, ...others];
    const layout = keyImageLayout(volume, VOLUME_KEY, primary, all);
    out.push({ caseId: result.id, kind, subjectId: primary.id, caption, sliceIndex: layout.sliceIndex, png: renderKeyImagePng(volume, layout, all) });
  };
  for (const l of result.lesions) {
    if (!l.counted || l.found || l.sizeMm < SIZE_THRESHOLDS_MM[0]) continue;
    const primary = lesionRegions.find((r) => r.id === l.id)!;
    draw(primary, findings, 'miss', `missed: ${l.sizeMm} mm lesion, patient's ${l.side}, slices ${l.slices.first}-${l.slices.last} (${l.readers} reader${l.readers === 1 ? '' : 's'})`);
  }
  for (const fp of result.falsePositives) {
    const primary = findings.find((r) => r.id === fp.id)!;
    draw(primary, lesionRegions, 'false-positive', `false positive: ${fp.label}${fp.diameterMm !== null ? ` ${Math.round(fp.diameterMm)} mm` : ''}, ${fp.laterality ?? 'side unknown'}${fp.zone ? ` ${fp.zone} zone` : ''}, confidence ${fp.confidence.toFixed(2)}`);
  }
  return out;
}
