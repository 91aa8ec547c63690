import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dicomParser } from '../dicom-parser-module';
import { nonRegularFileReason, statPath } from './file-io';
import { hasPart10Magic } from './part10-preamble';

const DIRECTORY_RECORD_SEQUENCE = 'x00041220';
const REFERENCED_FILE_ID = 'x00041500';

/** True for a file named DICOMDIR (any case), the name PS3.10 reserves for the media directory. */
export function isDicomdirName(name: string): boolean {
  return name.toUpperCase() === 'DICOMDIR';
}

/**
 * Case-insensitive path resolution under `root`: DICOMDIR file IDs are upper-case by rule, but media
 * copied to case-sensitive file systems often keeps lower-case names. Exact matches win.
 */
export class CaseInsensitiveResolver {
  private readonly listings = new Map<string, Promise<string[]>>();

  private list(folder: string): Promise<string[]> {
    let listing = this.listings.get(folder);
    if (!listing) {
      listing = readdir(folder).catch(() => [] as string[]);
      this.listings.set(folder, listing);
    }
    return listing;
  }

  /** The existing path for these components, or null when some component has no match. */
  async resolve(root: string, components: string[]): Promise<string | null> {
    let current = root;
    for (const component of components) {
      const entries = await this.list(current);
      const match = entries.includes(component)
        ? component
        : entries.find((e) => e.toUpperCase() === component.toUpperCase());
      if (match === undefined) return null;
      current = join(current, match);
    }
    return current;
  }
}

export interface DicomdirReferences {
  /** Referenced files that exist (resolved case-insensitively). */
  files: string[];
  /** Referenced file IDs with no matching file, as written in the DICOMDIR. */
  missing: string[];
}

/**
 * Reads the Referenced File IDs (0004,1500) of every directory record. Returns null when the file is not a
 * readable DICOMDIR, so the caller can fall back to walking the folder.
 */
export async function readDicomdirReferences(dicomdirPath: string): Promise<DicomdirReferences | null> {
  let bytes: Uint8Array;
  try {
    if (nonRegularFileReason(await statPath(dicomdirPath))) return null; // never open a pipe or device named DICOMDIR
    bytes = await readFile(dicomdirPath);
  } catch {
    return null;
  }
  if (!hasPart10Magic(bytes)) return null;
  let records;
  try {
    const dataSet = dicomParser.parseDicom(bytes);
    records = dataSet.elements[DIRECTORY_RECORD_SEQUENCE]?.items;
  } catch {
    return null;
  }
  if (!records) return null;
  const root = dirname(dicomdirPath);
  const resolver = new CaseInsensitiveResolver();
  const seen = new Set<string>();
  const files: string[] = [];
  const missing: string[] = [];
  for (const record of records) {
    const fileId = record.dataSet?.string(REFERENCED_FILE_ID);
    if (!fileId) continue;
    const components = fileId
      .split('\\')
      .map((c) => c.trim())
      .filter((c) => c.length > 0 && c !== '.' && c !== '..');
    if (components.length === 0) continue;
    const resolved = await resolver.resolve(root, components);
    if (resolved === null) missing.push(components.join('/'));
    else if (!seen.has(resolved)) {
      seen.add(resolved);
      files.push(resolved);
    }
  }
  return { files, missing };
}
