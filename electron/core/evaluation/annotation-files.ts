/** Checked access to annotation files, which are hostile input: kind, size and count limits, typed errors. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RadGroundError } from '../errors/radground-error';

export const MAX_XML_BYTES = 16 * 1024 * 1024;
export const MAX_DICOM_BYTES = 256 * 1024 * 1024;
export const MAX_FOLDER_FILES = 10_000;

function statOf(path: string, what: string) {
  try {
    return statSync(path);
  } catch {
    throw new RadGroundError('NOT_FOUND', `${what} ${path} not found`);
  }
}

/** The bytes of a regular file of at most `maxBytes`. */
export function readCheckedFile(path: string, maxBytes: number, what: string): Buffer {
  const st = statOf(path, what);
  if (!st.isFile()) throw new RadGroundError('BAD_REQUEST', `${what} ${path} is not a file`);
  if (st.size > maxBytes) throw new RadGroundError('UNSUPPORTED_INPUT', `${what} ${path} is ${st.size} bytes, over the ${maxBytes} limit`);
  return readFileSync(path);
}

/** UTF-8 text of a file of at most `maxBytes`. */
export function readCheckedText(path: string, maxBytes: number, what: string): string {
  return readCheckedFile(path, maxBytes, what).toString('utf8');
}

/** Names of the regular files in a folder whose names end with `suffix`, sorted; at most MAX_FOLDER_FILES. */
export function listCheckedFolder(path: string, suffix: string, what: string): string[] {
  const st = statOf(path, what);
  if (!st.isDirectory()) throw new RadGroundError('BAD_REQUEST', `${what} ${path} is not a folder`);
  const names = readdirSync(path, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.toLowerCase().endsWith(suffix))
    .map((d) => d.name)
    .sort();
  if (names.length > MAX_FOLDER_FILES) throw new RadGroundError('UNSUPPORTED_INPUT', `${what} ${path} holds ${names.length} files, over the ${MAX_FOLDER_FILES} limit`);
  return names.map((n) => join(path, n));
}
