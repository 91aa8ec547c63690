/**
 * Every failure that crosses the API boundary is a RadGroundError with a stable code, so the
 * renderer and the CLI can tell "your file is corrupt" from "we have a bug" without parsing text.
 */
export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed schema validation
  'UNAUTHORIZED',
  'FORBIDDEN', // e.g. IPC from an untrusted frame
  'NOT_FOUND',
  'CORRUPT_INPUT', // a file that is not what it claims to be (truncated DICOM, bad NIfTI header...)
  'UNSUPPORTED_INPUT', // valid file we deliberately do not handle (e.g. RGB NIfTI)
  'CONFLICT', // e.g. writing to a signed report
  'SCHEMA_TOO_NEW', // database written by a newer RadGround
  'MODEL_INVALID', // model pack failed its checks
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class RadGroundError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'RadGroundError';
    this.code = code;
    this.details = details;
  }
}

export function isRadGroundError(e: unknown): e is RadGroundError {
  return e instanceof RadGroundError;
}

/** Turns anything thrown into the typed form that travels in API envelopes. */
export function toErrorInfo(e: unknown): { code: ErrorCode; message: string } {
  if (isRadGroundError(e)) return { code: e.code, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message };
}
