/**
 * Where node secrets (basic password, bearer token) live. The browser host and the CLI keep them
 * in memory only (`memorySecretStore`): they are gone when the process ends. The desktop app keeps
 * them encrypted with Electron's safeStorage (OS keychain: Keychain, DPAPI, libsecret/kwallet):
 * `encryptedSecretStore` runs in the main process (the only one with safeStorage), and the core, in
 * its utility process, holds a `relayedSecretStore` that the main process fills at start and that
 * hands every change back to it (electron/main/secret-relay.ts). Where the OS offers no encryption,
 * a secret is refused (SECRET_STORAGE_UNAVAILABLE), never written in plain text.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PacsError } from './pacs-errors';

export interface SecretStore {
  get(nodeId: string): string | null;
  /** null forgets the secret; a secret that cannot be kept safely throws SECRET_STORAGE_UNAVAILABLE. */
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
  /** Linux only: 'basic_text' means no secret service, the "encryption" uses a key built into Chromium. */
  getSelectedStorageBackend?(): string;
}

/** Whether safeStorage really encrypts: available, and not Linux's 'basic_text' fallback (a fixed key). */
export function safeStorageEncrypts(safeStorage: SafeStorageLike): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  try {
    return safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  } catch {
    return true; // not Linux: the OS keychain (Keychain, DPAPI)
  }
}

export const NO_ENCRYPTION_REASON =
  'this system offers no encryption for stored secrets (Electron safeStorage: no OS keychain or secret service is available), so the password or token was not saved';

export interface EncryptedSecretStore extends SecretStore {
  /** Every secret that decrypts, by node id (what the main process hands the core at start). */
  all(): Record<string, string>;
  encryptionAvailable(): boolean;
}

/**
 * Secrets encrypted with safeStorage, base64 per node in one JSON file (mode 0600, written
 * atomically). A file that is not that JSON, or a secret that no longer decrypts (another user,
 * a reset keychain), reads as no secret: the user enters it again.
 */
export function encryptedSecretStore(file: string, safeStorage: SafeStorageLike): EncryptedSecretStore {
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {};
    }
  };
  const decrypt = (enc: string | undefined): string | null => {
    if (!enc) return null;
    try {
      return safeStorage.decryptString(Buffer.from(enc, 'base64'));
    } catch {
      return null;
    }
  };
  return {
    get: (id) => decrypt(read()[id]),
    all() {
      const out: Record<string, string> = {};
      for (const [id, enc] of Object.entries(read())) {
        const plain = decrypt(enc);
        if (plain !== null) out[id] = plain;
      }
      return out;
    },
    encryptionAvailable: () => safeStorageEncrypts(safeStorage),
    set(id, secret) {
      const all = read();
      if (secret === null) {
        if (!(id in all)) return;
        delete all[id];
      } else {
        if (!safeStorageEncrypts(safeStorage)) throw new PacsError('SECRET_STORAGE_UNAVAILABLE', NO_ENCRYPTION_REASON);
        all[id] = safeStorage.encryptString(secret).toString('base64');
      }
      writeFileSync(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
  };
}

/**
 * The core's side in the desktop app: secrets in memory, filled by `init` from the main process,
 * and every change handed to `persist` (which posts it to the main process to encrypt and write).
 * Before `init`, or when the main process says encryption is unavailable, a secret is refused.
 */
export function relayedSecretStore(persist: (nodeId: string, secret: string | null) => void): SecretStore & { init(encryptionAvailable: boolean, secrets: Record<string, string>): void } {
  const secrets = new Map<string, string>();
  let encryption: boolean | null = null;
  return {
    init(available, initial) {
      encryption = available;
      for (const [id, secret] of Object.entries(initial)) secrets.set(id, secret);
    },
    get: (id) => secrets.get(id) ?? null,
    set(id, secret) {
      if (secret !== null && encryption !== true)
        throw new PacsError('SECRET_STORAGE_UNAVAILABLE', encryption === null ? 'the secret store is not ready yet: try again' : NO_ENCRYPTION_REASON);
      if (secret === null) secrets.delete(id);
      else secrets.set(id, secret);
      persist(id, secret);
    },
  };
}
