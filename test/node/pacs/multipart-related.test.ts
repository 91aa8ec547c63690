/** The WADO-RS multipart/related reader on well-formed and hostile bodies, fed in small chunks as a network would. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MULTIPART_LIMITS, parseMultipartContentType, partBody, readMultipartRelated } from '../../../electron/core/pacs/multipart-related';
import { consumeMultipart } from '../../../electron/core/pacs/multipart-stream';
import { PacsError } from '../../../electron/core/pacs/pacs-errors';

const chunked = (body: Buffer, size = 7) => Readable.from(Array.from({ length: Math.ceil(body.length / size) }, (_, i) => body.subarray(i * size, (i + 1) * size)));
const body = (boundary: string, parts: Buffer[], close = true) =>
  Buffer.concat([Buffer.from('preamble\r\n'), ...parts.flatMap((p) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), p, Buffer.from('\r\n')]), Buffer.from(close ? `--${boundary}--\r\n` : '')]);
const read = async (stream: Readable, boundary: string, limits = DEFAULT_MULTIPART_LIMITS) => {
  const parts: Buffer[] = [];
  for await (const p of readMultipartRelated(stream, boundary, limits)) parts.push(partBody(p));
  return parts;
};
const failure = async (p: Promise<unknown>) => p.then(() => 'no error', (e: unknown) => (e instanceof PacsError ? e.failure : String(e)));

describe('multipart/related reader', () => {
  it('yields every part byte for byte, whatever the chunking, including a part holding the boundary text without CRLF', async () => {
    const parts = [Buffer.from('first'), Buffer.alloc(0), Buffer.from('x--b0undary y\r\n--b0undar'), Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256))];
    for (const size of [1, 3, 64, 100_000]) expect(await read(chunked(body('b0undary', parts), size), 'b0undary')).toEqual(parts);
  });

  it('parses the Content-Type: quoted boundary and type; refuses other media types and bad boundaries', () => {
    expect(parseMultipartContentType('multipart/related; type="application/dicom"; boundary="a b:c"')).toEqual({ boundary: 'a b:c', type: 'application/dicom' });
    expect(() => parseMultipartContentType('application/json')).toThrow(/multipart\/related/);
    for (const bad of ['multipart/related', 'multipart/related; boundary=', `multipart/related; boundary=${'x'.repeat(71)}`, 'multipart/related; boundary="a\r\nb"'])
      expect(() => parseMultipartContentType(bad)).toThrow(PacsError);
  });

  it('typed errors on hostile bodies: truncated, oversized part, too many parts, endless headers, no boundary', async () => {
    const limits = { ...DEFAULT_MULTIPART_LIMITS, maxPartBytes: 100, maxParts: 2, maxHeaderBytes: 64, maxPreambleBytes: 32 };
    expect(await failure(read(chunked(body('bb', [Buffer.from('a')], false)), 'bb'))).toBe('TRUNCATED');
    expect(await failure(read(chunked(body('bb', [Buffer.alloc(101)])), 'bb', limits))).toBe('PART_TOO_LARGE');
    expect(await failure(read(chunked(body('bb', [Buffer.from('1'), Buffer.from('2'), Buffer.from('3')])), 'bb', limits))).toBe('TOO_MANY_PARTS');
    expect(await failure(read(chunked(Buffer.from(`--bb\r\nX-Long: ${'h'.repeat(200)}`)), 'bb', limits))).toBe('HEADERS_TOO_LARGE');
    expect(await failure(read(chunked(Buffer.alloc(1000, 0x41)), 'bb', limits))).toBe('BAD_BOUNDARY');
    expect(await failure(read(chunked(Buffer.from('--bbXX\r\n\r\n')), 'bb', limits))).toBe('BAD_BOUNDARY');
  });

  it('consumeMultipart hands over every part in order with at most `concurrency` pending, the stream paused meanwhile', async () => {
    const parts = Array.from({ length: 12 }, (_, i) => Buffer.from(Array.from({ length: 500 + i * 37 }, (_, j) => (i * 7 + j) % 256)));
    for (const size of [1, 5, 64, 100_000]) {
      const got: Buffer[] = [];
      let pending = 0;
      let most = 0;
      await consumeMultipart(
        chunked(body('b0undary', parts), size),
        'b0undary',
        async (part, index) => {
          most = Math.max(most, ++pending);
          await new Promise((r) => setTimeout(r, index % 3));
          got[index] = partBody(part);
          pending -= 1;
        },
        { concurrency: 3 },
      );
      expect(got).toEqual(parts);
      expect(most).toBeLessThanOrEqual(3);
    }
  });

  it('consumeMultipart: typed errors from the parser and the first onPart failure, after pending parts settle', async () => {
    const limits = { ...DEFAULT_MULTIPART_LIMITS, maxPartBytes: 100 };
    expect(await failure(consumeMultipart(chunked(body('bb', [Buffer.from('a')], false)), 'bb', () => {}))).toBe('TRUNCATED');
    expect(await failure(consumeMultipart(chunked(body('bb', [Buffer.alloc(101)])), 'bb', () => {}, { limits }))).toBe('PART_TOO_LARGE');
    let settled = 0;
    const failing = consumeMultipart(chunked(body('bb', [Buffer.from('1'), Buffer.from('2'), Buffer.from('3')]), 2), 'bb', async (_, index) => {
      await new Promise((r) => setTimeout(r, 5));
      settled += 1;
      if (index === 0) throw new PacsError('BAD_CONTENT_TYPE', 'not DICOM');
    });
    expect(await failure(failing)).toBe('BAD_CONTENT_TYPE');
    expect(settled).toBeGreaterThan(0);
  });
});
