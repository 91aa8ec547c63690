import { RadGroundError } from '../../errors/radground-error';

/** Turns a Node file-system error into a RadGroundError that says what went wrong with which file. */
export function fileAccessError(e: unknown, filePath: string): RadGroundError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new RadGroundError('NOT_FOUND', `file not found: ${filePath}`, { filePath });
  if (code === 'EACCES' || code === 'EPERM') {
    return new RadGroundError('FORBIDDEN', `no permission to read: ${filePath}`, { filePath });
  }
  if (code === 'EISDIR') return new RadGroundError('BAD_REQUEST', `a folder, not a file: ${filePath}`, { filePath });
  const message = e instanceof Error ? e.message : String(e);
  return new RadGroundError('CORRUPT_INPUT', `cannot read ${filePath}: ${message}`, { filePath, code });
}
