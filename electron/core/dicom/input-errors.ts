import { RadGroundError } from '../errors/radground-error';

/** A file that is not what it claims to be; the message ends with the file's path. */
export function corruptInput(message: string, filePath: string, details: Record<string, unknown> = {}): RadGroundError {
  return new RadGroundError('CORRUPT_INPUT', `${message}: ${filePath}`, { filePath, ...details });
}

/** A valid file RadGround deliberately does not handle; the message ends with the file's path. */
export function unsupportedInput(message: string, filePath: string, details: Record<string, unknown> = {}): RadGroundError {
  return new RadGroundError('UNSUPPORTED_INPUT', `${message}: ${filePath}`, { filePath, ...details });
}
