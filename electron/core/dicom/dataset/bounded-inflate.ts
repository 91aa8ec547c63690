import { constants, inflateRawSync } from 'node:zlib';
import { RadGroundError } from '../../errors/radground-error';

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

/** First compressed bytes inflated by inflateRawHead; each later try takes at most 4x more. */
const HEAD_FIRST_INPUT_BYTES = 4 * 1024;

export type InflatedHead =
  /** `output` is the stream's start (the whole of what `input` holds when `complete`) and `enough` accepted it. */
  | { kind: 'head'; output: Buffer; complete: boolean }
  /** At least the first 15/16 of `maxOutputBytes` of output never satisfied `enough`. */
  | { kind: 'over-limit' };

/**
 * Inflates ever longer starts of a raw-deflate stream until `enough(output, complete)` is true for one, never
 * holding more than `maxOutputBytes` of output: a start that inflates past it is narrowed (bisected on the
 * compressed input) instead. `enough` sees the output of each try, growing and always a prefix of the stream's;
 * `complete` says it is all `input` holds. Since the tries are cut on the compressed input, where they end in
 * the output is arbitrary: `enough` must decide from the output alone. Gives up (over-limit) once a try of
 * more than 15/16 of `maxOutputBytes` was not enough. The next try's input is estimated from the ratio seen so
 * far, so a stream that inflates fast (a bomb) reaches the limit in two or three tries.
 */
export function inflateRawHead(
  input: Uint8Array,
  maxOutputBytes: number,
  enough: (output: Buffer, complete: boolean) => boolean,
): InflatedHead {
  const giveUpAt = maxOutputBytes - Math.floor(maxOutputBytes / 16);
  const aimAt = maxOutputBytes - Math.floor(maxOutputBytes / 32);
  let fits = 0; // longest input known to inflate within maxOutputBytes
  let overflows = Infinity; // shortest input known to inflate past it
  let take = Math.min(HEAD_FIRST_INPUT_BYTES, input.length);
  for (;;) {
    let output: Buffer;
    try {
      output = inflateRawPrefix(input, take, maxOutputBytes);
    } catch (e) {
      if (!isOutputLimitError(e)) throw e;
      overflows = take;
      if (overflows - fits <= 1) return { kind: 'over-limit' };
      take = Math.floor((fits + overflows) / 2);
      continue;
    }
    const complete = take >= input.length;
    if (enough(output, complete) || complete) return { kind: 'head', output, complete };
    if (output.length >= giveUpAt) return { kind: 'over-limit' };
    fits = take;
    const estimate = Math.floor((take * aimAt) / Math.max(output.length, 1));
    const next = overflows === Infinity ? Math.min(take * 4, estimate, input.length) : Math.floor((fits + overflows) / 2);
    take = Math.max(next, take + 1);
    if (take >= overflows) return { kind: 'over-limit' };
  }
}

/** The whole raw-deflate stream, or zlib's ERR_BUFFER_TOO_LARGE as soon as it passes `maxOutputBytes` (nothing more is allocated). */
export function inflateRawBounded(input: Uint8Array, maxOutputBytes: number): Buffer {
  return inflateRawSync(input, { maxOutputLength: maxOutputBytes });
}
