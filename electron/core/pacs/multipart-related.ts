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

/** One part: its headers and its body as the slices of the received chunks it spans (no copy). */
export interface MultipartPart {
  headers: Record<string, string>;
  chunks: Buffer[];
  size: number;
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

/** A part's body in one Buffer (a copy only when it spans several chunks). */
export function partBody(part: MultipartPart): Buffer {
  return part.chunks.length === 1 ? part.chunks[0]! : Buffer.concat(part.chunks, part.size);
}

type State = 'preamble' | 'delimiter' | 'headers' | 'body' | 'done';

/**
 * The push parser: `push` each received chunk and get the parts it completed; `end` when the
 * stream ends (TRUNCATED unless the closing boundary was read). Body bytes are never copied: a
 * part's chunks are slices of the pushed chunks, and only the few bytes that could start a
 * delimiter are carried from one chunk to the next.
 */
export class MultipartParser {
  private readonly dash: Buffer;
  private readonly delimiter: Buffer;
  private buf: Buffer = Buffer.alloc(0);
  private state: State = 'preamble';
  private headers: Record<string, string> = {};
  private body: Buffer[] = [];
  private bodySize = 0;
  private parts = 0;
  private preambleSeen = 0;

  constructor(
    boundary: string,
    private readonly limits: MultipartLimits = DEFAULT_MULTIPART_LIMITS,
  ) {
    this.dash = Buffer.from(`--${boundary}`, 'latin1');
    this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  }

  get done(): boolean {
    return this.state === 'done';
  }

  push(chunk: Buffer): MultipartPart[] {
    const out: MultipartPart[] = [];
    if (this.state === 'done' || chunk.length === 0) return out;
    if (this.state === 'body' && this.buf.length && chunk.length >= this.delimiter.length) {
      // Only a delimiter that starts in the carried bytes needs them joined to the chunk's start.
      const carried = this.buf;
      const join = Buffer.concat([carried, chunk.subarray(0, this.delimiter.length - 1)]);
      const at = join.indexOf(this.delimiter);
      if (at >= 0 && at < carried.length) {
        this.addBody(carried.subarray(0, at));
        this.buf = chunk.subarray(at + this.delimiter.length - carried.length);
        this.endPart(out);
      } else {
        this.addBody(carried);
        this.buf = chunk;
      }
    } else this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.step(out);
    return out;
  }

  end(): void {
    if (this.state !== 'done') throw new PacsError('TRUNCATED', this.state === 'preamble' ? 'no multipart boundary in the body' : 'the multipart body ended before its closing boundary');
  }

  private addBody(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bodySize += chunk.length;
    if (this.bodySize > this.limits.maxPartBytes) throw new PacsError('PART_TOO_LARGE', `a part is larger than ${this.limits.maxPartBytes} bytes`);
    this.body.push(chunk);
  }

  private endPart(out: MultipartPart[]): void {
    out.push({ headers: this.headers, chunks: this.body, size: this.bodySize });
    this.body = [];
    this.bodySize = 0;
    this.state = 'delimiter';
  }

  private step(out: MultipartPart[]): void {
    const { dash, delimiter, limits } = this;
    for (;;) {
      const buf = this.buf;
      if (this.state === 'preamble') {
        const at = buf.subarray(0, dash.length).equals(dash) ? 0 : buf.indexOf(delimiter);
        if (at < 0) {
          const keep = delimiter.length - 1;
          if (buf.length > keep) {
            this.preambleSeen += buf.length - keep;
            this.buf = buf.subarray(buf.length - keep);
          }
          if (this.preambleSeen > limits.maxPreambleBytes) throw new PacsError('BAD_BOUNDARY', 'no multipart boundary within the preamble limit');
          return;
        }
        this.buf = buf.subarray(at + (at === 0 && buf[0] === 0x2d ? dash.length : delimiter.length));
        this.state = 'delimiter';
      } else if (this.state === 'delimiter') {
        // After a boundary: "--" closes the body; otherwise optional transport padding, then CRLF.
        let i = 0;
        while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
        if (i > 256) throw new PacsError('BAD_BOUNDARY', 'boundary followed by too much padding');
        if (buf.length < i + 2) return;
        if (i === 0 && buf[0] === 0x2d && buf[1] === 0x2d) {
          this.state = 'done';
          this.buf = Buffer.alloc(0);
          return;
        }
        if (buf[i] !== 0x0d || buf[i + 1] !== 0x0a) throw new PacsError('BAD_BOUNDARY', 'a multipart boundary is not followed by CRLF or --');
        this.buf = buf.subarray(i + 2);
        this.state = 'headers';
      } else if (this.state === 'headers') {
        const end = buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a ? -2 : buf.indexOf('\r\n\r\n', 0, 'latin1');
        if (end === -1) {
          if (buf.length > limits.maxHeaderBytes) throw new PacsError('HEADERS_TOO_LARGE', `part headers larger than ${limits.maxHeaderBytes} bytes`);
          return;
        }
        if (end > limits.maxHeaderBytes) throw new PacsError('HEADERS_TOO_LARGE', `part headers larger than ${limits.maxHeaderBytes} bytes`);
        this.headers = end < 0 ? {} : parseHeaders(buf.subarray(0, end).toString('latin1'));
        this.buf = buf.subarray(end < 0 ? 2 : end + 4);
        if (++this.parts > limits.maxParts) throw new PacsError('TOO_MANY_PARTS', `more than ${limits.maxParts} parts`);
        this.state = 'body';
      } else if (this.state === 'body') {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          // Everything but a possible start of the delimiter is body.
          const keep = Math.min(buf.length, delimiter.length - 1);
          this.addBody(buf.subarray(0, buf.length - keep));
          this.buf = buf.subarray(buf.length - keep);
          return;
        }
        this.addBody(buf.subarray(0, at));
        this.buf = buf.subarray(at + delimiter.length);
        this.endPart(out);
      } else return;
    }
  }
}

/** The parts of a multipart/related stream, one at a time (async iteration; see also readMultipartStream). */
export async function* readMultipartRelated(stream: Readable, boundary: string, limits: MultipartLimits = DEFAULT_MULTIPART_LIMITS): AsyncGenerator<MultipartPart> {
  const parser = new MultipartParser(boundary, limits);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield* parser.push(chunk);
      if (parser.done) return;
    }
    parser.end();
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
