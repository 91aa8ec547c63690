import { constants, inflateRawSync } from 'node:zlib';
import { RadGroundError } from '../errors/radground-error';

/**
 * Limits on data that expands when read (deflated DICOM data sets, gzip-compressed NIfTI): a file may
 * never make RadGround hold more than its header promises, nor more than the memory budget.
 */

/** Environment variable that sets the memory budget (bytes) for one decompressed file or volume. */
export const MEMORY_BUDGET_ENV = 'RADGROUND_MEMORY_BUDGET_BYTES';
export const DEFAULT_MEMORY_BUDGET_BYTES = 2 * 1024 ** 3;

/** The memory budget for one decompressed file or volume: RADGROUND_MEMORY_BUDGET_BYTES, else 2 GiB. */
export function memoryBudgetBytes(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[MEMORY_BUDGET_ENV]);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MEMORY_BUDGET_BYTES;
}

/** UNSUPPORTED_INPUT for data that would need more memory than the budget; the message names the budget and how to raise it. */
export function overMemoryBudget(what: string, neededBytes: number, budgetBytes: number, filePath?: string): RadGroundError {
  return new RadGroundError(
    'UNSUPPORTED_INPUT',
    `${what} needs ${neededBytes} bytes, over the memory budget of ${budgetBytes} bytes (${MEMORY_BUDGET_ENV})` +
      (filePath ? `: ${filePath}` : ''),
    { ...(filePath ? { filePath } : {}), neededBytes, limitBytes: budgetBytes, limit: MEMORY_BUDGET_ENV },
  );
}

/** zlib's error when output would pass maxOutputLength. */
export function isOutputLimitError(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * Raw-deflate output of at most the first `maxInputBytes` of `input`, flushed as far as that input goes
 * (so a prefix of a stream inflates without "unexpected end" errors). Throws zlib's ERR_BUFFER_TOO_LARGE
 * past `maxOutputBytes`.
 */
export function inflateRawPrefix(input: Uint8Array, maxInputBytes: number, maxOutputBytes: number): Buffer {
  return inflateRawSync(input.subarray(0, maxInputBytes), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxOutputBytes });
}

/** The whole raw-deflate stream, or zlib's ERR_BUFFER_TOO_LARGE as soon as it passes `maxOutputBytes` (nothing more is allocated). */
export function inflateRawBounded(input: Uint8Array, maxOutputBytes: number): Buffer {
  return inflateRawSync(input, { maxOutputLength: maxOutputBytes });
}
