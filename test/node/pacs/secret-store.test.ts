/**
 * PACS secrets in the desktop app: safeStorage-encrypted at rest in the main process, relayed to
 * the core's process in memory. safeStorage itself exists only inside Electron, so it is played
 * here by real AES-256-GCM behind the same three methods; the relay runs over a real MessageChannel.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { relaySecrets } from '../../../electron/main/secret-relay';
import { createPacsNodeStore } from '../../../electron/core/pacs/node-store';
import { PacsError } from '../../../electron/core/pacs/pacs-errors';
import { encryptedSecretStore, relayedSecretStore, type SafeStorageLike } from '../../../electron/core/pacs/secret-store';
import type { MessagePortLike } from '../../../electron/shared/api/port-messages';
import { secretsInitMessageSchema, withoutSecretMessages } from '../../../electron/shared/api/secret-relay-messages';

/** safeStorage's contract with real encryption: AES-256-GCM under a key only this object holds. */
function cryptoSafeStorage(available = true): SafeStorageLike & { available: boolean } {
  const key = randomBytes(32);
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString(plain) {
      if (!this.available) throw new Error('Encryption is not available.');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const portOf = (p: MessagePort): MessagePortLike => ({
  postMessage: (m) => p.postMessage(m),
  onMessage: (listener) => {
    const on = (m: unknown) => listener(m);
    p.on('message', on);
    return () => void p.off('message', on);
  },
});
const failureOf = (f: () => unknown) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof PacsError ? `${e.failure}/${e.code}` : String(e);
  }
};
const tick = () => new Promise((r) => setTimeout(r, 20));

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'radground-secrets-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('encryptedSecretStore (safeStorage at rest)', () => {
  it('keeps secrets encrypted on disk (0600, no plain text) and reads them back; null forgets', () => {
    const file = join(tempDir(), 'pacs-secrets.json');
    const safe = cryptoSafeStorage();
    const store = encryptedSecretStore(file, safe);
    store.set('pacs-a', 'bearer-token-1234567890');
    store.set('pacs-b', 'p@ss word');
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('bearer-token');
    expect(onDisk).not.toContain('p@ss');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const reopened = encryptedSecretStore(file, safe);
    expect(reopened.get('pacs-a')).toBe('bearer-token-1234567890');
    expect(reopened.all()).toEqual({ 'pacs-a': 'bearer-token-1234567890', 'pacs-b': 'p@ss word' });
    reopened.set('pacs-a', null);
    expect(encryptedSecretStore(file, safe).all()).toEqual({ 'pacs-b': 'p@ss word' });
  });

  it('without OS encryption a secret is refused with a typed reason and nothing is written', () => {
    const file = join(tempDir(), 'pacs-secrets.json');
    const store = encryptedSecretStore(file, cryptoSafeStorage(false));
    expect(failureOf(() => store.set('pacs-a', 'token'))).toBe('SECRET_STORAGE_UNAVAILABLE/CONFLICT');
    expect(existsSync(file)).toBe(false);
    expect(store.get('pacs-a')).toBeNull();
  });

  it("Linux's basic_text backend (a key built into Chromium, no secret service) counts as no encryption", () => {
    const file = join(tempDir(), 'pacs-secrets.json');
    const store = encryptedSecretStore(file, { ...cryptoSafeStorage(), isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text' });
    expect(store.encryptionAvailable()).toBe(false);
    expect(failureOf(() => store.set('pacs-a', 'token'))).toBe('SECRET_STORAGE_UNAVAILABLE/CONFLICT');
    expect(existsSync(file)).toBe(false);
    const keyring = encryptedSecretStore(file, { ...cryptoSafeStorage(), isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'gnome_libsecret' });
    keyring.set('pacs-a', 'token');
    expect(keyring.get('pacs-a')).toBe('token');
  });

  it('a secret another key encrypted, or a file that is not the store, reads as no secret', () => {
    const file = join(tempDir(), 'pacs-secrets.json');
    encryptedSecretStore(file, cryptoSafeStorage()).set('pacs-a', 'token');
    expect(encryptedSecretStore(file, cryptoSafeStorage()).get('pacs-a')).toBeNull();
    writeFileSync(file, '{not json');
    expect(encryptedSecretStore(file, cryptoSafeStorage()).all()).toEqual({});
  });
});

