import { z } from 'zod';
import { jsonChannel } from '../define-channel';

const uid = z.string().min(1).max(64).regex(/^[0-9.]+$/, 'a DICOM UID (digits and dots)');
const id = z.string().min(1).max(100);
const vec3 = z.tuple([z.number(), z.number(), z.number()]);
const matrix4 = z.array(z.number()).length(16);

/** The registration of a prior exam to the current one; `matrix` maps PRIOR patient coordinates (LPS mm) to CURRENT ones. */
export const registrationViewSchema = z.object({
  id: z.string(),
  currentVolumeId: z.string(),
  priorVolumeId: z.string(),
  method: z.enum(['same-frame-of-reference', 'rigid-ncc-multiresolution']),
  sameFrameOfReference: z.boolean(),
  /** Row-major 4x4, the reader's nudge included. */
  matrix: matrix4,
  translationMm: vec3,
  rotationDeg: z.number(),
  /** Normalised cross-correlation of the aligned exams, -1..1. */
  quality: z.number().min(-1).max(1).nullable(),
  durationMs: z.number().nonnegative(),
  nudgeMm: vec3,
  /** The automatic result, without the nudge. */
  automaticMatrix: matrix4,
});
export type RegistrationViewDto = z.infer<typeof registrationViewSchema>;

export const trackedLesionSchema = z.object({
  regionId: z.string(),
  label: z.string(),
  laterality: z.enum(['left', 'right', 'midline', 'bilateral']).nullable(),
  zone: z.string().nullable(),
  diameterMm: z.number().nullable(),
  volumeMl: z.number(),
  /** In its own exam's patient coordinates. */
  centroid: vec3,
});

export const lesionPairSchema = z.object({
  current: trackedLesionSchema.nullable(),
  prior: trackedLesionSchema.nullable(),
  status: z.enum(['new', 'resolved', 'increased', 'decreased', 'stable']),
  diameterChangeMm: z.number().nullable(),
  diameterChangePct: z.number().nullable(),
  volumeChangeMl: z.number().nullable(),
  volumeChangePct: z.number().nullable(),
  doublingTimeDays: z.number().nullable(),
  distanceMm: z.number().nullable(),
  pairedBy: z.enum(['auto', 'user']).nullable(),
});
export type LesionPairDto = z.infer<typeof lesionPairSchema>;

const comparedExamSchema = z.object({
  volumeId: z.string(),
  seriesInstanceUid: z.string().nullable(),
  studyInstanceUid: z.string().nullable(),
  studyDate: z.string().nullable(),
});

export const studyComparisonSchema = z.object({
  current: comparedExamSchema,
  prior: comparedExamSchema,
  registration: registrationViewSchema,
  pairs: z.array(lesionPairSchema),
  convention: z.string(),
});
export type StudyComparisonDto = z.infer<typeof studyComparisonSchema>;

const studies = { currentStudyInstanceUid: uid, priorStudyInstanceUid: uid };

export const compareChannels = {
  'compare.run': jsonChannel({
    description:
      'Compare a study with a prior: analyze both if needed, register the prior to the current (cached per pair of volumes, computed in a worker) and track the findings.',
    request: z.object({ ...studies, recompute: z.boolean().optional(), imageBased: z.boolean().optional() }).strict(),
    response: studyComparisonSchema,
  }),
  'compare.get': jsonChannel({
    description: 'The stored comparison of a study with a prior (nothing computed); null when they were never compared.',
    request: z.object(studies).strict(),
    response: z.object({ comparison: studyComparisonSchema.nullable() }),
  }),
  'compare.nudge': jsonChannel({
    description: "Set the reader's manual shift (mm, current exam's patient coordinates) added after the automatic registration; saved with the pair.",
    request: z.object({ registrationId: id, translationMm: vec3 }).strict(),
    response: studyComparisonSchema,
  }),
  'compare.repair': jsonChannel({
    description: "Pair two findings by hand, unpair them (not the same lesion), or reset to automatic matching; saved with the pair.",
    request: z.object({ registrationId: id, currentRegionId: id, priorRegionId: id, action: z.enum(['pair', 'unpair', 'reset']) }).strict(),
    response: studyComparisonSchema,
  }),
} as const;
