import { z } from 'zod';
import type { MessagePortLike } from './port-messages';

/**
 * Messages between the desktop app's main process, which alone has Electron's safeStorage, and
 * the core's utility process, which keeps PACS node secrets in memory: the core asks for them at
 * start (`secrets.request`), the main process answers with the secrets it could decrypt and
 * whether the OS can encrypt (`secrets.init`), and the core hands every change back to be
 * encrypted and written (`secrets.set`). They share the port of the API messages and are taken
 * off it before the API's own readers (`withoutSecretMessages`).
 */
const nodeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const secretsRequestMessageSchema = z.object({ type: z.literal('secrets.request') }).strict();
export const secretsInitMessageSchema = z.object({ type: z.literal('secrets.init'), encryptionAvailable: z.boolean(), secrets: z.record(nodeId, z.string().max(8192)) }).strict();
export const secretsSetMessageSchema = z.object({ type: z.literal('secrets.set'), nodeId, secret: z.string().min(1).max(8192).nullable() }).strict();

export type SecretsInitMessage = z.infer<typeof secretsInitMessageSchema>;
export type SecretsSetMessage = z.infer<typeof secretsSetMessageSchema>;

export function isSecretRelayMessage(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('secrets.');
}

/** The same port, its listeners never shown the secret relay's messages. */
export function withoutSecretMessages(port: MessagePortLike): MessagePortLike {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => port.onMessage((message) => void (isSecretRelayMessage(message) || listener(message))),
  };
}
