/**
 * A case's volume, read in place (nothing is imported into the study index): a NIfTI file (as CT,
 * the evaluated packs are CT packs), or a DICOM folder through the product's readers: scan,
 * classify, read headers, group into stacks, and build the reading volume (CT first, most slices,
 * as pickReadingVolume chooses). The DICOM headers of that stack come back for drafting.
 */
import { statSync } from 'node:fs';
import { classifyDicomFiles, readDicomHeader, readModalityFrames, scanForDicomFiles } from '../dicom';
import type { DicomInstance } from '../dicom/dicom-instance';
import { RadGroundError } from '../errors/radground-error';
import { pickReadingVolume } from '../../shared/geometry/reading-volume';
import { buildDicomVolume, groupSeriesStacks, readNiftiVolume } from '../volume-assembly';
import type { Volume } from '../volume-assembly/volume';

const NIFTI = /\.nii(\.gz)?$/i;

export interface CaseVolume {
  volume: Volume;
  /** Headers of the slices the volume was built from; empty for NIfTI. */
  headers: DicomInstance[];
}

export async function loadCaseVolume(path: string): Promise<CaseVolume> {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new RadGroundError('NOT_FOUND', `case image ${path} not found`);
  }
  if (isFile && NIFTI.test(path)) return { volume: await readNiftiVolume(path, { modality: 'CT' }), headers: [] };
  const { accepted } = await classifyDicomFiles(await scanForDicomFiles([path]));
  const instances: DicomInstance[] = [];
  for (const file of accepted) {
    try {
      instances.push(await readDicomHeader(file));
    } catch {
      // Files that are not images (reports, structure sets) or are damaged do not make the volume.
    }
  }
  const stacks = groupSeriesStacks(instances).map((s) => ({ s, modality: s.instances[0]?.modality ?? null, dims: [0, 0, s.instances.length] }));
  const picked = pickReadingVolume(stacks);
  if (!picked) throw new RadGroundError('UNSUPPORTED_INPUT', `no image series found in ${path}`);
  return { volume: await buildDicomVolume(picked.s.instances, readModalityFrames), headers: picked.s.instances };
}
