/**
 * Where node secrets (basic password, bearer token) live. The browser host and the CLI keep them
 * in memory only (`memorySecretStore`): they are gone when the process ends. The desktop app wraps
 * Electron's safeStorage (`encryptedSecretStore`): secrets are written encrypted by the OS keychain
 * (Keychain, DPAPI, libsecret). safeStorage exists only in Electron's main process, so that path is
 * not exercised by the Node tests.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface SecretStore {
  get(nodeId: string): string | null;
  set(nodeId: string, secret: string | null): void;
}

export function memorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: (id) => secrets.get(id) ?? null,
    set: (id, secret) => void (secret === null ? secrets.delete(id) : secrets.set(id, secret)),
  };
}

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Secrets encrypted with safeStorage in one file (base64 per node); refuses to write when encryption is unavailable. */
export function encryptedSecretStore(file: string, safeStorage: SafeStorageLike): SecretStore {
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  return {
    get(id) {
      const enc = read()[id];
      return enc ? safeStorage.decryptString(Buffer.from(enc, 'base64')) : null;
    },
    set(id, secret) {
      const all = read();
      if (secret === null) delete all[id];
      else {
        if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS offers no encryption for secrets (safeStorage)');
        all[id] = safeStorage.encryptString(secret).toString('base64');
      }
      writeFileSync(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
  };
}
