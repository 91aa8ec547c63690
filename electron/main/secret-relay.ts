import type { EncryptedSecretStore } from '../core/pacs/secret-store';
import type { MessagePortLike } from '../shared/api/port-messages';
import { secretsRequestMessageSchema, secretsSetMessageSchema, type SecretsInitMessage } from '../shared/api/secret-relay-messages';

/**
 * The main process's side of the PACS secret relay (shared/api/secret-relay-messages.ts): answers
 * the core's request with the secrets safeStorage decrypts, and encrypts and writes each change the
 * core hands back. The core refuses a secret itself when encryption is unavailable; a write that
 * fails here anyway is logged, never written in plain text. Returns a function that stops relaying.
 */
export function relaySecrets(port: MessagePortLike, store: EncryptedSecretStore, logger: { warn(message: string, fields?: Record<string, unknown>): void }): () => void {
  return port.onMessage((raw) => {
    if (secretsRequestMessageSchema.safeParse(raw).success) {
      port.postMessage({ type: 'secrets.init', encryptionAvailable: store.encryptionAvailable(), secrets: store.all() } satisfies SecretsInitMessage);
      return;
    }
    const set = secretsSetMessageSchema.safeParse(raw);
    if (!set.success) return;
    try {
      store.set(set.data.nodeId, set.data.secret);
    } catch (e) {
      logger.warn('PACS secret not saved', { node: set.data.nodeId, reason: e instanceof Error ? e.message : String(e) });
    }
  });
}
