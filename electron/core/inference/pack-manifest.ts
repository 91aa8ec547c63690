import { z } from 'zod';

/**
 * `native-models/<id>/manifest.json`: what a model pack is, which files it ships (with their
 * sha256), the tensor it takes, how a Volume becomes that tensor and how the output becomes labels.
 * In the spirit of a MONAI bundle's inference.json, reduced to what our TypeScript pipeline runs.
 *
 * Sizes (`inputs[].shape`, `cropPad`, `slidingWindow.roiSize`, `targetSpacing`) are given in the
 * TENSOR's order (the model's spatial dims, slowest first). `preprocessing.spatialAxisOrder` says
 * which volume axis each tensor dim is: 'kji' = [k, j, i], i fastest, the volume's own memory order
 * (what NIfTI-in-JavaScript tools such as brainchop/niivue feed); 'ijk' = [i, j, k], k fastest (the
 * nibabel / PyTorch / MONAI convention).
 */

const positiveInt = z.number().int().positive();
const vec3Int = z.tuple([positiveInt, positiveInt, positiveInt]);
const vec3Positive = z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]);

/** A path inside the pack folder: relative, forward slashes, no '..' segment. */
const packRelativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\'), 'must be a relative path with forward slashes')
  .refine((p) => p.split('/').every((seg) => seg !== '..' && seg !== '' && seg !== '.'), "must not contain '..', '.' or empty segments");

export const packFileSchema = z.object({
  path: packRelativePath,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
});

export const TENSOR_DTYPES = ['float32', 'float16', 'uint8', 'int8', 'int16', 'int32', 'int64'] as const;

/** A dim is a fixed size or a symbolic name ("batch"). */
const dimSchema = z.union([positiveInt, z.string().min(1)]);

export const packInputSchema = z.object({
  name: z.string().min(1),
  /** e.g. ["batch", 1, 256, 256, 256]: batch, channels, then 3 spatial dims. */
  shape: z.array(dimSchema).length(5, 'must have 5 dims: batch, channel and 3 spatial dims'),
  dtype: z.enum(TENSOR_DTYPES),
});

export const intensitySchema = z.discriminatedUnion('kind', [
  /** Clip to [center - width/2, center + width/2] and scale to 0..1 (MONAI ScaleIntensityRange, clip). */
  z.object({ kind: z.literal('window'), center: z.number(), width: z.number().positive() }),
  /** (v - min) / (max - min) over the WHOLE volume (never per window); 0 when the volume is constant. */
  z.object({ kind: z.literal('minmax') }),
  /** v * slope + intercept. */
  z.object({ kind: z.literal('scale'), slope: z.number(), intercept: z.number() }),
  z.object({ kind: z.literal('none') }),
]);

export const slidingWindowSchema = z.object({
  roiSize: vec3Int,
  /** Fraction of the window shared with its neighbour on each axis, 0 <= overlap < 1. */
  overlap: z.number().min(0).lt(1),
  blending: z.enum(['constant', 'gaussian']),
  /** Windows per session.run (the model's batch dim must then be symbolic or equal). */
  batchSize: positiveInt.default(1),
});

export const preprocessingSchema = z.object({
  orientation: z.enum(['none', 'RAS', 'LPS']),
  /** mm per tensor spatial dim; null = keep the volume's grid. */
  targetSpacing: vec3Positive.nullable(),
  intensity: intensitySchema,
  /**
   * Crop to the box of voxels whose (intensity-scaled) value is above `threshold`, plus `margin`
   * voxels (MONAI CropForeground); voxels outside the box are labelled background. null = off.
   */
  cropForeground: z.object({ threshold: z.number(), margin: z.number().int().min(0) }).nullable().default(null),
  /** Centre crop / symmetric zero pad to this size (tensor order); null = off. */
  cropPad: vec3Int.nullable(),
  slidingWindow: slidingWindowSchema.nullable(),
  spatialAxisOrder: z.enum(['kji', 'ijk']).default('kji'),
});

export const regionCodeSchema = z.object({
  scheme: z.enum(['SCT', 'RADLEX']),
  value: z.string().min(1),
  meaning: z.string().min(1),
});

export const packOutputSchema = z.object({
  /** Channel of the output tensor (dim 1). Channels not listed (e.g. 0 = background) yield no regions. */
  channel: z.number().int().min(0),
  label: z.string().min(1),
  kind: z.enum(['anatomy', 'finding']),
  code: regionCodeSchema.optional(),
  /** A label that always has one side (e.g. "left lung"); otherwise laterality comes from position. */
  laterality: z.enum(['left', 'right', 'midline', 'bilateral']).optional(),
});

export const postprocessingSchema = z.object({
  /**
   * 'argmax': label value = winning channel. { sigmoidThreshold }: label value = 1 + the most
   * probable channel whose sigmoid reaches the threshold, 0 where none does.
   */
  decision: z.union([z.literal('argmax'), z.object({ sigmoidThreshold: z.number().gt(0).lt(1) })]),
  /** Split each label into connected components (one region each) rather than one region per label. */
  connectedComponents: z.boolean(),
  minSizeVoxels: z.number().int().min(0),
});

