import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiContract, isChannelName } from '../shared/api/contract';
import type { ChannelDefinition } from '../shared/api/define-channel';
import { BINARY_FRAME_CONTENT_TYPE, encodeBinaryFrame } from '../shared/api/binary-frame';
import { fail, type ApiEnvelope, type ApiErrorCode } from '../shared/api/envelope';
import type { AppCore } from '../core/app-core';

const MAX_REQUEST_BYTES = 1024 * 1024;

const STATUS_FOR_ERROR: Partial<Record<ApiErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CORRUPT_INPUT: 422,
  UNSUPPORTED_INPUT: 422,
  MODEL_INVALID: 422,
  SCHEMA_TOO_NEW: 409,
  CANCELLED: 409,
  INTERNAL: 500,
};

/** Writes an envelope; `status` overrides the code's usual HTTP status (e.g. 413 for a BAD_REQUEST that is too large). */
export function sendEnvelope(res: ServerResponse, envelope: ApiEnvelope<unknown>, status?: number, headers: Record<string, string> = {}): void {
  const code = status ?? (envelope.ok ? 200 : (STATUS_FOR_ERROR[envelope.error.code] ?? 500));
  res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(envelope));
}

/** Bytes of a refused body the host still reads (and drops) so the client gets the answer instead of a reset. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Answers 413 to a body over its limit. The rest of the body is read and dropped (up to DRAIN_LIMIT_BYTES,
 * then the connection is cut) so the client, still sending, reads the answer instead of a connection reset.
 */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, message: string): void {
  let drained = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.destroy();
  });
  req.on('error', () => {});
  req.resume();
  if (!res.headersSent) sendEnvelope(res, fail('BAD_REQUEST', message), 413, { connection: 'close' });
}

/** POST /api/call/<channel> with a JSON body: the HTTP form of one contract call. */
export async function handleApiCall(core: AppCore, channel: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
    refuseTooLarge(req, res, `request body over ${MAX_REQUEST_BYTES} bytes`);
    return;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(await readBody(req));
  } catch (e) {
    if (e instanceof BodyTooLargeError) refuseTooLarge(req, res, e.message);
    else sendEnvelope(res, fail('BAD_REQUEST', 'request body is not valid JSON'));
    return;
  }
  const envelope = await core.dispatch(channel, payload, { transport: 'http' });
  if (envelope.ok && isChannelName(channel) && (apiContract[channel] as ChannelDefinition).kind === 'binary') {
    // `release`: the data's memory may be reused once the answer is handed to the OS (or the client is gone).
    const { meta, data, release } = envelope.value as { meta: unknown; data: Uint8Array; release?: () => void };
    if (release) {
      res.once('finish', release);
      res.once('close', release);
    }
    const [prefix, body] = encodeBinaryFrame({ ok: true, value: { meta } }, data);
    res.writeHead(200, {
      'content-type': BINARY_FRAME_CONTENT_TYPE,
      'content-length': String(prefix.length + body.byteLength),
      'cache-control': 'no-store',
    });
    res.write(prefix);
    res.end(body);
    return;
  }
  sendEnvelope(res, envelope);
}

/** GET /api/events: server-sent events carrying core progress to the page. */
export function handleEventStream(core: AppCore, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = core.events.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  keepAlive.unref();
  req.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        chunks.length = 0;
        reject(new BodyTooLargeError(`request body over ${MAX_REQUEST_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
