/**
 * Issue 13 item 1 (nothing heavy on the UI-serving thread): registerInWorker hands the two volumes to
 * its worker without one long copy on the calling thread (a .slice() of two CTs blocked the event
 * loop ~50 ms in compare.run): they are copied a few MiB at a time (copyToShared). The registration
 * is the one the calling thread computes. Its worker thread runs at a lowered priority (nice +10, as
 * the inference and DICOM workers), so when cores are scarce it yields the CPU to the serving thread.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerInWorker } from '../../../electron/core/registration/register-in-worker';
import { registerRigid } from '../../../electron/core/registration/register-rigid';
import { translationTransform } from '../../../electron/core/registration/rigid-transform';
import { loadDicomSeries } from '../analysis/support/chest-ct';
import { NO_SHARED_DATA_REASON, requireSharedData } from '../../support/shared-data';
import { translatedCopy } from './support/rigid-copies';

const run = requireSharedData();
/** copyToShared's step (8 MiB of int16): no single copy on the calling thread may be longer. */
const MAX_COPY = 4 * 1024 * 1024;
/** Nice values of this process's threads (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}
const typedArrayProto = Object.getPrototypeOf(Int16Array.prototype) as { slice: (...args: unknown[]) => unknown };

describe.skipIf(!run)(`registerInWorker on A0001 and a translated copy${run ? '' : ` (skipped: ${NO_SHARED_DATA_REASON})`}`, () => {
  afterEach(() => vi.restoreAllMocks());

  it('copies the volumes for the worker in slices of at most 8 MiB, and registers them as the calling thread does', async () => {
    const current = await loadDicomSeries('ct/chest_lung_pet_ct_dx_A0001');
    const prior = translatedCopy(current, translationTransform([-25, 30, 35]).translation, '1.2.826.0.1.3680043.10.1234.98');
    const sliced: number[] = [];
    const realSlice = typedArrayProto.slice;
    vi.spyOn(typedArrayProto, 'slice').mockImplementation(function (this: Int16Array, ...args: unknown[]) {
      sliced.push(this.length);
      return realSlice.apply(this, args);
    });
    const set = vi.spyOn(Int16Array.prototype, 'set');
    const inWorker = await registerInWorker('register', current, prior);
    vi.restoreAllMocks();
    expect(sliced.filter((n) => n > MAX_COPY)).toEqual([]);
    const copies = set.mock.calls.map(([source]) => source.length);
    expect(Math.max(...copies)).toBeLessThanOrEqual(MAX_COPY);
    expect(copies.reduce((a, b) => a + b, 0)).toBe(current.scalars.length + prior.scalars.length);
    // The caller's volumes are untouched (copied, not detached).
    expect(current.scalars.length).toBe(current.dims[0] * current.dims[1] * current.dims[2]);
    expect(inWorker.transform).toEqual(registerRigid(current, prior).transform);
  });

  it.runIf(process.platform === 'linux')('registers in a thread at a lowered priority (nice +10)', async () => {
    const current = await loadDicomSeries('ct/chest_lung_pet_ct_dx_A0001');
    const prior = translatedCopy(current, translationTransform([10, -5, 20]).translation, '1.2.826.0.1.3680043.10.1234.97');
    const lowered = () => threadNices().filter((n) => n >= 10).length;
    const before = lowered();
    let most = before;
    let done = false;
    const registering = registerInWorker('register', current, prior).finally(() => (done = true));
    while (!done) {
      most = Math.max(most, lowered());
      await new Promise((r) => setTimeout(r, 20));
    }
    await registering;
    expect(most).toBe(before + 1);
  });
});
