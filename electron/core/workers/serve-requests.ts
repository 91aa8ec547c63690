/**
 * The worker side of a request/response worker thread: requests `{ type, id, ... }` are handled one
 * at a time in arrival order, each answered `{ type: 'result', id, value }` (its buffers transferred)
 * or `{ type: 'error', id, code, message }`. Handlers may post `{ type: 'progress', id, ... }` between.
 */

/** The part of worker_threads' MessagePort a worker uses. */
export interface WorkerPort<Req> {
  on(event: 'message', listener: (msg: Req) => void): unknown;
  postMessage(msg: unknown, transfer?: ArrayBuffer[]): void;
}

export interface Reply {
  value: unknown;
  transfer?: ArrayBuffer[];
}

export type RequestHandlers<Req extends { type: string; id: number }> = {
  [T in Req['type']]: (msg: Extract<Req, { type: T }>) => Promise<Reply>;
};

/** An Error with a RadGround error code, as workers throw them (no class identity crosses threads). */
export function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 500);
}

export function serveRequests<Req extends { type: string; id: number }>(port: WorkerPort<Req>, handlers: RequestHandlers<Req>): void {
  const handle = async (msg: Req): Promise<void> => {
    try {
      const handler = handlers[msg.type as Req['type']] as ((m: Req) => Promise<Reply>) | undefined;
      if (!handler) throw codedError('INTERNAL', `the worker has no request type '${msg.type}'`);
      const reply = await handler(msg);
      try {
        port.postMessage({ type: 'result', id: msg.id, value: reply.value }, reply.transfer ?? []);
      } catch {
        // Buffers owned by a native library (onnxruntime) may refuse to be transferred: send a copy.
        port.postMessage({ type: 'result', id: msg.id, value: reply.value });
      }
    } catch (e) {
      const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'INTERNAL';
      port.postMessage({ type: 'error', id: msg.id, code, message: errorText(e) });
    }
  };
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (msg) => {
    queue = queue.then(() => handle(msg));
  });
  port.postMessage({ type: 'ready' });
}
