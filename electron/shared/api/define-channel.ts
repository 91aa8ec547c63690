import type { z } from 'zod';

/** A request/response channel whose response travels as JSON. */
export interface JsonChannel<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'json';
  readonly description: string;
  readonly request: Req;
  readonly response: Res;
}

/**
 * A channel whose response is `{ meta, data }`: small JSON metadata plus a byte payload that travels
 * as binary (IPC structured clone, or a framed HTTP body) and never as a JSON number array.
 */
export interface BinaryChannel<Req extends z.ZodType = z.ZodType, Meta extends z.ZodType = z.ZodType> {
  readonly kind: 'binary';
  readonly description: string;
  readonly request: Req;
  readonly meta: Meta;
}

export type ChannelDefinition = JsonChannel | BinaryChannel;

export function jsonChannel<Req extends z.ZodType, Res extends z.ZodType>(def: {
  description: string;
  request: Req;
  response: Res;
}): JsonChannel<Req, Res> {
  return { kind: 'json', ...def };
}

export function binaryChannel<Req extends z.ZodType, Meta extends z.ZodType>(def: {
  description: string;
  request: Req;
  meta: Meta;
}): BinaryChannel<Req, Meta> {
  return { kind: 'binary', ...def };
}

export interface BinaryPayload<Meta> {
  meta: Meta;
  data: Uint8Array;
}