describe('relayedSecretStore (the core process) and the main-process relay', () => {
  it('refuses secrets before the main process answered and where it has no encryption; forgetting still goes through', () => {
    const persisted: [string, string | null][] = [];
    const store = relayedSecretStore((id, s) => persisted.push([id, s]));
    expect(failureOf(() => store.set('n1', 'tok'))).toBe('SECRET_STORAGE_UNAVAILABLE/CONFLICT');
    store.init(false, {});
    expect(failureOf(() => store.set('n1', 'tok'))).toBe('SECRET_STORAGE_UNAVAILABLE/CONFLICT');
    store.set('n1', null);
    expect(persisted).toEqual([['n1', null]]);
  });

  it('a node saved with a token in the core is encrypted by the main process and held again by the next session', async () => {
    const mainDir = tempDir();
    const coreDir = tempDir();
    const file = join(mainDir, 'pacs-secrets.json');
    const safe = cryptoSafeStorage();
    const session = async () => {
      const { port1, port2 } = new MessageChannel();
      const stop = relaySecrets(portOf(port1), encryptedSecretStore(file, safe), { warn: () => {} });
      const raw = portOf(port2);
      const api: unknown[] = [];
      withoutSecretMessages(raw).onMessage((m) => api.push(m));
      const secrets = relayedSecretStore((nodeId, secret) => raw.postMessage({ type: 'secrets.set', nodeId, secret }));
      raw.onMessage((m) => {
        const init = secretsInitMessageSchema.safeParse(m);
        if (init.success) secrets.init(init.data.encryptionAvailable, init.data.secrets);
      });
      raw.postMessage({ type: 'secrets.request' });
      await tick();
      return { secrets, api, close: () => (stop(), port1.close(), port2.close()) };
    };

    const first = await session();
    const nodes = createPacsNodeStore(coreDir, first.secrets);
    nodes.save({ id: 'orthanc', name: 'Orthanc', url: 'https://pacs.example/dicom-web', auth: { kind: 'bearer' }, sendAfterSigning: false }, 'secret-token-xyz');
    await tick();
    expect(readFileSync(file, 'utf8')).not.toContain('secret-token-xyz');
    expect(readFileSync(join(coreDir, 'pacs-nodes.json'), 'utf8')).not.toContain('secret-token-xyz');
    expect(first.api).toEqual([]); // the API's readers never see the relay's messages
    first.close();

    const second = await session();
    expect(createPacsNodeStore(coreDir, second.secrets).resolve('orthanc').auth).toEqual({ kind: 'bearer', token: 'secret-token-xyz' });
    second.close();
  });

  it('where the OS has no encryption, saving a node with a token fails with the reason and saves nothing', async () => {
    const coreDir = tempDir();
    const { port1, port2 } = new MessageChannel();
    relaySecrets(portOf(port1), encryptedSecretStore(join(tempDir(), 'pacs-secrets.json'), cryptoSafeStorage(false)), { warn: () => {} });
    const raw = portOf(port2);
    const secrets = relayedSecretStore(() => {});
    raw.onMessage((m) => {
      const init = secretsInitMessageSchema.safeParse(m);
      if (init.success) secrets.init(init.data.encryptionAvailable, init.data.secrets);
    });
    raw.postMessage({ type: 'secrets.request' });
    await tick();
    const nodes = createPacsNodeStore(coreDir, secrets);
    const save = () => nodes.save({ id: 'n', name: 'N', url: 'https://pacs.example/dicom-web', auth: { kind: 'bearer' }, sendAfterSigning: false }, 'tok');
    expect(failureOf(save)).toBe('SECRET_STORAGE_UNAVAILABLE/CONFLICT');
    expect(() => save()).toThrow(/no OS keychain/);
    expect(nodes.list()).toEqual([]);
    port1.close();
    port2.close();
  });
});
