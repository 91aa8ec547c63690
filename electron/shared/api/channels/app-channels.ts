import { z } from 'zod';
import { jsonChannel } from '../define-channel';

export const appInfoSchema = z.object({
  name: z.literal('RadGround'),
  version: z.string(),
  /** Which transport carried this call: lets the UI and tests tell the shell from the browser host. */
  transport: z.enum(['ipc', 'http', 'in-process']),
  platform: z.string(),
  nodeVersion: z.string(),
  dataDir: z.string(),
  /** A study the renderer opens first (the generated demo study when started with --demo). */
  startupStudyInstanceUid: z.string().nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app.getInfo': jsonChannel({
    description: 'Version and environment of the running core.',
    request: z.object({}).strict(),
    response: appInfoSchema,
  }),
  'app.ping': jsonChannel({
    description: 'Health check: echoes a nonce with the core clock, to measure round trips.',
    request: z.object({ nonce: z.string().min(1).max(200) }).strict(),
    response: z.object({ nonce: z.string(), serverTime: z.string() }),
  }),
} as const;
