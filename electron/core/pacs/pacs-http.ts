import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { assertOnNode, parseNodeRoot } from './node-url';
import { PacsError } from './pacs-errors';
import { authorizationHeader, type PacsNode } from './pacs-node';

export interface PacsRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer | Readable;
  signal?: AbortSignal;
}

/**
 * One HTTP(S) request to the node, with its auth; resolves with the response once its status is
 * 2xx (its body still to be read). Redirects are not followed (a redirect could leave the node),
 * 401/403 is AUTH, other non-2xx statuses HTTP_STATUS with the start of the body.
 */
export async function pacsRequest(node: PacsNode, req: PacsRequest): Promise<IncomingMessage> {
  const root = parseNodeRoot(node.url);
  assertOnNode(root, req.url);
  if (req.signal?.aborted) throw new PacsError('CANCELLED', 'cancelled');
  const headers: Record<string, string> = { 'User-Agent': 'RadGround', ...req.headers };
  const auth = authorizationHeader(node.auth);
  if (auth) headers.Authorization = auth;
  const send = req.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const r = send(req.url, { method: req.method, headers, signal: req.signal, ...(node.ca ? { ca: node.ca } : {}) }, resolve);
    r.on('error', (e: Error & { code?: string }) =>
      reject(e.name === 'AbortError' || req.signal?.aborted ? new PacsError('CANCELLED', 'cancelled') : new PacsError('NETWORK', `${req.url.origin}: ${e.code ?? ''} ${e.message}`.trim())),
    );
    if (req.body && !Buffer.isBuffer(req.body)) req.body.pipe(r);
    else r.end(req.body);
  });
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return response;
  const text = (await readBody(response, 4096).catch(() => Buffer.alloc(0))).toString('utf8');
  if (status === 401 || status === 403) throw new PacsError('AUTH', `the node refused the credentials (${status})`, status);
  throw new PacsError('HTTP_STATUS', `${req.method} ${req.url.pathname}: HTTP ${status} ${text.slice(0, 300)}`.trim(), status);
}

/** Reads a whole (small) body, at most `limit` bytes; a larger body is PART_TOO_LARGE. */
export async function readBody(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      stream.destroy();
      throw new PacsError('PART_TOO_LARGE', `response larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
