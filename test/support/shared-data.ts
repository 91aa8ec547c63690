import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root (this file lives in test/support/). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real, licensed imaging data lives beside the project root and is never copied into it. */
export const sharedDataRoot = resolve(projectRoot, '..', 'shared', 'data');

export const hasSharedData = existsSync(join(sharedDataRoot, 'README.md'));

export function sharedData(...parts: string[]): string {
  return join(sharedDataRoot, ...parts);
}

/** Why data-dependent suites skip; vitest prints it with describe.skipIf. */
export const NO_SHARED_DATA_REASON = `real test data not found at ${sharedDataRoot}`;

/**
 * For suites that need the real data: true when it is there. Where it is missing, with CI=true this
 * THROWS (the suite fails: CI must have the data), otherwise it returns false so the suite skips
 * with NO_SHARED_DATA_REASON.
 */
export function requireSharedData(): boolean {
  if (!hasSharedData && process.env.CI === 'true') throw new Error(`${NO_SHARED_DATA_REASON}; CI=true requires it`);
  return hasSharedData;
}
