import { describe, expect, it } from 'vitest';
import { encodeBinaryFrame } from '../../../electron/shared/api/binary-frame';
import { readBinaryFrameInto } from '../../../renderer/src/api/binary-frame-reader';

/** One binary frame (header `{ value: { meta } }`, payload bytes 0, 1, 2, … mod 251) as one array. */
function frameBytes(payloadLength: number, meta: unknown = { n: payloadLength }): Uint8Array {
  const payload = Uint8Array.from({ length: payloadLength }, (_, i) => i % 251);
  const [prefix, body] = encodeBinaryFrame({ value: { meta } }, payload);
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix);
  out.set(body, prefix.length);
  return out;
}

/** `bytes` as a byte stream (BYOB readers allowed) or a plain one, delivered `step` bytes at a time. */
function streamOf(bytes: Uint8Array, step: number, byob: boolean): ReadableStream<Uint8Array> {
  let at = 0;
  if (byob) {
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        const request = controller.byobRequest;
        if (at >= bytes.length) {
          controller.close();
          request?.respond(0);
          return;
        }
        const n = Math.min(step, bytes.length - at);
        if (request?.view) {
          const view = new Uint8Array(request.view.buffer, request.view.byteOffset, request.view.byteLength);
          const m = Math.min(n, view.length);
          view.set(bytes.subarray(at, at + m));
          at += m;
          request.respond(m);
        } else {
          controller.enqueue(bytes.slice(at, at + n));
          at += n;
        }
      },
    });
  }
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + step));
      at += step;
    },
  });
}

describe('readBinaryFrameInto (a binary frame read from its body into a destination)', () => {
  for (const byob of [true, false]) {
    for (const step of [1, 3, 7, 64, 100_000]) {
      it(`writes the payload into the destination the header asks for (${byob ? 'BYOB' : 'plain'} stream, ${step}-byte reads)`, async () => {
        const bytes = frameBytes(1000);
        if (byob) expect(() => streamOf(bytes, step, true).getReader({ mode: 'byob' })).not.toThrow(); // the BYOB path is the one taken
        const target = new Uint8Array(1000 + 16).fill(255);
        const inner = target.subarray(8, 1008);
        let asked: unknown = null;
        const { header } = await readBinaryFrameInto(streamOf(bytes, step, byob), (h) => ((asked = h), inner));
        expect(header).toEqual({ value: { meta: { n: 1000 } } });
        expect(asked).toEqual(header);
        expect(Array.from(inner)).toEqual(Array.from({ length: 1000 }, (_, i) => i % 251));
        // Nothing written outside the destination.
        expect(Array.from(target.subarray(0, 8))).toEqual(new Array(8).fill(255));
        expect(Array.from(target.subarray(1008))).toEqual(new Array(8).fill(255));
      });
    }
  }

  it('refuses a body that ends before the destination is full', async () => {
    const bytes = frameBytes(100);
    await expect(readBinaryFrameInto(streamOf(bytes.subarray(0, bytes.length - 10), 16, true), () => new Uint8Array(100))).rejects.toThrow(/ended after 90 of 100 bytes/);
  });

  it('refuses a payload longer than the destination', async () => {
    await expect(readBinaryFrameInto(streamOf(frameBytes(100), 16, false), () => new Uint8Array(99))).rejects.toThrow(/exceeds the 99 bytes/);
  });

  it('refuses a body that ends inside the header, and a header length no frame has', async () => {
    await expect(readBinaryFrameInto(streamOf(frameBytes(10).subarray(0, 6), 2, true), () => new Uint8Array(10))).rejects.toThrow(/inside its header/);
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setUint32(0, 0x7fffffff, true);
    await expect(readBinaryFrameInto(streamOf(huge, 16, false), () => new Uint8Array(0))).rejects.toThrow(/header of 2147483647 bytes/);
  });

  it('passes on an error the destination throws (a chunk that does not fit the volume)', async () => {
    await expect(
      readBinaryFrameInto(streamOf(frameBytes(10), 4, true), () => {
        throw new Error('chunk slices 9..12 outside 0..9');
      }),
    ).rejects.toThrow(/outside 0..9/);
  });

  it('reads one frame after another into the same scratch memory (BYOB): none allocated per answer', async () => {
    /** A byte stream of `bytes` that marks (or reads) the last byte of the memory each BYOB read lends it, past what it fills. */
    const marking = (bytes: Uint8Array, seen: number[], mark?: number) => {
      let at = 0;
      return new ReadableStream({
        type: 'bytes',
        pull(controller) {
          const request = controller.byobRequest!;
          const lent = new Uint8Array(request.view!.buffer);
          seen.push(lent[lent.length - 1]!);
          if (mark !== undefined) lent[lent.length - 1] = mark;
          if (at >= bytes.length) {
            controller.close();
            request.respond(0);
            return;
          }
          const n = Math.min(64, bytes.length - at);
          new Uint8Array(request.view!.buffer, request.view!.byteOffset, n).set(bytes.subarray(at, at + n));
          at += n;
          request.respond(n);
        },
      });
    };
    const first: number[] = [];
    await readBinaryFrameInto(marking(frameBytes(200), first, 0xab), () => new Uint8Array(200));
    const second: number[] = [];
    const into = new Uint8Array(300);
    await readBinaryFrameInto(marking(frameBytes(300), second), () => into);
    expect(second[0]).toBe(0xab); // the first read's scratch, marked there, lent again
    expect(Array.from(into)).toEqual(Array.from({ length: 300 }, (_, i) => i % 251));
  });
});
