/**
 * The install's Ed25519 signing key (node:crypto), made the first time a data folder signs.
 *
 *  - CLI and browser host: `signing-key.pem` (PKCS#8) in the data folder, created 0600 with O_EXCL
 *    so two processes never make two keys, and refused when readable by group or others.
 *  - Desktop app: the same key sealed with Electron safeStorage (`sealedKeyStore` with a
 *    `SecretSealer`, which safeStorage satisfies), chosen by `useSigningKeyStore` at start-up.
 *  - In-memory databases (tests): a key made for the process.
 *
 * Verification uses the install's key, never a key read from the database, so someone who edits
 * the database and recomputes its hashes cannot make signatures that verify.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RadGroundError } from '../../errors/radground-error';
import type { SqliteDatabase } from '../../storage/database-types';

export interface SigningKey {
  /** sha256 (hex) of the public key's SPKI DER. */
  readonly keyId: string;
  sign(data: string): string;
  verify(data: string, signatureB64: string): boolean;
}

export interface SigningKeyStore {
  /** The key, made when there is none and `create` is true; null when there is none. */
  load(create: boolean): SigningKey | null;
}

/** What Electron's safeStorage offers (the desktop app passes it in). */
export interface SecretSealer {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export const KEY_FILE = 'signing-key.pem';
export const SEALED_KEY_FILE = 'signing-key.sealed';

function keyFromPrivate(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  return {
    keyId,
    sign: (data) => sign(null, Buffer.from(data, 'utf8'), privateKey).toString('base64'),
    verify: (data, sig) => {
      try {
        return verify(null, Buffer.from(data, 'utf8'), publicKey, Buffer.from(sig, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

function newPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Writes `text` to a new file (fails if it exists), mode 0600, synced. */
function createExclusive(path: string, data: string | Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

export function fileKeyStore(dataDir: string): SigningKeyStore {
  const path = join(dataDir, KEY_FILE);
  return {
    load(create) {
      if (!existsSync(path)) {
        if (!create) return null;
        createExclusive(path, newPem());
      }
      if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
        throw new RadGroundError('INTERNAL', `The signing key ${KEY_FILE} is readable by other users; make it 0600 (chmod 600).`);
      }
      return keyFromPrivate(createPrivateKey(readFileSync(path, 'utf8')));
    },
  };
}

/** The key sealed by the OS keychain through Electron safeStorage (desktop app). */
export function sealedKeyStore(dataDir: string, sealer: SecretSealer): SigningKeyStore {
  const path = join(dataDir, SEALED_KEY_FILE);
  return {
    load(create) {
      if (!sealer.isEncryptionAvailable()) throw new RadGroundError('INTERNAL', 'The OS keychain (safeStorage) is not available to hold the signing key.');
      if (!existsSync(path)) {
        if (!create) return null;
        createExclusive(path, sealer.encryptString(newPem()));
      }
      return keyFromPrivate(createPrivateKey(sealer.decryptString(readFileSync(path))));
    },
  };
}

let chosenStore: ((dataDir: string) => SigningKeyStore) | null = null;

/** The desktop app names its store (safeStorage) at start-up; the default is the 0600 key file. */
export function useSigningKeyStore(make: ((dataDir: string) => SigningKeyStore) | null): void {
  chosenStore = make;
  loaded.clear();
}

const loaded = new Map<string, SigningKey>();
const memoryKeys = new WeakMap<SqliteDatabase, SigningKey>();

function isMemory(db: SqliteDatabase): boolean {
  return db.memory || db.name === '' || db.name === ':memory:';
}

/** The signing key of the data folder holding `db` (made on first use when `create`). */
export function signingKeyFor(db: SqliteDatabase, create: boolean): SigningKey | null {
  if (isMemory(db)) {
    let key = memoryKeys.get(db);
    if (!key) {
      key = keyFromPrivate(createPrivateKey(newPem()));
      memoryKeys.set(db, key);
    }
    return key;
  }
  const dir = dirname(db.name);
  if (!chosenStore) return fileKeyStore(dir).load(create); // read each time: a removed key file shows at once
  const cached = loaded.get(dir);
  if (cached) return cached;
  const key = chosenStore(dir).load(create);
  if (key) loaded.set(dir, key);
  return key;
}

/** Where the ledger's head is written beside a file database; null for in-memory ones. */
export function ledgerHeadPath(db: SqliteDatabase): string | null {
  return isMemory(db) ? null : `${db.name}.ledger-head`;
}
