import { RadGroundError, type ErrorCode } from '../errors/radground-error';

/** Why a DICOMweb exchange failed; the API error code says how the caller should react. */
export type PacsFailure =
  | 'OFF_NODE' // a URL outside the configured node
  | 'BAD_URL'
  | 'NETWORK'
  | 'HTTP_STATUS'
  | 'AUTH'
  | 'BAD_CONTENT_TYPE'
  | 'BAD_BOUNDARY'
  | 'PART_TOO_LARGE'
  | 'TOO_MANY_PARTS'
  | 'HEADERS_TOO_LARGE'
  | 'TRUNCATED'
  | 'BAD_JSON'
  | 'CANCELLED'
  | 'SECRET_STORAGE_UNAVAILABLE'; // no safe place for a password or token (no OS encryption)

const CODES: Record<PacsFailure, ErrorCode> = {
  OFF_NODE: 'FORBIDDEN',
  BAD_URL: 'BAD_REQUEST',
  NETWORK: 'INTERNAL',
  HTTP_STATUS: 'INTERNAL',
  AUTH: 'UNAUTHORIZED',
  BAD_CONTENT_TYPE: 'CORRUPT_INPUT',
  BAD_BOUNDARY: 'CORRUPT_INPUT',
  PART_TOO_LARGE: 'CORRUPT_INPUT',
  TOO_MANY_PARTS: 'CORRUPT_INPUT',
  HEADERS_TOO_LARGE: 'CORRUPT_INPUT',
  TRUNCATED: 'CORRUPT_INPUT',
  BAD_JSON: 'CORRUPT_INPUT',
  CANCELLED: 'CANCELLED',
  SECRET_STORAGE_UNAVAILABLE: 'CONFLICT',
};

/** A typed DICOMweb failure: `failure` is the precise reason, `code` the API error code. */
export class PacsError extends RadGroundError {
  readonly failure: PacsFailure;
  readonly status: number | null;

  constructor(failure: PacsFailure, message: string, status: number | null = null) {
    super(CODES[failure], message, { failure, status });
    this.name = 'PacsError';
    this.failure = failure;
    this.status = status;
  }
}
