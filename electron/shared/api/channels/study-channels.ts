import { z } from 'zod';
import { binaryChannel, jsonChannel } from '../define-channel';
import type { ImageNumbering } from '../../imaging/image-numbering';
import { seriesDisplaySchema } from './display-schemas';
import { ReportStatusSchema } from './report-schemas';

/** studies.import's limits: at most this many paths per call, each at most this long. */
export const IMPORT_PATHS_MAX = 1000;
export const IMPORT_PATH_LENGTH_MAX = 4096;
export const importPathSchema = z.string().min(1).max(IMPORT_PATH_LENGTH_MAX);

const uid = z.string().min(1).max(64).regex(/^[0-9.]+$/, 'a DICOM UID (digits and dots)');
/** Volume ids are series UIDs, with a ".2", ".3"… suffix when one series splits into several stacks. */
const volumeId = z.string().min(1).max(80).regex(/^[0-9.]+$/, 'a series UID or stack id');
const vec3 = z.tuple([z.number(), z.number(), z.number()]);
const dicomDate = z.string().regex(/^\d{8}$/, 'YYYYMMDD');

const count = z.number().int().nonnegative();

export const patientSummarySchema = z.object({
  /** (0010,0020) PatientID. */
  patientId: z.string().nullable(),
  /** (0010,0010) PatientName in DICOM form, e.g. 'DEMO^PHANTOM'. */
  name: z.string().nullable(),
  birthDate: dicomDate.nullable(),
  sex: z.string().nullable(),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

/** One worklist row. Dates are DICOM 'YYYYMMDD'; text the files lacked is null. */
export const studySummarySchema = z.object({
  studyInstanceUid: z.string().min(1),
  patient: patientSummarySchema,
  studyDate: dicomDate.nullable(),
  studyTime: z.string().nullable(),
  description: z.string().nullable(),
  accessionNumber: z.string().nullable(),
  /** Distinct series modalities, sorted. */
  modalities: z.array(z.string()),
  seriesCount: count,
  instanceCount: count,
});
export type StudySummary = z.infer<typeof studySummarySchema>;

export const seriesSummarySchema = z.object({
  seriesInstanceUid: z.string().min(1),
  studyInstanceUid: z.string().min(1),
  modality: z.string().nullable(),
  description: z.string().nullable(),
  seriesNumber: z.number().int().nullable(),
  frameOfReferenceUid: z.string().nullable(),
  bodyPart: z.string().nullable(),
  rows: z.number().int().nullable(),
  columns: z.number().int().nullable(),
  instanceCount: count,
});
export type SeriesSummary = z.infer<typeof seriesSummarySchema>;

/**
 * The image number of each slice (electron/shared/imaging/image-numbering.ts): what the report cites
 * and the viewer shows. No two slices share a number; under the 'position' rule a number is k + 1.
 */
export const imageNumberingSchema = z
  .object({
    rule: z.enum(['instance-number', 'position']),
    numbers: z.array(z.number().int().nonnegative().nullable()),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.numbers.forEach((n, k) => {
      if (n === null) return;
      if (seen.has(n)) ctx.addIssue({ code: 'custom', path: ['numbers', k], message: `image number ${n} is used twice` });
      if (v.rule === 'position' && n !== k + 1) ctx.addIssue({ code: 'custom', path: ['numbers', k], message: `a position number must be ${k + 1}` });
      seen.add(n);
    });
  }) satisfies z.ZodType<ImageNumbering>;

/** Geometry of one volume in patient (LPS, mm) coordinates; see electron/core/volume-assembly/volume.ts. */
export const volumeGeometrySchema = z.object({
  volumeId: z.string(),
  seriesInstanceUid: z.string().nullable(),
  frameOfReferenceUid: z.string().nullable(),
  modality: z.string().nullable(),
  dims: vec3,
  spacing: vec3,
  origin: vec3,
  direction: z.array(z.number()).length(9),
  sopInstanceUids: z.array(z.string().nullable()),
  imageNumbering: imageNumberingSchema,
  units: z.enum(['HU', 'raw']),
  invertForDisplay: z.boolean(),
  defaultWindow: z.object({ center: z.number(), width: z.number() }).nullable(),
  warnings: z.array(z.string()),
});
export type VolumeGeometry = z.infer<typeof volumeGeometrySchema>;

/** A volume without its per-slice lists (worklist, study and import answers). */
export const volumeSummarySchema = volumeGeometrySchema.omit({ sopInstanceUids: true, imageNumbering: true });
export type VolumeSummary = z.infer<typeof volumeSummarySchema>;

export const voxelDataTypeSchema = z.enum(['int16', 'float32', 'uint8']);

export const volumeMetaSchema = volumeGeometrySchema.extend({
  dataType: voxelDataTypeSchema,
  scalarRange: z.tuple([z.number(), z.number()]),
});
export type VolumeMeta = z.infer<typeof volumeMetaSchema>;

/** Why an import could not use a file (electron/core/import/rejection-codes.ts). */
export const IMPORT_REJECTION_CODES = [
  'NOT_FOUND', // no such file or folder
  'FORBIDDEN', // no permission to read
  'NOT_REGULAR_FILE', // a named pipe, socket, device or folder
  'NOT_DICOM', // no DICOM Part 10 preamble and magic
  'NIFTI_NOT_INDEXED', // a NIfTI volume: analyzed by path, not indexed
  'CORRUPT_INPUT', // a DICOM file the reader found broken (truncated, bad lengths...)
  'UNSUPPORTED_INPUT', // a valid file RadGround does not handle (e.g. an unsupported transfer syntax)
  'NO_VOLUME', // indexed, but its series cannot be shown as a volume
  'ALREADY_IMPORTED', // its SOP Instance UID is in the index already
  'INTERNAL', // anything else (a bug)
] as const;
export const importRejectionCodeSchema = z.enum(IMPORT_REJECTION_CODES);
export type ImportRejectionCode = z.infer<typeof importRejectionCodeSchema>;

export const rejectedFileSchema = z.object({ path: z.string(), code: importRejectionCodeSchema, reason: z.string() });
export type RejectedFile = z.infer<typeof rejectedFileSchema>;

export const importSummarySchema = z.object({
  importId: z.string(),
  filesSeen: z.number().int(),
  added: z.object({ patients: z.number().int(), studies: z.number().int(), series: z.number().int(), instances: z.number().int() }),
  studies: z.array(studySummarySchema),
  volumes: z.array(volumeSummarySchema),
  rejected: z.array(rejectedFileSchema),
  /** Reports restored from RadGround DICOM SRs among the files (electron/core/reports/imported/). */
  reportsRestored: z
    .array(
      z.object({
        reportId: z.string(),
        studyInstanceUid: z.string(),
        srSopInstanceUid: z.string(),
        /** 'report': a new read-only report; 'addenda': addenda appended to one restored before. */
        kind: z.enum(['report', 'addenda']),
        notes: z.array(z.string()),
      }),
    )
    .optional(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const worklistQuerySchema = z
  .object({
    patient: z.string().max(200).optional(),
    dateFrom: dicomDate.optional(),
    dateTo: dicomDate.optional(),
    modality: z.string().max(16).optional(),
    text: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type WorklistQuery = z.input<typeof worklistQuerySchema>;

export const studyChannels = {
  'studies.list': jsonChannel({
    description: 'Worklist: studies matching a query, newest first.',
    request: worklistQuerySchema,
    response: z.object({
      /** Each row with the status of its newest report (null: not reported yet). */
      rows: z.array(studySummarySchema.extend({ reportStatus: ReportStatusSchema.nullable() })),
      /** Studies matching the query, ignoring limit and offset. */
      total: count,
    }),
  }),
  'studies.get': jsonChannel({
    description: 'One study with its series and the same patient’s earlier studies (priors).',
    request: z.object({ studyInstanceUid: uid }).strict(),
    response: z.object({
      study: studySummarySchema,
      series: z.array(seriesSummarySchema),
      volumes: z.array(volumeSummarySchema),
      priors: z.array(studySummarySchema),
    }),
  }),
  'studies.import': jsonChannel({
    description: 'Import DICOM files, folders or DICOMDIRs, and NIfTI files, into the index.',
    request: z.object({ paths: z.array(importPathSchema).min(1).max(IMPORT_PATHS_MAX) }).strict(),
    response: importSummarySchema,
  }),
  'volumes.getGeometry': jsonChannel({
    description: 'Geometry of a volume (dims, spacing, origin, direction, per-slice SOP Instance UIDs).',
    request: z.object({ volumeId }).strict(),
    response: volumeGeometrySchema,
  }),
  'volumes.display': jsonChannel({
    description: 'How to display a volume: viewer kind (2D image or MPR), orientation, pixel spacing and windows per image.',
    request: z.object({ volumeId }).strict(),
    response: seriesDisplaySchema,
  }),
  'volumes.thumbnail': binaryChannel({
    description: 'A small PNG of a volume’s middle image, for series lists.',
    request: z.object({ volumeId }).strict(),
    meta: z.object({ width: z.number().int().positive(), height: z.number().int().positive(), mimeType: z.literal('image/png') }),
  }),
  'volumes.get': binaryChannel({
    description: 'A volume’s voxels as binary (column fastest, then row, then slice) with its geometry.',
    request: z.object({ volumeId }).strict(),
    meta: volumeMetaSchema,
  }),
  // Progressive opening (issue 13): one decoded slice first, so the viewer shows an image at once,
  // then the voxels in chunks of whole slices, copied one after the other into a single buffer.
  'volumes.getSlice': binaryChannel({
    description:
      'One decoded slice k of a volume (default: the middle one, where the viewer opens) with the volume’s geometry from the headers; decodes that one image only.',
    request: z.object({ volumeId, k: z.number().int().nonnegative().optional() }).strict(),
    meta: volumeGeometrySchema.extend({
      /** The slice sent (index along the volume's k axis). */
      k: z.number().int().nonnegative(),
      dataType: voxelDataTypeSchema,
      /** The 1st–99th percentile window of this slice (a first image for files with no window). */
      sliceWindow: z.object({ center: z.number(), width: z.number() }),
    }),
  }),
  'volumes.getChunk': binaryChannel({
    description: 'Slices start..start+count-1 of a volume’s voxels as binary (column fastest, then row, then slice).',
    request: z.object({ volumeId, start: z.number().int().nonnegative(), count: z.number().int().positive().max(4096) }).strict(),
    meta: z.object({ start: count, count, dims: vec3, dataType: voxelDataTypeSchema, scalarRange: z.tuple([z.number(), z.number()]) }),
  }),
} as const;
