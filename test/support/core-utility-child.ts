import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CORE_UTILITY_ENTRY, nodeBundleOptions } from '../../build/worker-bundles.mjs';
import type { MessagePortLike } from '../../electron/shared/api/port-messages';
import { CORE_UTILITY_CONFIG_ENV, type CoreUtilityConfig } from '../../electron/utility/core-utility-config';
import { projectRoot } from './shared-data';

/**
 * Stands in for Electron's `process.parentPort` in a plain Node child: an emitter of
 * `{ data }` message events over child_process IPC that, like Electron's, queues messages until
 * the first 'message' listener, then requires the real utility bundle.
 */
const BOOTSTRAP = `
const { EventEmitter } = require('node:events');
const port = new EventEmitter();
const queued = [];
port.postMessage = (message) => process.send(message);
port.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => { for (const data of queued.splice(0)) port.emit('message', { data }); });
});
process.on('message', (data) => (port.listenerCount('message') ? port.emit('message', { data }) : queued.push(data)));
process.parentPort = port;
require(process.env.RADGROUND_TEST_UTILITY_BUNDLE);
`;

export interface CoreUtilityChild {
  child: ChildProcess;
  /** The main-process side of the port, over the child's IPC channel. */
  port: MessagePortLike;
  stop(): Promise<void>;
}

/**
 * Bundles electron/utility/core-utility.ts with the app's esbuild options (as build/build.mjs
 * does), runs it in a Node child process under a parentPort adapter, and gives the main side's
 * port. Worker bundles come from RADGROUND_WORKER_DIR (the vitest global setup builds them).
 */
export async function startCoreUtilityChild(config: CoreUtilityConfig): Promise<CoreUtilityChild> {
  const dir = join(projectRoot, 'node_modules', '.cache', `radground-utility-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, 'core-utility.cjs');
  await build({ ...nodeBundleOptions(projectRoot), sourcemap: false, entryPoints: [CORE_UTILITY_ENTRY], outfile: bundle });
  const bootstrap = join(dir, 'bootstrap.cjs');
  writeFileSync(bootstrap, BOOTSTRAP);
  const child = fork(bootstrap, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, RADGROUND_LOG_LEVEL: 'warn', RADGROUND_TEST_UTILITY_BUNDLE: bundle, [CORE_UTILITY_CONFIG_ENV]: JSON.stringify(config) },
  });
  const port: MessagePortLike = {
    postMessage: (message) => child.send(message as object),
    onMessage: (listener) => {
      child.on('message', listener);
      return () => void child.off('message', listener);
    },
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
