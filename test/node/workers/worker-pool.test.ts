import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import { newCancelFlag } from '../../../electron/core/workers/cancel-flag';
import { WorkerPool } from '../../../electron/core/workers/worker-pool';

/**
 * A small worker speaking the serve-requests protocol (ready, then result / error / progress per
 * request), written out as plain JS so the pool is tested on real threads without a bundle:
 * - echo: answers { value, threadId } (a `bytes` buffer answers its byteLength as seen there);
 * - fail: answers an error with the given code;
 * - crash: the thread exits with code 3 (everything it holds is lost);
 * - spin: posts progress, then works until the cancel flag is set (answers CANCELLED) or `ms` pass;
 * - block: busy for `ms` without looking at any flag (answers 'done').
 */
const WORKER_SOURCE = `
const { parentPort, threadId } = require('node:worker_threads');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let queue = Promise.resolve();
parentPort.on('message', (m) => {
  queue = queue.then(async () => {
    if (m.type === 'echo') parentPort.postMessage({ type: 'result', id: m.id, value: { value: m.value, threadId, bytes: m.bytes ? m.bytes.byteLength : null } });
    else if (m.type === 'fail') parentPort.postMessage({ type: 'error', id: m.id, code: m.code, message: 'failed on purpose' });
    else if (m.type === 'crash') process.exit(3);
    else if (m.type === 'spin') {
      const flag = new Int32Array(m.cancel);
      parentPort.postMessage({ type: 'progress', id: m.id, done: 0 });
      const end = Date.now() + m.ms;
      while (Date.now() < end && Atomics.load(flag, 0) === 0) await sleep(5);
      if (Atomics.load(flag, 0) !== 0) parentPort.postMessage({ type: 'error', id: m.id, code: 'CANCELLED', message: 'spin cancelled' });
      else parentPort.postMessage({ type: 'result', id: m.id, value: 'spun' });
    } else if (m.type === 'block') {
      const end = Date.now() + m.ms;
      while (Date.now() < end) {}
      parentPort.postMessage({ type: 'result', id: m.id, value: 'done' });
    }
  });
});
parentPort.postMessage({ type: 'ready' });
`;

type TestRequest =
  | { type: 'echo'; id: number; value: unknown; bytes?: ArrayBuffer }
  | { type: 'fail'; id: number; code: string }
  | { type: 'crash'; id: number }
  | { type: 'spin'; id: number; ms: number; cancel: SharedArrayBuffer }
  | { type: 'block'; id: number; ms: number };
type TestProgress = { type: 'progress'; id: number; done: number };
type Echo = { value: unknown; threadId: number; bytes: number | null };

