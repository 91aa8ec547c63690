/**
 * Entry of the registration worker thread (bundled by build/build.mjs to
 * dist/<bundle>/registration-worker.cjs; built on demand from source under vitest/tsx, see
 * ../registration-worker-script.ts). One request per worker: register, reply, exit.
 */
import { parentPort } from 'node:worker_threads';
import { identityAlignment, registerRigid } from '../register-rigid';
import type { RegistrationReply, RegistrationRequest } from './registration-protocol';

if (!parentPort) throw new Error('the registration worker must run in a worker thread');
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
