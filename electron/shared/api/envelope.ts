import { z } from 'zod';

/** The error codes that may travel over the API (mirrors core's RadGroundError codes). */
export const apiErrorCodeSchema = z.enum([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CORRUPT_INPUT',
  'UNSUPPORTED_INPUT',
  'CONFLICT',
  'SCHEMA_TOO_NEW',
  'MODEL_INVALID',
  'CANCELLED',
  'INTERNAL',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z.object({ code: apiErrorCodeSchema, message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ApiEnvelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const apiFailureEnvelopeSchema = z.object({ ok: z.literal(false), error: apiErrorSchema });

export function ok<T>(value: T): ApiEnvelope<T> {
  return { ok: true, value };
}

export function fail(code: ApiErrorCode, message: string): ApiEnvelope<never> {
  return { ok: false, error: { code, message } };
}

/** Thrown by the renderer's API client when the core answers with an error envelope. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly channel: string;
  constructor(channel: string, error: ApiError) {
    super(`${channel}: ${error.message}`);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.channel = channel;
  }
}
