/**
 * The configured PACS nodes, kept in `<data dir>/pacs-nodes.json` (written atomically) without
 * their secrets, which a SecretStore holds. `resolve` gives the PacsNode a request needs.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { pacsNodeSettingsSchema, type PacsNodeSettings, type PacsNodeView } from '../../shared/api/channels/pacs-channels';
import { RadGroundError } from '../errors/radground-error';
import { parseNodeRoot } from './node-url';
import { PacsError } from './pacs-errors';
import type { PacsNode } from './pacs-node';
import type { SecretStore } from './secret-store';

export const PACS_NODES_FILE = 'pacs-nodes.json';
const fileSchema = z.object({ nodes: z.array(pacsNodeSettingsSchema) }).strict();

export interface PacsNodeStore {
  list(): PacsNodeView[];
  save(node: PacsNodeSettings, secret?: string | null): PacsNodeView[];
  remove(nodeId: string): PacsNodeView[];
  /** The node with its secret, ready for a request; NOT_FOUND, or AUTH when its secret is not held. */
  resolve(nodeId: string): PacsNode;
  /** Ids of the nodes signed reports are sent to. */
  sendTargets(): string[];
}

export function createPacsNodeStore(dataDir: string, secrets: SecretStore): PacsNodeStore {
  const file = join(dataDir, PACS_NODES_FILE);
  const read = (): PacsNodeSettings[] => {
    if (!existsSync(file)) return [];
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new RadGroundError('CORRUPT_INPUT', `${file}: ${parsed.error.issues[0]!.message}`);
    return parsed.data.nodes;
  };
  const write = (nodes: PacsNodeSettings[]) => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ nodes }, null, 2) + '\n');
    renameSync(`${file}.tmp`, file);
  };
  const view = (n: PacsNodeSettings): PacsNodeView => ({ ...n, hasSecret: secrets.get(n.id) !== null });
  const list = () => read().map(view);
  return {
    list,
    save(node, secret) {
      parseNodeRoot(node.url); // http(s), no credentials in the URL
      const nodes = read().filter((n) => n.id !== node.id);
      // The secret first: one that cannot be kept safely (SECRET_STORAGE_UNAVAILABLE) saves nothing.
      if (secret !== undefined) secrets.set(node.id, node.auth.kind === 'none' ? null : secret);
      write([...nodes, node]);
      return list();
    },
    remove(nodeId) {
      write(read().filter((n) => n.id !== nodeId));
      secrets.set(nodeId, null);
      return list();
    },
    resolve(nodeId) {
      const n = read().find((x) => x.id === nodeId);
      if (!n) throw new RadGroundError('NOT_FOUND', `no PACS node ${nodeId}`);
      if (n.auth.kind === 'none') return { url: n.url, auth: { kind: 'none' } };
      const secret = secrets.get(n.id);
      if (secret === null) throw new PacsError('AUTH', `no ${n.auth.kind === 'basic' ? 'password' : 'token'} held for node ${n.name}: enter it in the PACS settings`);
      return n.auth.kind === 'basic' ? { url: n.url, auth: { kind: 'basic', username: n.auth.username, password: secret } } : { url: n.url, auth: { kind: 'bearer', token: secret } };
    },
    sendTargets: () => read().filter((n) => n.sendAfterSigning).map((n) => n.id),
  };
}
