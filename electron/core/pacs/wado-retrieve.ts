import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileMetaGroupEnd, readFileMetaGroup } from '../dicom/dataset/file-meta';
import { hasPart10Magic } from '../dicom/files/part10-preamble';
import { parseMultipartContentType, type MultipartLimits, type MultipartPart } from './multipart-related';
import { consumeMultipart } from './multipart-stream';
import { parseNodeRoot, resolveOnNode } from './node-url';
import { PacsError } from './pacs-errors';
import { pacsRequest } from './pacs-http';
import type { PacsNode } from './pacs-node';

export interface RetrieveTarget {
  studyInstanceUid: string;
  seriesInstanceUid?: string;
}

export interface RetrieveProgress {
  instances: number;
  bytes: number;
  /** Instances expected (from QIDO-RS), null when unknown. */
  total: number | null;
}

export interface RetrieveOptions {
  signal?: AbortSignal;
  onProgress?: (p: RetrieveProgress) => void;
  total?: number | null;
  limits?: MultipartLimits;
}

/** What a retrieve asks for: every instance as stored (no transcoding), one part per Part 10 file. */
export const WADO_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

/** The WADO-RS path of a study or series. */
export function retrievePath(target: RetrieveTarget): string {
  const study = `studies/${encodeURIComponent(target.studyInstanceUid)}`;
  return target.seriesInstanceUid ? `${study}/series/${encodeURIComponent(target.seriesInstanceUid)}` : study;
}

/** Parts written to disk at once while the next ones are read. */
const WRITE_CONCURRENCY = 4;
/** The file meta group is read from this many first bytes of a part. */
const META_PEEK_BYTES = 16 * 1024;

/**
 * A retrieved file's name: its SOP Instance UID from the file meta group (a second retrieve of the
 * same instance rewrites the same file), or its content hash where the group lacks a usable UID or
 * the UID was already used in this retrieve.
 */
function fileNameOf(head: Buffer, part: MultipartPart, taken: Set<string>): string {
  let name: string | null;
  try {
    // The meta group alone: dicom-parser's readPart10Header reads one element past it, which in a
    // deflated data set is compressed bytes (and may throw).
    const end = fileMetaGroupEnd(head);
    name = end === null ? null : (readFileMetaGroup(head, end).string('x00020003')?.trim() ?? null);
  } catch {
    name = null; // a meta group longer than the peek, or malformed: the import judges the file
  }
  if (!name || !/^[0-9.]{1,64}$/.test(name) || taken.has(name)) {
    const hash = createHash('sha256');
    for (const c of part.chunks) hash.update(c);
    name = hash.digest('hex').slice(0, 32);
  }
  taken.add(name);
  return name;
}

/**
 * WADO-RS retrieve of a study or series, as stored (transfer-syntax=*), streamed part by part into
 * `folder` (one file per instance, named by its SOP Instance UID so a second retrieve rewrites the
 * same files). A part's bytes go from the received chunks to its file without being copied; a few parts
 * are written while the next are read. Resolves with the files written, in the order received;
 * CANCELLED when the signal aborts.
 */
export async function retrieveToFolder(node: PacsNode, target: RetrieveTarget, folder: string, options: RetrieveOptions = {}): Promise<string[]> {
  const url = resolveOnNode(parseNodeRoot(node.url), retrievePath(target));
  const res = await pacsRequest(node, { method: 'GET', url, headers: { Accept: WADO_ACCEPT }, signal: options.signal });
  const files: string[] = [];
  const names = new Set<string>();
  const progress: RetrieveProgress = { instances: 0, bytes: 0, total: options.total ?? null };
  try {
    const { boundary, type } = parseMultipartContentType(res.headers['content-type']);
    if (type && type.toLowerCase() !== 'application/dicom') throw new PacsError('BAD_CONTENT_TYPE', `expected parts of application/dicom, got ${type}`);
    await mkdir(folder, { recursive: true });
    await consumeMultipart(
      res,
      boundary,
      async (part, index) => {
        const partType = part.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
        if (partType && partType !== 'application/dicom') throw new PacsError('BAD_CONTENT_TYPE', `a part is ${partType}, not application/dicom`);
        const head = Buffer.concat(part.chunks, Math.min(part.size, META_PEEK_BYTES));
        if (!hasPart10Magic(head)) throw new PacsError('BAD_CONTENT_TYPE', 'a part is not a DICOM Part 10 file');
        const file = join(folder, `${fileNameOf(head, part, names)}.dcm`);
        files[index] = file;
        const handle = await open(file, 'w');
        try {
          const { bytesWritten } = await handle.writev(part.chunks);
          if (bytesWritten !== part.size) throw new PacsError('TRUNCATED', `wrote ${bytesWritten} of ${part.size} bytes to ${file}`);
        } finally {
          await handle.close();
        }
        progress.instances += 1;
        progress.bytes += part.size;
        options.onProgress?.({ ...progress });
        if (options.signal?.aborted) throw new PacsError('CANCELLED', 'retrieve cancelled');
      },
      { limits: options.limits, concurrency: WRITE_CONCURRENCY },
    );
  } catch (e) {
    res.destroy();
    if (options.signal?.aborted && !(e instanceof PacsError && e.failure === 'CANCELLED')) throw new PacsError('CANCELLED', 'retrieve cancelled');
    throw e;
  }
  return files;
}
