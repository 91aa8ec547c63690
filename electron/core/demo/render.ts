/** Renders an exam of the phantom to an in-memory volume (the exact voxels written to DICOM). */
import type { Volume } from '../volume-assembly/volume';
import { demoExamSpec, sopInstanceUid, type DemoExamSpec, type DemoOptions } from './exam-spec';
import type { ExamRole } from './lesions';
import { addCtNoise } from './noise';
import { buildPhantomModel, type PhantomModel } from './phantom-model';
import { Rng } from './prng';
import { paint } from './rasterize';
import { LABEL } from './shapes';
import { tablePainters } from './torso';

export const NOISE_SD_HU = 12;
export const AIR_HU = -1000;

export const LUNG_WINDOW = { center: -600, width: 1500 } as const;

export interface PhantomRender {
  exam: DemoExamSpec;
  model: PhantomModel;
  volume: Volume & { scalars: Int16Array };
  /** Ground-truth labels per voxel (see LABEL in shapes.ts), same layout as the volume. */
  labels: Uint8Array;
  /** Lung volumes counted from the label map, mL. */
  lungVolumesMl: { right: number; left: number; total: number };
}

function resolveExam(exam: ExamRole | DemoExamSpec, options?: DemoOptions): DemoExamSpec {
  return typeof exam === 'string' ? demoExamSpec(exam, options) : exam;
}

export function renderPhantom(exam: ExamRole | DemoExamSpec, options?: DemoOptions): PhantomRender {
  const spec = resolveExam(exam, options);
  const model = buildPhantomModel(spec.seed, spec.role);
  const [nx, ny, nz] = spec.dims;
  const n = nx * ny * nz;
  const hu = new Int16Array(n).fill(AIR_HU);
  const labels = new Uint8Array(n);
  paint({ hu, labels }, spec, [...tablePainters(spec.tableTopY), ...model.painters], model.lungs);
  addCtNoise(hu, nx, ny, nz, NOISE_SD_HU, new Rng(spec.seed, `noise:${spec.role}`));

  let right = 0;
  let left = 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l === LABEL.rightLung) right++;
    else if (l === LABEL.leftLung) left++;
  }
  const voxelMl = (spec.spacing[0] * spec.spacing[1] * spec.spacing[2]) / 1000;
  const round1 = (v: number) => Math.round(v * 10) / 10;
  const volume: Volume & { scalars: Int16Array } = {
    scalars: hu,
    dims: [...spec.dims],
    spacing: [...spec.spacing],
    origin: [...spec.origin],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    units: 'HU',
    modality: 'CT',
    frameOfReferenceUid: spec.frameOfReferenceUid,
    seriesInstanceUid: spec.seriesInstanceUid,
    sopInstanceUids: Array.from({ length: nz }, (_, k) => sopInstanceUid(spec, k)),
    invertForDisplay: false,
    defaultWindow: { ...LUNG_WINDOW },
    warnings: ['synthetic demo phantom (not patient data)'],
  };
  return {
    exam: spec,
    model,
    volume,
    labels,
    lungVolumesMl: { right: round1(right * voxelMl), left: round1(left * voxelMl), total: round1((right + left) * voxelMl) },
  };
}

/** The exam's voxel volume in memory (Int16 HU), identical to what the DICOM files hold. */
export function renderPhantomVolume(exam: ExamRole | DemoExamSpec, options?: DemoOptions): Volume & { scalars: Int16Array } {
  return renderPhantom(exam, options).volume;
}
