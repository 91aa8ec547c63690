/**
 * The evaluation manifest: the cases to run and their reference annotations. Paths are relative to
 * the manifest file. Validated with zod; a bad manifest is a BAD_REQUEST naming the first problems.
 *
 * {
 *   "cases": [
 *     { "id": "A0001", "path": "<DICOM folder | file.nii[.gz]>",
 *       "annotations": [
 *         { "format": "lidc-xml",   "path": "069.xml", "minReaders": 2 },
 *         { "format": "voc-boxes",  "path": "<folder of <SOPInstanceUID>.xml>" },
 *         { "format": "rtstruct",   "path": "rs.dcm", "roiPattern": "GTV" },
 *         { "format": "nifti-mask", "path": "lesions.nii.gz", "label": 1 },
 *         { "format": "nifti-mask", "path": "seg.nii.gz", "use": "lungs",
 *           "labels": { "right": [12, 13, 14], "left": [10, 11] } }
 *       ] } ] }
 *
 * minReaders: a lesion counts when at least that many readers marked it (default 2 for lidc-xml,
 * 1 for the single-reader formats). roiPattern: a case-insensitive regular expression on ROIName
 * (default: every ROI). nifti-mask: "use" is "lesions" (default; connected components of `label`,
 * default 1) or "lungs" (the reference for lung Dice: `labels` lists the right and left lung values).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { RadGroundError } from '../errors/radground-error';

const MAX_MANIFEST_BYTES = 1024 * 1024;
const relPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'a path may not contain NUL');
const labelList = z.array(z.number().int().min(1).max(65535)).min(1).max(256);

const LidcSchema = z.object({ format: z.literal('lidc-xml'), path: relPath, minReaders: z.number().int().min(1).max(16).optional() }).strict();
const VocSchema = z.object({ format: z.literal('voc-boxes'), path: relPath, minReaders: z.number().int().min(1).max(16).optional() }).strict();
const RtstructSchema = z
  .object({
    format: z.literal('rtstruct'),
    path: relPath,
    minReaders: z.number().int().min(1).max(16).optional(),
    roiPattern: z
      .string()
      .min(1)
      .max(200)
      .refine((s) => {
        try {
          new RegExp(s, 'i');
          return true;
        } catch {
          return false;
        }
      }, 'roiPattern is not a valid regular expression')
      .optional(),
  })
  .strict();
const NiftiMaskSchema = z
  .object({
    format: z.literal('nifti-mask'),
    path: relPath,
    use: z.enum(['lesions', 'lungs']).optional(),
    minReaders: z.number().int().min(1).max(16).optional(),
    label: z.number().int().min(1).max(65535).optional(),
    labels: z.object({ right: labelList, left: labelList }).strict().optional(),
  })
  .strict()
  .refine((a) => (a.use === 'lungs') === (a.labels !== undefined), { message: '"use": "lungs" needs "labels": { "right": [...], "left": [...] } (and only it takes them)' })
  .refine((a) => a.use !== 'lungs' || a.label === undefined, { message: '"label" is for "use": "lesions"' });

export const AnnotationSpecSchema = z.discriminatedUnion('format', [LidcSchema, VocSchema, RtstructSchema, NiftiMaskSchema]);
export type AnnotationSpec = z.infer<typeof AnnotationSpecSchema>;

export const ManifestSchema = z
  .object({
    cases: z
      .array(
        z
          .object({
            id: z.string().min(1).max(200).regex(/^[\w.-]+$/, 'case ids are letters, digits, "_", "-" and "."'),
            path: relPath,
            annotations: z.array(AnnotationSpecSchema).max(32),
          })
          .strict(),
      )
      .min(1)
      .max(1000)
      .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, 'case ids must be unique'),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

/** A case with its paths made absolute. */
export interface EvalCase {
  id: string;
  path: string;
  annotations: AnnotationSpec[];
}

export interface LoadedManifest {
  path: string;
  cases: EvalCase[];
}

/** Validates a manifest object; `base` is the folder its relative paths start from. */
export function resolveManifest(value: unknown, manifestPath: string): LoadedManifest {
  const parsed = ManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new RadGroundError('BAD_REQUEST', `invalid evaluation manifest ${manifestPath}: ${issues.join('; ')}`, { issues });
  }
  const base = dirname(manifestPath);
  return {
    path: manifestPath,
    cases: parsed.data.cases.map((c) => ({ id: c.id, path: resolve(base, c.path), annotations: c.annotations.map((a) => ({ ...a, path: resolve(base, a.path) })) })),
  };
}

export function loadManifest(manifestPath: string): LoadedManifest {
  const path = resolve(manifestPath);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new RadGroundError('BAD_REQUEST', `evaluation manifest ${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof RadGroundError) throw e;
    throw new RadGroundError('NOT_FOUND', `evaluation manifest ${path} not found`);
  }
  if (size > MAX_MANIFEST_BYTES) throw new RadGroundError('BAD_REQUEST', `evaluation manifest ${path} is over ${MAX_MANIFEST_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RadGroundError('BAD_REQUEST', `evaluation manifest ${path} is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return resolveManifest(json, path);
}
