import { utilityProcess, type UtilityProcess } from 'electron';
import type { MessagePortLike } from '../shared/api/port-messages';
import { CORE_UTILITY_CONFIG_ENV, type CoreUtilityConfig } from '../utility/core-utility-config';
import { createCoreRouter, type CoreRouter, type RouterLogger } from './core-router';

/**
 * Starts the core in an Electron utilityProcess (dist/electron/core-utility.cjs) and returns the
 * router that talks to it. When the process exits, pending and later calls fail with INTERNAL.
 */
export function startCoreUtility(modulePath: string, config: CoreUtilityConfig, logger: RouterLogger): { router: CoreRouter; child: UtilityProcess } {
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
  const router = createCoreRouter(port, logger);
  child.once('exit', (code) => router.close(`exit code ${code}`));
  return { router, child };
}
