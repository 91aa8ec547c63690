export type WebGl2Support = { ok: true } | { ok: false; reason: string };

/**
 * Whether this browser can create a WebGL2 context (vtk.js needs it). The probe context is
 * released at once (WEBGL_lose_context) so it does not count against Chromium's ~16-context cap.
 * Synchronous, on the calling thread: creating a context blocks it until the GPU process has made
 * one (about 100 ms with software WebGL); `webGl2Support` probes off the main thread instead.
 */
export function detectWebGl2(doc: Document = document): WebGl2Support {
  try {
    const canvas = doc.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return { ok: false, reason: NOT_AVAILABLE };
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `WebGL2 could not be initialised: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const NOT_AVAILABLE = 'WebGL2 is not available (no GPU acceleration, or it is disabled or blocklisted).';

/** The probe a worker runs: a WebGL2 context on an OffscreenCanvas, released at once. */
const WORKER_PROBE = `
let ok = false;
try {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  ok = !!gl;
  if (gl) gl.getExtension('WEBGL_lose_context')?.loseContext();
} catch {}
postMessage(ok);
`;
/** A worker that has not answered by then (it could not start, say) is given up for the main-thread probe. */
const WORKER_PROBE_TIMEOUT_MS = 5000;

let probe: Promise<WebGl2Support> | null = null;
let known: WebGl2Support | null = null;

/**
 * WebGL2 support, probed once per page (`probeWebGl2` starts it; start-up calls it so the answer is
 * there before a study opens). A worker makes the probe context on an OffscreenCanvas, so the main
 * thread never waits for the GPU process; only a worker's "yes" is taken as is. Where there is no
 * worker or OffscreenCanvas, or the worker says no, fails or stays silent, the main-thread probe
 * (`detectWebGl2`) decides.
 */
export function probeWebGl2(): Promise<WebGl2Support> {
  probe ??= probeInWorker()
    .then((ok) => (ok ? ({ ok: true } as const) : detectWebGl2()))
    .then((support) => (known = support));
  return probe;
}

/** The probe's answer once it is in; null before. */
export function knownWebGl2Support(): WebGl2Support | null {
  return known;
}

/** Forgets the answer (component tests change what the canvas offers between tests). */
export function resetWebGl2ProbeForTests(): void {
  probe = null;
  known = null;
}

function probeInWorker(): Promise<boolean> {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined' || typeof URL.createObjectURL !== 'function') return Promise.resolve(false);
  return new Promise((resolve) => {
    let worker: Worker | null = null;
    let url = '';
    const done = (ok: boolean) => {
      clearTimeout(timer);
      worker?.terminate();
      if (url) URL.revokeObjectURL(url);
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), WORKER_PROBE_TIMEOUT_MS);
    try {
      url = URL.createObjectURL(new Blob([WORKER_PROBE], { type: 'text/javascript' }));
      worker = new Worker(url);
      worker.onmessage = (e: MessageEvent<unknown>) => done(e.data === true);
      worker.onerror = () => done(false);
    } catch {
      done(false);
    }
  });
}
