import { Worker } from 'node:worker_threads';

/**
 * Pings a browser host's `app.ping` every `intervalMs` from a worker thread of its own, so the
 * measuring clock and HTTP client never wait on the event loop being measured. One ping at a time:
 * a stalled host delays the next ping, and the stall shows in the latency of the one in flight.
 */
const PING_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, intervalMs } = workerData;
let running = true;
const latencies = [];
parentPort.on('message', () => { running = false; });
(async () => {
  let n = 0;
  while (running) {
    const t0 = performance.now();
    const res = await fetch(url + '/api/call/app.ping', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ nonce: 'p' + n++ }),
    });
    await res.text();
    const ms = performance.now() - t0;
    latencies.push(ms);
    await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - ms)));
  }
  parentPort.postMessage(latencies);
})().catch((e) => parentPort.postMessage({ error: String(e) }));
`;

export interface PingStats {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function pingStats(latencies: number[]): PingStats {
  const s = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { count: s.length, p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? NaN };
}

/** Runs `fn` while pinging the host; resolves to fn's value and every ping's round trip (ms). */
export async function whilePinging<T>(host: { url: string; token: string }, fn: () => Promise<T>, intervalMs = 20): Promise<{ value: T; latencies: number[] }> {
  const origin = new URL(host.url).origin;
  const worker = new Worker(PING_WORKER, { eval: true, workerData: { url: origin, token: host.token, intervalMs } });
  const done = new Promise<number[]>((resolve, reject) => {
    worker.once('message', (m: number[] | { error: string }) => (Array.isArray(m) ? resolve(m) : reject(new Error(m.error))));
    worker.once('error', reject);
  });
  try {
    // Let the pinger start before the work does.
    await new Promise((r) => setTimeout(r, 100));
    const value = await fn();
    await new Promise((r) => setTimeout(r, 100));
    worker.postMessage('stop');
    return { value, latencies: await done };
  } finally {
    await worker.terminate();
  }
}
