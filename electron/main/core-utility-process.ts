import { utilityProcess, type UtilityProcess } from 'electron';
import type { EncryptedSecretStore } from '../core/pacs/secret-store';
import type { MessagePortLike } from '../shared/api/port-messages';
import { withoutSecretMessages } from '../shared/api/secret-relay-messages';
import { CORE_UTILITY_CONFIG_ENV, type CoreUtilityConfig } from '../utility/core-utility-config';
import { createCoreRouter, type CoreRouter, type RouterLogger } from './core-router';
import { relaySecrets } from './secret-relay';

/**
 * Starts the core in an Electron utilityProcess (dist/electron/core-utility.cjs) and returns the
 * router that talks to it. When the process exits, pending and later calls fail with INTERNAL.
 * PACS node secrets are relayed to and from `secrets` (safeStorage) on the same port.
 */
export function startCoreUtility(modulePath: string, config: CoreUtilityConfig, logger: RouterLogger, secrets?: EncryptedSecretStore): { router: CoreRouter; child: UtilityProcess } {
  const child = utilityProcess.fork(modulePath, [], {
    serviceName: 'RadGround core',
    env: { ...process.env, [CORE_UTILITY_CONFIG_ENV]: JSON.stringify(config) },
    stdio: 'inherit',
  });
  // Only MessagePortMain objects transfer to a utility process: ArrayBuffers are serialised.
  const port: MessagePortLike = {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => {
      child.on('message', listener);
      return () => void child.off('message', listener);
    },
  };
  if (secrets) relaySecrets(port, secrets, logger);
  const router = createCoreRouter(withoutSecretMessages(port), logger);
  child.once('exit', (code) => router.close(`exit code ${code}`));
  return { router, child };
}
