import { z } from 'zod';

/** What the main process tells the core's utility process at start (JSON in one environment variable). */
export const CORE_UTILITY_CONFIG_ENV = 'RADGROUND_CORE_CONFIG';

export const coreUtilityConfigSchema = z
  .object({
    dataDir: z.string().min(1),
    modelsDir: z.string().min(1).nullable(),
    /** Generate (first run) and import the embedded demo study, and open it first. */
    demo: z.boolean(),
  })
  .strict();
export type CoreUtilityConfig = z.infer<typeof coreUtilityConfigSchema>;

export function readCoreUtilityConfig(env: NodeJS.ProcessEnv): CoreUtilityConfig {
  const text = env[CORE_UTILITY_CONFIG_ENV];
  if (!text) throw new Error(`${CORE_UTILITY_CONFIG_ENV} is not set`);
  return coreUtilityConfigSchema.parse(JSON.parse(text));
}
