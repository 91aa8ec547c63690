import { z } from 'zod';

/** Events pushed from the core to every connected renderer (IPC send, or server-sent events). */
export const apiEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('import.progress'),
    importId: z.string(),
    phase: z.enum(['scanning', 'reading', 'indexing', 'done']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('studies.changed') }),
  z.object({
    type: z.literal('analysis.progress'),
    volumeId: z.string().nullable(),
    modelId: z.string(),
    phase: z.enum(['loading', 'preprocess', 'infer', 'postprocess', 'done']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('pacs.retrieve.progress'),
    retrieveId: z.string(),
    studyInstanceUid: z.string(),
    instances: z.number().int().nonnegative(),
    bytes: z.number().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
  }),
  z.object({ type: z.literal('pacs.sends.changed'), id: z.number().int(), status: z.enum(['queued', 'sending', 'sent', 'failed']) }),
]);
export type ApiEvent = z.infer<typeof apiEventSchema>;
