// Entry of the core's process in the desktop app (an Electron utilityProcess, started by
// electron/main/core-utility-process.ts): the whole core runs here and answers the main process
// over `process.parentPort` (electron/core/api/core-port-server.ts), so nothing heavy ever runs on
// the process that owns the windows. Bundled as dist/electron/core-utility.cjs (build/build.mjs).
import { serveCoreOverPort } from '../core/api/core-port-server';
import { createAppCore, type AppCore } from '../core/app-core';
import { relayedSecretStore } from '../core/pacs/secret-store';
import type { PortServerMessage } from '../shared/api/port-messages';
import { secretsInitMessageSchema, withoutSecretMessages, type SecretsSetMessage } from '../shared/api/secret-relay-messages';
import { readCoreUtilityConfig } from './core-utility-config';
import { messagePortOfParent, processParentPort } from './parent-port';

async function main(): Promise<void> {
  const parentPort = processParentPort();
  if (!parentPort) {
    process.stderr.write('core-utility: not started as a utility process (no process.parentPort)\n');
    process.exit(2);
  }
  const rawPort = messagePortOfParent(parentPort);
  const port = withoutSecretMessages(rawPort);
  // PACS secrets: held here in memory, kept encrypted by the main process (safeStorage).
  const secrets = relayedSecretStore((nodeId, secret) => rawPort.postMessage({ type: 'secrets.set', nodeId, secret } satisfies SecretsSetMessage));
  rawPort.onMessage((raw) => {
    const init = secretsInitMessageSchema.safeParse(raw);
    if (init.success) secrets.init(init.data.encryptionAvailable, init.data.secrets);
  });
  rawPort.postMessage({ type: 'secrets.request' });
  let core: AppCore | null = null;
  try {
    const config = readCoreUtilityConfig(process.env);
    core = await createAppCore({ dataDir: config.dataDir, modelsDir: config.modelsDir, pacsSecrets: secrets });
    const appCore = core;
    if (config.demo) {
      // The embedded demo study (generated on first run) is what a fresh install opens.
      const demo = await appCore.services.studies.importDemo().catch(
        (e: unknown) => {
          appCore.logger.error('demo study unavailable', { error: String(e) });
          return null;
        },
      );
      appCore.setStartupStudy(demo?.currentStudyInstanceUid ?? null);
    }
    serveCoreOverPort(port, appCore);
    port.postMessage({ type: 'ready' } satisfies PortServerMessage);
  } catch (e) {
    port.postMessage({ type: 'fatal', message: e instanceof Error ? e.message : String(e) } satisfies PortServerMessage);
    await core?.close().catch(() => {});
    process.exit(1);
  }
  const stop = () => void (core?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
