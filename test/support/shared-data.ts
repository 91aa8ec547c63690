import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root (this file lives in test/support/). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real, licensed imaging data lives beside the project root and is never copied into it. */
export const sharedDataRoot = resolve(projectRoot, '..', 'shared', 'data');

/** Suites never read this directly: they call requireSharedData(), the one way to ask (CI=true makes a missing copy fail). */
const hasSharedData = existsSync(join(sharedDataRoot, 'README.md'));

export function sharedData(...parts: string[]): string {
  return join(sharedDataRoot, ...parts);
}

/** Why data-dependent suites skip; vitest prints it with describe.skipIf. */
export const NO_SHARED_DATA_REASON = `real test data not found at ${sharedDataRoot}`;

/**
 * The one check for suites (and benches) that need the real data: call it once at module level,
 * `const hasData = requireSharedData();`, then `describe.skipIf(!hasData)(...)`. True when the data
 * is there. Where it is missing, with CI=true this THROWS (the suite fails: CI must have the data;
 * .ci/run also stops before installing anything), otherwise it returns false so the suite skips with
 * NO_SHARED_DATA_REASON.
 */
export function requireSharedData(): boolean {
  if (!hasSharedData && process.env.CI === 'true') throw new Error(`${NO_SHARED_DATA_REASON}; CI=true requires it`);
  return hasSharedData;
}
