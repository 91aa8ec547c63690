import { z } from 'zod';
import { jsonChannel } from '../define-channel';

/** The radiologist using this installation: edits and signatures are attributed to them. */
export const readerSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** Optional identifier (e.g. a registration number). */
    id: z.string().trim().min(1).max(100).nullable().default(null),
  })
  .strict();
export type Reader = z.infer<typeof readerSchema>;

export const settingsSchema = z.object({ reader: readerSchema.nullable().default(null) }).strict();
export type Settings = z.infer<typeof settingsSchema>;

export const settingsChannels = {
  'settings.get': jsonChannel({
    description: 'The settings stored in the data folder (the reader identity).',
    request: z.object({}).strict(),
    response: settingsSchema,
  }),
  'settings.update': jsonChannel({
    description: 'Change settings; answers with all of them.',
    request: z.object({ reader: readerSchema.nullable().optional() }).strict(),
    response: settingsSchema,
  }),
} as const;
