import { createWriteStream, mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fail, ok } from '../shared/api/envelope';
import { sendEnvelope } from './api-routes';

/** One dropped file at most this large (a multi-frame series can be big; nothing else is). */
const MAX_FILE_BYTES = 2 * 1024 ** 3;
const BATCH_ID = /^[a-z0-9-]{8,64}$/;

/** Where the files dropped on a browser page are kept, one folder per drop, inside the data folder. */
export function uploadBatchDir(dataDir: string, batchId: string): string {
  return join(dataDir, 'uploads', batchId);
}

/**
 * PUT /api/upload/<batch>?path=<relative path>: a browser cannot hand us the path of a dropped file
 * (the desktop app can), so the page sends its bytes; the folder is then imported like any other.
 * Answers { ok, value: { batchDir } }.
 */
export async function handleUpload(dataDir: string, batchId: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'PUT') {
    res.writeHead(405, { allow: 'PUT' }).end();
    return;
  }
  const relative = url.searchParams.get('path') ?? '';
  const absolute = /^([/\\]|[a-zA-Z]:)/.test(relative);
  const clean = absolute ? '' : normalize(relative);
  const batchDir = uploadBatchDir(dataDir, batchId);
  const target = join(batchDir, clean);
  if (!BATCH_ID.test(batchId) || !clean || clean.startsWith('..') || !target.startsWith(batchDir + sep)) {
    sendEnvelope(res, fail('BAD_REQUEST', 'bad upload batch or path'));
    return;
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES) {
    sendEnvelope(res, fail('BAD_REQUEST', `file over ${MAX_FILE_BYTES} bytes`));
    return;
  }
  mkdirSync(dirname(target), { recursive: true });
  await pipeline(req, createWriteStream(target));
  sendEnvelope(res, ok({ batchDir }));
}
