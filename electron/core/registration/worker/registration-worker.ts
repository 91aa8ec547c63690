/**
 * Entry of the registration worker thread (bundled as 'registration-worker' by
 * build/worker-bundles.mjs, started through workers/bundle-path.ts). One request per worker:
 * register (or score), reply; the caller then terminates it.
 */
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority, WORKER_NICE_INCREMENT } from '../../inference/worker/thread-priority';
import { identityAlignment, registerRigid } from '../register-rigid';
import type { RegistrationReply, RegistrationRequest } from './registration-protocol';

if (!parentPort) throw new Error('the registration worker must run in a worker thread');
lowerThreadPriority(WORKER_NICE_INCREMENT);
const port = parentPort;
port.once('message', (request: RegistrationRequest) => {
  let reply: RegistrationReply;
  try {
    reply = { ok: true, result: (request.task === 'register' ? registerRigid : identityAlignment)(request.current, request.prior) };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
