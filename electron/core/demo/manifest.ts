/** The demo manifest: what was generated, and the exact ground truth of each exam. */
import { z } from 'zod';

const vec3 = z.tuple([z.number(), z.number(), z.number()]);

export const LesionTruthSchema = z.object({
  /** Stable across exams: the same lesion has the same id in the prior and the current. */
  id: z.string(),
  kind: z.enum(['nodule', 'mass']),
  lobe: z.enum(['RUL', 'RML', 'RLL', 'LUL', 'LLL']),
  side: z.enum(['right', 'left']),
  /** Craniocaudal third of that lung (apex to lowest base) containing the centre. */
  zone: z.enum(['upper', 'middle', 'lower']),
  /** Centre in this exam's patient coordinates (LPS mm). */
  centre: vec3,
  /** Nodule: sphere diameter. Mass: diameter of its main sphere (lobules reach ~5% further). */
  diameterMm: z.number().positive(),
});

export const DemoExamManifestSchema = z.object({
  role: z.enum(['current', 'prior']),
  /** Folder of this exam's DICOM files, relative to the manifest. */
  directory: z.string(),
  fileCount: z.number().int().positive(),
  studyInstanceUid: z.string(),
  seriesInstanceUid: z.string(),
  frameOfReferenceUid: z.string(),
  studyDate: z.string().regex(/^\d{8}$/),
  studyTime: z.string(),
  studyDescription: z.string(),
  seriesDescription: z.string(),
  /** Volume convention (see volume-assembly/volume.ts): i column, j row, k slice from inferior. */
  dims: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  spacing: vec3,
  origin: vec3,
  direction: z.array(z.number()).length(9),
  sliceThicknessMm: z.number().positive(),
  /** Patient pose: scanner = rotation (row-major) * body + translation, body = the phantom's frame. */
  pose: z.object({ rotation: z.array(z.number()).length(9), translation: vec3, description: z.string() }),
  lesions: z.array(LesionTruthSchema),
  /** Counted from the voxel model (lung labels), mL. */
  lungVolumesMl: z.object({ right: z.number(), left: z.number(), total: z.number() }),
});

export const DemoManifestSchema = z.object({
  generatorVersion: z.string(),
  seed: z.number().int(),
  sliceSpacingMm: z.number().positive(),
  patient: z.object({ patientName: z.string(), patientId: z.string(), birthDate: z.string(), sex: z.string() }),
  exams: z.object({ current: DemoExamManifestSchema, prior: DemoExamManifestSchema }),
});

export type LesionTruth = z.infer<typeof LesionTruthSchema>;
export type DemoExamManifest = z.infer<typeof DemoExamManifestSchema>;
export type DemoManifest = z.infer<typeof DemoManifestSchema>;

export const MANIFEST_FILE = 'demo-manifest.json';