const pools: WorkerPool<TestRequest, TestProgress>[] = [];
function testPool(size: number): WorkerPool<TestRequest, TestProgress> {
  const pool = new WorkerPool<TestRequest, TestProgress>({ name: 'the test worker', size, start: () => new Worker(WORKER_SOURCE, { eval: true }) });
  pools.push(pool);
  return pool;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

describe('WorkerPool (the host side shared by the DICOM and inference workers)', () => {
  it('answers results, keeps an error answer\'s code, and transfers the listed buffers', async () => {
    const pool = testPool(1);
    const bytes = new ArrayBuffer(64);
    const echo = await pool.request<Echo>({ type: 'echo', value: 'x', bytes }, { transfer: [bytes] });
    expect(echo).toMatchObject({ value: 'x', bytes: 64 });
    expect(bytes.byteLength).toBe(0); // moved to the worker, not copied
    const failed = await pool.request({ type: 'fail', code: 'CORRUPT_INPUT' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RadGroundError);
    expect(failed).toMatchObject({ code: 'CORRUPT_INPUT', message: 'failed on purpose' });
    const unknown = await pool.request({ type: 'fail', code: 'NO_SUCH_CODE' }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'INTERNAL' });
  });

  it('a worker that crashes fails every request it holds with a typed INTERNAL error; the next request starts a fresh worker', async () => {
    const pool = testPool(1);
    const first = await pool.request<Echo>({ type: 'echo', value: 1 });
    const queued = [pool.request({ type: 'crash' }), pool.request({ type: 'echo', value: 2 })].map((p) => p.catch((e: unknown) => e));
    for (const e of await Promise.all(queued)) {
      expect(e).toBeInstanceOf(RadGroundError);
      expect(e).toMatchObject({ code: 'INTERNAL', message: 'the test worker stopped: exit code 3' });
    }
    expect(pool.threadCount).toBe(0);
    const after = await pool.request<Echo>({ type: 'echo', value: 3 });
    expect(after.value).toBe(3);
    expect(after.threadId).not.toBe(first.threadId);
    expect(pool.threadCount).toBe(1);
  });

  it('spreads requests over idle workers up to its size, then queues on the least busy', async () => {
    const pool = testPool(2);
    const answers = await Promise.all([0, 1, 2, 3].map((i) => pool.request<Echo>({ type: 'echo', value: i })));
    expect(answers.map((a) => a.value)).toEqual([0, 1, 2, 3]);
    expect(new Set(answers.map((a) => a.threadId)).size).toBe(2);
    expect(pool.threadCount).toBe(2);
  });

  it('maxWorkers: a request starts no worker beyond it, queuing on a running one instead; others still spread', async () => {
    const pool = testPool(2);
    const busy = pool.request({ type: 'block', ms: 300 });
    const capped = await pool.request<Echo>({ type: 'echo', value: 'capped' }, { maxWorkers: 1 });
    expect(pool.threadCount).toBe(1); // waited for the busy worker rather than starting a second
    await busy;
    const blocking = pool.request({ type: 'block', ms: 300 });
    const spread = await pool.request<Echo>({ type: 'echo', value: 'spread' });
    expect(pool.threadCount).toBe(2);
    expect(spread.threadId).not.toBe(capped.threadId);
    await blocking;
  });

  it('cancelling a request that stops at a check: CANCELLED at once, the flag is set, the worker carries on', async () => {
    const pool = testPool(1);
    const before = await pool.request<Echo>({ type: 'echo', value: 'before' });
    const controller = new AbortController();
    const flag = newCancelFlag();
    const progress: number[] = [];
    const run = pool.request({ type: 'spin', ms: 20_000, cancel: flag.buffer }, {
      onProgress: (p) => progress.push(p.done),
      cancel: { signal: controller.signal, message: 'spin cancelled by the test', onAbort: () => flag.cancel(), retireWorker: false },
    });
    await until(() => progress.length > 0);
    const abortedAt = performance.now();
    controller.abort();
    const error = await run.catch((e: unknown) => e);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(error).toMatchObject({ code: 'CANCELLED', message: 'spin cancelled by the test' });
    expect(progress).toEqual([0]);
    const after = await pool.request<Echo>({ type: 'echo', value: 'after' });
    expect(after.threadId).toBe(before.threadId); // same worker: it stopped at its check
    expect(pool.threadCount).toBe(1);
  });

  it('cancelling a request that cannot stop retires its worker: the next request gets a fresh one, the retired one ends once idle', async () => {
    const pool = testPool(1);
    const before = await pool.request<Echo>({ type: 'echo', value: 'before' });
    const controller = new AbortController();
    const run = pool.request({ type: 'block', ms: 400 }, { cancel: { signal: controller.signal, message: 'block cancelled', retireWorker: true } });
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'block cancelled' });
    const fresh = await pool.request<Echo>({ type: 'echo', value: 'fresh' });
    expect(fresh.threadId).not.toBe(before.threadId);
    expect(pool.threadCount).toBe(2); // the fresh one and the retired one, still blocked
    await until(() => pool.threadCount === 1);
    expect(pool.threadCount).toBe(1);
  });

  it('a request aborted before it starts never reaches a worker; close() cancels callers waiting and refuses new requests', async () => {
    const pool = testPool(1);
    const controller = new AbortController();
    controller.abort();
    await expect(pool.request({ type: 'echo', value: 0 }, { cancel: { signal: controller.signal, message: 'x', retireWorker: false } })).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'cancelled before it started',
    });
    expect(pool.threadCount).toBe(0);
    const waiting = pool.request({ type: 'block', ms: 200 }).catch((e: unknown) => e);
    await pool.close();
    expect(await waiting).toMatchObject({ code: 'CANCELLED', message: 'the test worker was closed' });
    expect(pool.threadCount).toBe(0);
    await expect(pool.request({ type: 'echo', value: 1 })).rejects.toMatchObject({ code: 'CANCELLED', message: 'the test worker is closed' });
  });
});
