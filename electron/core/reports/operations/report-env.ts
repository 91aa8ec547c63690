/** Clock and id source of report writes (injectable, so tests and benchmarks are reproducible). */
import { randomUUID } from 'node:crypto';

export interface ReportEnv {
  /** ISO 8601 UTC timestamp. */
  now(): string;
  newId(): string;
}

export const systemReportEnv: ReportEnv = {
  now: () => new Date().toISOString(),
  newId: () => randomUUID(),
};
