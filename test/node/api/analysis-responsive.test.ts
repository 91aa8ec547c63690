import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import { pingStats, whilePinging } from '../../support/pinger';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { hostedTestCore } from '../../support/hosted-test-core';

const hasData = requireSharedData();

/**
 * Nothing heavy on the thread that serves the API: while analysis.run analyses the real A0001 CT,
 * the host's event loop never stalls for long. Generous guards, not speed targets (the 50 ms p99
 * target is the `ping` benchmark's): with the analysis on this thread, pings waited for seconds.
 */
describe.skipIf(!hasData)('the host stays responsive during analysis.run (real A0001 CT)', () => {
  const t = hostedTestCore();

  it('event-loop delay stays under 500 ms and app.ping (every 20 ms, from another thread) under 1 s', async () => {
    const summary = await call(t.env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] });
    const volumeId = summary.volumes[0]!.volumeId;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const { value: result, latencies } = await whilePinging(t.host, () => call(t.env.core, 'analysis.run', { volumeId }));
    delay.disable();
    // The analysis really ran (regions found), and it took long enough for pings to see a stall.
    expect(result.regions.some((r) => r.kind === 'finding')).toBe(true);
    expect(latencies.length).toBeGreaterThan(20);
    const maxDelayMs = delay.max / 1e6;
    expect(maxDelayMs, `event-loop delay max ${maxDelayMs.toFixed(0)} ms`).toBeLessThan(500);
    expect(pingStats(latencies).max).toBeLessThan(1000);
  });
});
