/**
 * Runs registerRigid in a worker thread, never on the thread that serves the UI. The voxels are
 * copied once, into SharedArrayBuffers a few MiB at a time with the event loop free in between
 * (copyToShared: a volume is a cached one, still in use; a single .slice() of two CTs blocked the
 * loop ~50 ms). One worker per registration (pure JavaScript, so it can be
 * terminated at any time): an aborted signal terminates it and rejects with CANCELLED.
 */
import { Worker } from 'node:worker_threads';
import { RadGroundError } from '../errors/radground-error';
import { workerBundlePath } from '../workers/bundle-path';
import { copyToShared } from '../workers/shared-copy';
import type { VolumeLike } from './registration-image';
import type { RigidRegistration } from './register-rigid';
import type { RegistrationReply, RegistrationRequest } from './worker/registration-protocol';

async function sharedCopy(volume: VolumeLike): Promise<VolumeLike> {
  const scalars = await copyToShared(volume.scalars);
  return { scalars, dims: [...volume.dims], spacing: [...volume.spacing], origin: [...volume.origin], direction: [...volume.direction] };
}

export async function registerInWorker(
  task: RegistrationRequest['task'],
  current: VolumeLike,
  prior: VolumeLike,
  options: { signal?: AbortSignal } = {},
): Promise<RigidRegistration> {
  options.signal?.throwIfAborted();
  const a = await sharedCopy(current);
  const b = await sharedCopy(prior);
  options.signal?.throwIfAborted();
  const worker = new Worker(workerBundlePath('registration-worker'));
  return new Promise<RigidRegistration>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(new RadGroundError('CANCELLED', 'registration cancelled')));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: RegistrationReply) =>
      finish(() => (reply.ok ? resolve(reply.result) : reject(new RadGroundError('INTERNAL', `registration failed: ${reply.message}`)))),
    );
    worker.once('error', (e) => finish(() => reject(new RadGroundError('INTERNAL', `registration worker failed: ${e.message}`))));
    worker.once('exit', (code) => finish(() => reject(new RadGroundError('INTERNAL', `registration worker exited (code ${code}) without a result`))));
    const request: RegistrationRequest = { task, current: a, prior: b };
    worker.postMessage(request);
  });
}
