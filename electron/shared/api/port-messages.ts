import { z } from 'zod';
import { apiErrorSchema } from './envelope';

/**
 * The wire format between a core server and its client over a MessagePort-like port (Electron's
 * utilityProcess parentPort, a worker thread, a child process's IPC): requests, their responses,
 * cancellations and core events. Runtime-neutral: messages are plain structured-clone values, and
 * a binary response's bytes travel as their own ArrayBuffer (transferred where the port can).
 */
const id = z.number().int().nonnegative();

export const portRequestSchema = z.object({ type: z.literal('request'), id, channel: z.string().min(1).max(100), payload: z.unknown() }).strict();
export const portCancelSchema = z.object({ type: z.literal('cancel'), id }).strict();
/** What a client sends to the server. */
export const portClientMessageSchema = z.discriminatedUnion('type', [portRequestSchema, portCancelSchema]);

const envelopeSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }).strict(), z.object({ ok: z.literal(false), error: apiErrorSchema }).strict()]);
export const portResponseSchema = z.object({ type: z.literal('response'), id, envelope: envelopeSchema }).strict();
/** An ApiEvent (validated by the receiver against apiEventSchema before it goes further). */
export const portEventSchema = z.object({ type: z.literal('event'), event: z.unknown() }).strict();
/** The server is listening (sent once, after the core has started). */
export const portReadySchema = z.object({ type: z.literal('ready') }).strict();
/** The server could not start; it exits after sending this. */
export const portFatalSchema = z.object({ type: z.literal('fatal'), message: z.string() }).strict();
/** What a server sends to its client. */
export const portServerMessageSchema = z.discriminatedUnion('type', [portResponseSchema, portEventSchema, portReadySchema, portFatalSchema]);

export type PortClientMessage = z.infer<typeof portClientMessageSchema>;
export type PortServerMessage = z.infer<typeof portServerMessageSchema>;

/**
 * The one thing both ends need of a port: post a message (with ArrayBuffers to transfer, which a
 * port that crosses processes copies instead) and listen to incoming ones.
 */
export interface MessagePortLike {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Returns a function that stops listening. */
  onMessage(listener: (message: unknown) => void): () => void;
}
