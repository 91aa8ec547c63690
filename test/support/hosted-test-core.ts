import { afterAll, beforeAll } from 'vitest';
import type { BrowserHost } from '../../electron/host/browser-host';
import { createTestCore } from './test-core';
import { startTestHost } from './test-host';

export interface HostedTestCore {
  env: Awaited<ReturnType<typeof createTestCore>>;
  host: BrowserHost;
}

/**
 * A test core and the loopback host over it for the enclosing describe block: started in beforeAll,
 * closed (host, then core) in afterAll. Its fields are set once beforeAll has run.
 */
export function hostedTestCore(): HostedTestCore {
  const t = {} as HostedTestCore;
  beforeAll(async () => {
    t.env = await createTestCore();
    t.host = await startTestHost(t.env.core);
  });
  afterAll(async () => {
    await t.host.close();
    await t.env.dispose();
  });
  return t;
}
