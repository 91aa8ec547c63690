/**
 * Reads a multipart/related response with 'data' events (no promise per chunk, as async iteration
 * costs) and hands each part to `onPart`, which may be asynchronous (writing a file): up to
 * `concurrency` run at once; the others wait their turn in order, and the stream is paused while any
 * wait, so what is held is bounded by those parts and the chunk that completed them. Resolves once the closing boundary was read and every onPart settled; the
 * first error (the parser's typed PacsError, the stream's, an onPart's) destroys the stream and
 * rejects once the pending onPart calls have settled.
 */
import type { Readable } from 'node:stream';
import { DEFAULT_MULTIPART_LIMITS, MultipartParser, type MultipartLimits, type MultipartPart } from './multipart-related';
import { PacsError } from './pacs-errors';

export function consumeMultipart(
  stream: Readable,
  boundary: string,
  onPart: (part: MultipartPart, index: number) => Promise<void> | void,
  options: { limits?: MultipartLimits; concurrency?: number } = {},
): Promise<void> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const parser = new MultipartParser(boundary, options.limits ?? DEFAULT_MULTIPART_LIMITS);
  return new Promise<void>((resolve, reject) => {
    let pending = 0;
    let index = 0;
    const waiting: MultipartPart[] = [];
    let complete = false;
    let paused = false;
    let error: unknown = null;
    const settle = () => {
      if (pending > 0) return;
      if (error !== null) reject(error);
      else if (complete) resolve();
    };
    const fail = (e: unknown) => {
      if (error !== null) return;
      error = e;
      stream.destroy();
      settle();
    };
    const done = () => {
      pending -= 1;
      while (error === null && pending < concurrency && waiting.length) run(waiting.shift()!);
      if (paused && pending < concurrency && error === null) {
        paused = false;
        stream.resume();
      }
      settle();
    };
    const take = (part: MultipartPart) => (pending < concurrency && !waiting.length ? run(part) : void waiting.push(part));
    const run = (part: MultipartPart) => {
      pending += 1;
      try {
        Promise.resolve(onPart(part, index++)).then(done, (e: unknown) => {
          fail(e);
          done();
        });
      } catch (e) {
        fail(e);
        done();
      }
    };
    stream.on('data', (chunk: Buffer) => {
      if (error !== null || complete) return;
      try {
        for (const part of parser.push(chunk)) take(part);
      } catch (e) {
        return fail(e);
      }
      if (parser.done) {
        complete = true; // the epilogue, if any, is not read
        stream.destroy();
        return settle();
      }
      if (pending >= concurrency || waiting.length) {
        paused = true;
        stream.pause();
      }
    });
    stream.on('end', () => {
      if (error !== null || complete) return;
      try {
        parser.end();
      } catch (e) {
        return fail(e);
      }
    });
    stream.on('error', fail);
    stream.on('close', () => {
      if (!complete) fail(error ?? new PacsError('TRUNCATED', 'the multipart body ended before its closing boundary'));
    });
  });
}
