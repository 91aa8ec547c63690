import { ERROR_CODES, RadGroundError, type ErrorCode } from '../errors/radground-error';

/**
 * The RadGroundError a worker's `{ type: 'error', code, message }` answer stands for (serve-requests.ts):
 * class identity does not cross threads, the code does. Unknown codes become INTERNAL.
 */
export function workerErrorToRadGroundError(code: string, message: string): RadGroundError {
  const known = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
  return new RadGroundError(known, message);
}
