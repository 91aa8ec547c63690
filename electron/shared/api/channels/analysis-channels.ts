import { z } from 'zod';
import { binaryChannel, jsonChannel } from '../define-channel';

const vec3 = z.tuple([z.number(), z.number(), z.number()]);
const box3 = z.object({ min: vec3, max: vec3 });
const volumeId = z.string().min(1).max(80).regex(/^[0-9.]+$/, 'a series UID or stack id');
/**
 * A point a client sends, in patient mm: finite and within 1 km of the origin, so lengths, areas and
 * boxes computed from it stay finite (±1e308 would overflow them into Infinity).
 */
const coordinate = z.number().min(-1e6).max(1e6);
const clientPoint = z.tuple([coordinate, coordinate, coordinate]);

const imagePoint = z.tuple([coordinate, coordinate]);
const imageShape = z.enum(['length', 'rectangle', 'ellipse']);
/** A shape drawn on a 2D image (electron/core/regions/region.ts RegionImageAnchor). */
export const regionImageAnchorSchema = z.object({
  coordinates: z.enum(['patient', 'image']),
  sopInstanceUid: z.string().nullable(),
  frameNumber: z.number().int().positive(),
  k: z.number().int().nonnegative(),
  shape: imageShape,
  points: z.tuple([imagePoint, imagePoint]),
});

/** A region as the renderer and the CLI see it: geometry in patient (LPS mm) coordinates, no mask. */
export const regionSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['anatomy', 'finding', 'measurement']),
  code: z.object({ scheme: z.enum(['SCT', 'RADLEX']), value: z.string(), meaning: z.string() }).nullable(),
  laterality: z.enum(['left', 'right', 'midline', 'bilateral']).nullable(),
  zone: z.string().nullable(),
  volumeId: z.string().nullable(),
  seriesInstanceUid: z.string().nullable(),
  frameOfReferenceUid: z.string().nullable(),
  voxelBox: box3,
  worldBox: box3,
  centroid: vec3,
  volumeMl: z.number(),
  diameterMm: z.number().nullable(),
  meanHu: z.number().nullable(),
  confidence: z.number(),
  runId: z.string().nullable(),
  /** Shapes drawn on a 2D image: the image (SOP Instance UID, frame) and the shape in image coordinates. */
  image: regionImageAnchorSchema.nullable().optional(),
});
export type RegionSummary = z.infer<typeof regionSummarySchema>;

export const modelPackSummarySchema = z.object({
  id: z.string(),
  version: z.string().nullable(),
  source: z.enum(['app', 'user']),
  status: z.enum(['ok', 'unavailable', 'invalid']),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  task: z.string().nullable(),
  modality: z.string().nullable(),
  license: z.string().nullable(),
  description: z.string().nullable(),
  pipeline: z.string().nullable(),
  sha256: z.string().nullable(),
});
export type ModelPackSummary = z.infer<typeof modelPackSummarySchema>;

export const analysisResultSchema = z.object({
  runId: z.string(),
  model: z.object({ id: z.string(), version: z.string(), sha256: z.string(), executionProvider: z.string() }),
  regions: z.array(regionSummarySchema),
  warnings: z.array(z.string()),
  timings: z.record(z.string(), z.number()),
});
export type AnalysisResult = z.infer<typeof analysisResultSchema>;

const rgb = z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]);

/** The label volume of a volume's regions: one byte per voxel (i fastest), 0 background. */
export const labelMapMetaSchema = z.object({
  dims: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  labels: z.array(
    z.object({
      value: z.number().int().min(1).max(255),
      regionId: z.string(),
      label: z.string(),
      kind: z.enum(['anatomy', 'finding', 'measurement']),
      color: rgb,
    }),
  ),
});
export type LabelMapMeta = z.infer<typeof labelMapMetaSchema>;

export const analysisChannels = {
  'models.list': jsonChannel({
    description: 'Model packs found in the app and the user models folder, with their load-time checks.',
    request: z.object({}).strict(),
    response: z.object({ packs: z.array(modelPackSummarySchema) }),
  }),
  'analysis.run': jsonChannel({
    description: 'Run a model pack (default chest-ct) on a volume; the run and its regions are stored.',
    request: z.object({ volumeId, modelId: z.string().min(1).max(100).optional() }).strict(),
    response: analysisResultSchema,
  }),
  'regions.addMeasurement': jsonChannel({
    description: 'Store a length drawn on a volume as a region (world coordinates) that sentences can link to.',
    request: z.object({ volumeId, p1: clientPoint, p2: clientPoint }).strict(),
    response: regionSummarySchema,
  }),
  'regions.addRoi': jsonChannel({
    description: 'ROI statistics (mean, SD, area) of a rectangle drawn on one slice, stored as a region.',
    request: z.object({ volumeId, p1: clientPoint, p2: clientPoint }).strict(),
    response: z.object({
      region: regionSummarySchema,
      stats: z.object({ mean: z.number(), sd: z.number(), areaMm2: z.number(), pixelCount: z.number().int() }),
    }),
  }),
  'regions.addImageShape': jsonChannel({
    description:
      'Store a length, rectangle or ellipse drawn on one 2D image as a region: patient coordinates where the image has them, else image coordinates with its SOP Instance UID; measured in mm (PixelSpacing), mm at the detector (ImagerPixelSpacing) or pixels.',
    request: z.object({ volumeId, k: z.number().int().nonnegative(), shape: imageShape, points: z.tuple([imagePoint, imagePoint]) }).strict(),
    response: z.object({
      region: regionSummarySchema,
      /** e.g. "41.2 mm", "123 px (no pixel spacing)", "12.0 × 8.0 mm, area 75 mm², mean 812, SD 40". */
      text: z.string(),
      unit: z.enum(['mm', 'px']),
      qualifier: z.enum(['at detector', 'no pixel spacing']).nullable(),
      stats: z.object({ mean: z.number(), sd: z.number(), pixelCount: z.number().int() }).nullable(),
    }),
  }),
  'regions.list': jsonChannel({
    description: 'Regions stored for a volume (from its latest analysis and measurements).',
    request: z.object({ volumeId }).strict(),
    response: z.object({ regions: z.array(regionSummarySchema) }),
  }),
  'regions.labelMap': binaryChannel({
    description: 'The latest regions of a volume as a label volume in its grid (findings over anatomy), with per-label colors.',
    request: z.object({ volumeId }).strict(),
    meta: labelMapMetaSchema,
  }),
} as const;