/** What every pack declares, generic or pipeline: identity, licence and files with their sha256. */
const packIdentityFields = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"'),
  version: z.string().min(1),
  name: z.string().min(1).optional(),
  task: z.enum(['segmentation', 'detection', 'grounding']),
  /** DICOM modality the model was trained on ('CT', 'MR', ...). */
  modality: z.string().min(1),
  /** SPDX identifier of the weights' licence. */
  license: z.string().min(1),
  description: z.string().min(1),
  /** Where the weights come from (URL / attribution). */
  source: z.string().optional(),
  files: z.array(packFileSchema).min(1),
};

export const packManifestSchema = z
  .object({
    ...packIdentityFields,
    /** The ONNX file among `files`; may be omitted when `files` holds exactly one .onnx. */
    model: packRelativePath.optional(),
    inputs: z.array(packInputSchema).length(1, 'exactly one input (the image) is supported'),
    /** Name of the output tensor to read; the model's first output when omitted. */
    outputTensor: z.string().min(1).optional(),
    preprocessing: preprocessingSchema,
    outputs: z.array(packOutputSchema).min(1),
    postprocessing: postprocessingSchema,
  })
  .superRefine((m, ctx) => {
    const paths = m.files.map((f) => f.path);
    paths.forEach((p, i) => {
      if (paths.indexOf(p) !== i) ctx.addIssue({ code: 'custom', path: ['files', i, 'path'], message: `duplicate file ${p}` });
    });
    const onnx = paths.filter((p) => p.toLowerCase().endsWith('.onnx'));
    if (m.model !== undefined) {
      if (!paths.includes(m.model)) ctx.addIssue({ code: 'custom', path: ['model'], message: `${m.model} is not listed in files` });
    } else if (onnx.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['model'], message: `files hold ${onnx.length} .onnx files; name the model file` });
    }
    const channels = m.outputs.map((o) => o.channel);
    channels.forEach((c, i) => {
      if (channels.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: ['outputs', i, 'channel'], message: `channel ${c} listed twice` });
    });
    const spatial = m.inputs[0]?.shape.slice(2) ?? [];
    const sw = m.preprocessing.slidingWindow;
    if (sw) {
      sw.roiSize.forEach((r, a) => {
        const d = spatial[a];
        if (typeof d === 'number' && d !== r) {
          ctx.addIssue({ code: 'custom', path: ['preprocessing', 'slidingWindow', 'roiSize', a], message: `roiSize ${r} differs from the input's spatial dim ${d}` });
        }
      });
    } else if (m.preprocessing.cropPad) {
      m.preprocessing.cropPad.forEach((c, a) => {
        const d = spatial[a];
        if (typeof d === 'number' && d !== c) {
          ctx.addIssue({ code: 'custom', path: ['preprocessing', 'cropPad', a], message: `cropPad ${c} differs from the input's spatial dim ${d}` });
        }
      });
    }
  });

export type PackManifest = z.infer<typeof packManifestSchema>;
export type PackInput = z.infer<typeof packInputSchema>;
export type PackOutput = z.infer<typeof packOutputSchema>;
export type Preprocessing = z.infer<typeof preprocessingSchema>;
export type Postprocessing = z.infer<typeof postprocessingSchema>;
export type IntensitySpec = z.infer<typeof intensitySchema>;
export type SlidingWindowSpec = z.infer<typeof slidingWindowSchema>;
export type TensorDtype = (typeof TENSOR_DTYPES)[number];

/** The ONNX file of a valid manifest. */
export function manifestModelPath(m: PackManifest): string {
  return m.model ?? m.files.find((f) => f.path.toLowerCase().endsWith('.onnx'))!.path;
}

/** Packs whose pre- and post-processing is a built-in TypeScript pipeline rather than the generic one. */
export const PIPELINE_IDS = ['chest-ct'] as const;
export type PipelineId = (typeof PIPELINE_IDS)[number];

/**
 * The manifest of a pipeline pack (e.g. `native-models/chest-ct`): the same identity, licence,
 * files with sha256 and declared input as any pack; everything else documents the pipeline and is
 * kept as written.
 */
export const pipelinePackManifestSchema = z
  .object({
    ...packIdentityFields,
    inputs: z.array(packInputSchema.passthrough()).length(1, 'exactly one input (the image) is supported'),
    pipeline: z.enum(PIPELINE_IDS),
  })
  .passthrough()
  .superRefine((m, ctx) => {
    const onnx = m.files.filter((f) => f.path.toLowerCase().endsWith('.onnx'));
    if (onnx.length !== 1) ctx.addIssue({ code: 'custom', path: ['files'], message: `a pipeline pack holds exactly one .onnx file, not ${onnx.length}` });
  });
export type PipelinePackManifest = z.infer<typeof pipelinePackManifestSchema>;

export function isPipelineManifestJson(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'pipeline' in json;
}
