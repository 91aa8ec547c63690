import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_MULTIPART_LIMITS, parseMultipartContentType, readMultipartRelated, type MultipartLimits } from './multipart-related';
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

/** The WADO-RS path of a study or series. */
export function retrievePath(target: RetrieveTarget): string {
  const study = `studies/${encodeURIComponent(target.studyInstanceUid)}`;
  return target.seriesInstanceUid ? `${study}/series/${encodeURIComponent(target.seriesInstanceUid)}` : study;
}

/**
 * WADO-RS retrieve of a study or series, as stored (transfer-syntax=*), streamed part by part into
 * `folder` (one file per instance, named by its content hash so a second retrieve rewrites the same
 * files). Resolves with the files written; CANCELLED when the signal aborts.
 */
export async function retrieveToFolder(node: PacsNode, target: RetrieveTarget, folder: string, options: RetrieveOptions = {}): Promise<string[]> {
  const url = resolveOnNode(parseNodeRoot(node.url), retrievePath(target));
  const res = await pacsRequest(node, {
    method: 'GET',
    url,
    headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
    signal: options.signal,
  });
  const { boundary, type } = parseMultipartContentType(res.headers['content-type']);
  if (type && type.toLowerCase() !== 'application/dicom') throw new PacsError('BAD_CONTENT_TYPE', `expected parts of application/dicom, got ${type}`);
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  const progress: RetrieveProgress = { instances: 0, bytes: 0, total: options.total ?? null };
  try {
    for await (const part of readMultipartRelated(res, boundary, options.limits ?? DEFAULT_MULTIPART_LIMITS)) {
      const partType = part.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (partType && partType !== 'application/dicom') throw new PacsError('BAD_CONTENT_TYPE', `a part is ${partType}, not application/dicom`);
      if (part.body.length < 132 || part.body.toString('latin1', 128, 132) !== 'DICM') throw new PacsError('BAD_CONTENT_TYPE', 'a part is not a DICOM Part 10 file');
      const file = join(folder, `${createHash('sha256').update(part.body).digest('hex').slice(0, 32)}.dcm`);
      await writeFile(file, part.body);
      files.push(file);
      progress.instances += 1;
      progress.bytes += part.body.length;
      options.onProgress?.({ ...progress });
      if (options.signal?.aborted) throw new PacsError('CANCELLED', 'retrieve cancelled');
    }
  } catch (e) {
    if (options.signal?.aborted && !(e instanceof PacsError && e.failure === 'CANCELLED')) throw new PacsError('CANCELLED', 'retrieve cancelled');
    throw e;
  }
  return files;
}
