/**
 * A streaming reader of multipart/related bodies (RFC 2046 / DICOM PS3.18), as WADO-RS answers:
 * reads the stream chunk by chunk and yields one part at a time, never holding more than the part
 * being read. Hostile input is bounded: boundary syntax, preamble, header and part sizes and the
 * number of parts are checked, and every violation is a typed PacsError.
 */
import type { Readable } from 'node:stream';
import { PacsError } from './pacs-errors';

export interface MultipartLimits {
  maxPartBytes: number;
  maxParts: number;
  maxHeaderBytes: number;
  maxPreambleBytes: number;
}

export const DEFAULT_MULTIPART_LIMITS: MultipartLimits = { maxPartBytes: 1024 * 1024 * 1024, maxParts: 100_000, maxHeaderBytes: 16 * 1024, maxPreambleBytes: 64 * 1024 };

export interface MultipartPart {
  headers: Record<string, string>;
  body: Buffer;
}

const BOUNDARY_CHARS = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary and type of a multipart/related Content-Type; BAD_CONTENT_TYPE / BAD_BOUNDARY otherwise. */
export function parseMultipartContentType(contentType: string | undefined): { boundary: string; type: string | null } {
  const [media, ...params] = (contentType ?? '').split(';');
  if (media?.trim().toLowerCase() !== 'multipart/related') throw new PacsError('BAD_CONTENT_TYPE', `expected multipart/related, got ${contentType ?? 'nothing'}`);
  const values: Record<string, string> = {};
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let value = p.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    values[key] = value;
  }
  const boundary = values.boundary;
  if (!boundary || !BOUNDARY_CHARS.test(boundary)) throw new PacsError('BAD_BOUNDARY', `invalid multipart boundary ${JSON.stringify(boundary ?? null)}`);
  return { boundary, type: values.type ?? null };
}

type State = 'preamble' | 'delimiter' | 'headers' | 'body' | 'done';

export async function* readMultipartRelated(stream: Readable, boundary: string, limits: MultipartLimits = DEFAULT_MULTIPART_LIMITS): AsyncGenerator<MultipartPart> {
  const dash = Buffer.from(`--${boundary}`, 'latin1');
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let buf: Buffer = Buffer.alloc(0);
  let state = 'preamble' as State;
  let headers: Record<string, string> = {};
  let body: Buffer[] = [];
  let bodySize = 0;
  let parts = 0;
  let preambleSeen = 0;

  const addBody = (chunk: Buffer) => {
    if (chunk.length === 0) return;
    bodySize += chunk.length;
    if (bodySize > limits.maxPartBytes) throw new PacsError('PART_TOO_LARGE', `a part is larger than ${limits.maxPartBytes} bytes`);
    body.push(chunk);
  };

  const step = function* (): Generator<MultipartPart> {
    for (;;) {
      if (state === 'preamble') {
        const at = buf.subarray(0, dash.length).equals(dash) ? 0 : buf.indexOf(delimiter);
        if (at < 0) {
          const keep = delimiter.length - 1;
          if (buf.length > keep) {
            preambleSeen += buf.length - keep;
            buf = buf.subarray(buf.length - keep);
          }
          if (preambleSeen > limits.maxPreambleBytes) throw new PacsError('BAD_BOUNDARY', 'no multipart boundary within the preamble limit');
          return;
        }
        buf = buf.subarray(at + (at === 0 && buf[0] === 0x2d ? dash.length : delimiter.length));
        state = 'delimiter';
      } else if (state === 'delimiter') {
        // After a boundary: "--" closes the body; otherwise optional transport padding, then CRLF.
        let i = 0;
        while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
        if (i > 256) throw new PacsError('BAD_BOUNDARY', 'boundary followed by too much padding');
        if (buf.length < i + 2) return;
        if (i === 0 && buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          return;
        }
        if (buf[i] !== 0x0d || buf[i + 1] !== 0x0a) throw new PacsError('BAD_BOUNDARY', 'a multipart boundary is not followed by CRLF or --');
        buf = buf.subarray(i + 2);
        state = 'headers';
      } else if (state === 'headers') {
        const end = buf.subarray(0, 2).toString('latin1') === '\r\n' ? -2 : buf.indexOf('\r\n\r\n', 0, 'latin1');
        if (end === -1) {
          if (buf.length > limits.maxHeaderBytes) throw new PacsError('HEADERS_TOO_LARGE', `part headers larger than ${limits.maxHeaderBytes} bytes`);
          return;
        }
        if (end > limits.maxHeaderBytes) throw new PacsError('HEADERS_TOO_LARGE', `part headers larger than ${limits.maxHeaderBytes} bytes`);
        headers = end < 0 ? {} : parseHeaders(buf.subarray(0, end).toString('latin1'));
        buf = buf.subarray(end < 0 ? 2 : end + 4);
        if (++parts > limits.maxParts) throw new PacsError('TOO_MANY_PARTS', `more than ${limits.maxParts} parts`);
        body = [];
        bodySize = 0;
        state = 'body';
      } else if (state === 'body') {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          // Everything but a possible start of the delimiter is body.
          const keep = Math.min(buf.length, delimiter.length - 1);
          addBody(buf.subarray(0, buf.length - keep));
          buf = buf.subarray(buf.length - keep);
          return;
        }
        addBody(buf.subarray(0, at));
        buf = buf.subarray(at + delimiter.length);
        const part = { headers, body: body.length === 1 ? body[0]! : Buffer.concat(body, bodySize) };
        body = [];
        state = 'delimiter';
        yield part;
      } else return;
    }
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      yield* step();
      if (state === 'done') return;
    }
    if (state !== 'done') throw new PacsError('TRUNCATED', state === 'preamble' ? 'no multipart boundary in the body' : 'the multipart body ended before its closing boundary');
  } finally {
    stream.destroy();
  }
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new PacsError('BAD_BOUNDARY', `malformed part header ${JSON.stringify(line.slice(0, 80))}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
