import { randomBytes } from 'node:crypto';
import { createWriteStream, lstatSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, normalize, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fail, ok } from '../shared/api/envelope';
import { refuseTooLarge, sendEnvelope } from './api-routes';

/** One dropped file at most this large (a multi-frame series can be big; nothing else is). */
const MAX_FILE_BYTES = 2 * 1024 ** 3;
const BATCH_ID = /^[a-z0-9-]{8,64}$/;

export interface UploadLimits {
  /** Largest file one upload may store; default 2 GiB. */
  maxFileBytes?: number;
}

/** Where the files dropped on a browser page are kept, one folder per drop, inside the data folder. */
export function uploadBatchDir(dataDir: string, batchId: string): string {
  return join(dataDir, 'uploads', batchId);
}

class UploadTooLargeError extends Error {}
class UploadAbortedError extends Error {}

/**
 * Streams the request body into `file`, failing once more than `limit` bytes arrived. `req` is piped, not
 * put in a pipeline, so an oversized body does not destroy the socket (the 413 can still be sent); a
 * client that disconnects mid-body fails the copy instead of leaving it waiting. A failed copy leaves no file.
 */
function receive(req: IncomingMessage, file: string, limit: number): Promise<void> {
  const cap = byteCap(limit);
  const onClose = () => {
    if (!req.complete) cap.destroy(new UploadAbortedError('upload aborted by the client'));
  };
  req.on('close', onClose);
  req.pipe(cap);
  const out = createWriteStream(file, { flags: 'wx' });
  return pipeline(cap, out)
    .catch(async (e: unknown) => {
      // The file may still be opening when the copy fails: remove it only once the stream has closed,
      // or it would appear after the removal.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      rmSync(file, { force: true });
      throw e;
    })
    .finally(() => {
      req.off('close', onClose);
      req.unpipe(cap);
    });
}

/** Passes bytes through until more than `limit` have gone by, then fails the pipeline (no Content-Length needed). */
function byteCap(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new UploadTooLargeError(`file over ${limit} bytes`));
      else done(null, chunk);
    },
  });
}

/** Why `target` cannot be written as a file, or null: a folder already there, or a file where a folder must be. */
function blockedTarget(batchDir: string, target: string): string | null {
  const kindAt = (path: string): 'file' | 'dir' | 'other' | null => {
    try {
      const stats = lstatSync(path);
      return stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : 'other';
    } catch {
      return null;
    }
  };
  const existing = kindAt(target);
  if (existing === 'dir') return 'a folder already exists at this path';
  if (existing === 'other') return 'something other than a file exists at this path';
  for (let dir = dirname(target); dir.length > batchDir.length; dir = dirname(dir)) {
    const kind = kindAt(dir);
    if (kind !== null && kind !== 'dir') return 'a file exists where this path needs a folder';
  }
  return null;
}

/**
 * PUT /api/upload/<batch>?path=<relative path>: a browser cannot hand us the path of a dropped file
 * (the desktop app can), so the page sends its bytes; the folder is then imported like any other.
 * Bytes go to a temporary name beside the target and are renamed into place only when complete, so an
 * aborted or oversized upload (checked while streaming, with or without Content-Length: 413) leaves nothing.
 * Answers { ok, value: { batchDir } }; 409 CONFLICT when a folder (or a file in the way) blocks the path.
 */
export async function handleUpload(
  dataDir: string,
  batchId: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  limits: UploadLimits = {},
): Promise<void> {
  const maxFileBytes = limits.maxFileBytes ?? MAX_FILE_BYTES;
  if (req.method !== 'PUT') {
    res.writeHead(405, { allow: 'PUT' }).end();
    return;
  }
  const relative = url.searchParams.get('path') ?? '';
  const absolute = /^([/\\]|[a-zA-Z]:)/.test(relative);
  const clean = absolute || relative.includes('\0') ? '' : normalize(relative);
  const batchDir = uploadBatchDir(dataDir, batchId);
  const target = join(batchDir, clean);
  if (!BATCH_ID.test(batchId) || !clean || clean.startsWith('..') || !target.startsWith(batchDir + sep)) {
    sendEnvelope(res, fail('BAD_REQUEST', 'bad upload batch or path'));
    return;
  }
  if (Number(req.headers['content-length'] ?? 0) > maxFileBytes) {
    refuseTooLarge(req, res, `file over ${maxFileBytes} bytes`);
    return;
  }
  const blocked = blockedTarget(batchDir, target);
  if (blocked) {
    sendEnvelope(res, fail('CONFLICT', `cannot store the upload: ${blocked}`));
    return;
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${randomBytes(6).toString('hex')}`;
  try {
    await receive(req, partial, maxFileBytes);
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    if (e instanceof UploadTooLargeError) {
      refuseTooLarge(req, res, e.message);
      return;
    }
    if (e instanceof UploadAbortedError) {
      res.destroy(); // the client went away: nothing to answer, nothing left behind
      return;
    }
    throw e;
  }
  sendEnvelope(res, ok({ batchDir }));
}
