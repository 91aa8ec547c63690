import { afterAll, beforeAll } from 'vitest';
import type { ApiEvent } from '../../electron/shared/api/events';
import { createTestCore } from './test-core';

export interface TestCoreWithEvents {
  env: Awaited<ReturnType<typeof createTestCore>>;
  /** Every event the core has published since it started, in order. */
  events: ApiEvent[];
}

/**
 * A test core for the enclosing describe block, with the events it publishes collected: started in
 * beforeAll, disposed in afterAll. `env` is set once beforeAll has run.
 */
export function testCoreWithEvents(): TestCoreWithEvents {
  const t = { events: [] } as unknown as TestCoreWithEvents;
  beforeAll(async () => {
    t.env = await createTestCore();
    t.env.core.events.subscribe((e) => t.events.push(e));
  });
  afterAll(async () => t.env.dispose());
  return t;
}
