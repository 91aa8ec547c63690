/**
 * Framing for binary responses over HTTP: [u32 LE header length][header JSON, UTF-8][zero padding
 * to a multiple of 8][payload bytes]. The padding keeps the payload 8-byte aligned so the receiver
 * can view it as Float32Array/Int16Array without copying. Uses only web APIs (renderer-safe).
 */
export const BINARY_FRAME_CONTENT_TYPE = 'application/vnd.radground.frame';

export function encodeBinaryFrame(header: unknown, payload: Uint8Array): [prefix: Uint8Array, payload: Uint8Array] {
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const prefixLength = alignTo8(4 + headerBytes.length);
  const prefix = new Uint8Array(prefixLength);
  new DataView(prefix.buffer).setUint32(0, headerBytes.length, true);
  prefix.set(headerBytes, 4);
  return [prefix, payload];
}

export function decodeBinaryFrame(buffer: ArrayBuffer): { header: unknown; payload: Uint8Array } {
  if (buffer.byteLength < 4) throw new Error('binary frame too short');
  const headerLength = new DataView(buffer).getUint32(0, true);
  if (4 + headerLength > buffer.byteLength) throw new Error('binary frame header exceeds body');
  const header: unknown = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)));
  return { header, payload: new Uint8Array(buffer, binaryFramePayloadOffset(headerLength)) };
}

/** Where the payload starts in a frame whose header JSON is `headerLength` bytes long. */
export function binaryFramePayloadOffset(headerLength: number): number {
  return alignTo8(4 + headerLength);
}

function alignTo8(n: number): number {
  return (n + 7) & ~7;
}
