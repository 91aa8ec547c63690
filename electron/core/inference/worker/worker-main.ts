import type * as Ort from 'onnxruntime-node';
import type { WorkerKernels } from './worker-kernels';
import type {
  ExecutionProviderName,
  LoadedSessionInfo,
  ModelIo,
  ProviderAttempt,
  RunGraphResultMessage,
  RunResultMessage,
  ScalarDtype,
  SegmentResultMessage,
  SessionSpec,
  TensorInfo,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import type { Dims3, NumericArray } from '../kernels/types';

/** The part of worker_threads' MessagePort the worker uses. */
export interface WorkerPort {
  on(event: 'message', listener: (msg: WorkerRequest) => void): unknown;
  postMessage(msg: WorkerResponse, transfer?: ArrayBuffer[]): void;
}

/**
 * The inference worker's whole program: owns the onnxruntime sessions (cached by pack key and
 * execution provider) and turns volume scalars into labels (preprocessing, full-volume or
 * sliding-window inference with blending, decision, and the inverse of every preprocessing step).
 *
 * SELF-CONTAINED: the worker is started from this function's source text (see worker-source.ts),
 * so it must not reference anything outside its own body; array work goes through `k` (the
 * kernels) and onnxruntime through `loadOrt`.
 */
export function inferenceWorkerMain(port: WorkerPort, k: WorkerKernels, loadOrt: () => typeof Ort): void {
  const ort = loadOrt();
  // Provider fallbacks are expected (no CUDA here and there): keep their errors in the attempts
  // we report rather than on stderr.
  ort.env.logLevel = 'fatal';
  const versions = (ort.env as { versions?: Record<string, string> }).versions ?? {};
  const onnxruntimeVersion = versions.node ?? versions.common ?? 'unknown';

  interface CachedSession {
    session: Ort.InferenceSession;
    provider: ExecutionProviderName;
    io: ModelIo;
  }
  const sessions = new Map<string, CachedSession>();
  /** Provider failures (by `key#provider#options`), so a missing CUDA is not retried on every run. */
  const failures = new Map<string, string>();

  const codedError = (code: string, message: string): Error => Object.assign(new Error(message), { code });
  const now = (): number => performance.now();
  const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 500);

  function tensorInfo(m: Ort.InferenceSession.ValueMetadata): TensorInfo {
    if (!m.isTensor) return { name: m.name, isTensor: false, type: null, shape: [] };
    return { name: m.name, isTensor: true, type: String(m.type), shape: m.shape.map((d) => (typeof d === 'number' ? d : String(d))) };
  }

  function ioOf(session: Ort.InferenceSession): ModelIo {
    return { inputs: session.inputMetadata.map(tensorInfo), outputs: session.outputMetadata.map(tensorInfo) };
  }

  function sessionOptions(provider: ExecutionProviderName, spec: SessionSpec): Ort.InferenceSession.SessionOptions {
    const o: Ort.InferenceSession.SessionOptions = { executionProviders: [provider], graphOptimizationLevel: 'all' };
    if (spec.options.intraOpNumThreads > 0) o.intraOpNumThreads = spec.options.intraOpNumThreads;
    if (!spec.options.allowSpinning) {
      o.extra = { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } };
    }
    return o;
  }

  async function ensureSession(spec: SessionSpec): Promise<{ entry: CachedSession; info: LoadedSessionInfo }> {
    const attempts: ProviderAttempt[] = [];
    for (const provider of spec.providers) {
      const cacheKey = `${spec.key}#${provider}#${spec.options.intraOpNumThreads}:${spec.options.allowSpinning ? 1 : 0}`;
      const hit = sessions.get(cacheKey);
      if (hit) {
        attempts.push({ provider, error: null });
        return { entry: hit, info: { provider, attempts, io: hit.io, loadMs: 0, cached: true, onnxruntimeVersion } };
      }
      const failedBefore = failures.get(cacheKey);
      if (failedBefore !== undefined) {
        attempts.push({ provider, error: failedBefore });
        continue;
      }
      const t0 = now();
      try {
        const session = await ort.InferenceSession.create(spec.modelPath, sessionOptions(provider, spec));
        const entry: CachedSession = { session, provider, io: ioOf(session) };
        sessions.set(cacheKey, entry);
        attempts.push({ provider, error: null });
        return { entry, info: { provider, attempts, io: entry.io, loadMs: now() - t0, cached: false, onnxruntimeVersion } };
      } catch (e) {
        const message = errorText(e);
        failures.set(cacheKey, message);
        attempts.push({ provider, error: message });
      }
    }
    throw codedError(
      'MODEL_INVALID',
      `no execution provider could open ${spec.modelPath}: ` + attempts.map((a) => `${a.provider}: ${a.error}`).join('; '),
    );
  }

  function view(buffer: ArrayBuffer, dtype: ScalarDtype): NumericArray {
    switch (dtype) {
      case 'uint8':
        return new Uint8Array(buffer);
      case 'int8':
        return new Int8Array(buffer);
      case 'int16':
        return new Int16Array(buffer);
      case 'uint16':
        return new Uint16Array(buffer);
      case 'int32':
        return new Int32Array(buffer);
      case 'uint32':
        return new Uint32Array(buffer);
      case 'float32':
        return new Float32Array(buffer);
      case 'float64':
        return new Float64Array(buffer);
    }
  }

  async function runOnce(entry: CachedSession, inputName: string, outputName: string, data: Float32Array, shape: number[]) {
    const feeds: Record<string, Ort.Tensor> = { [inputName]: new ort.Tensor('float32', data, shape) };
    const out = await entry.session.run(feeds);
    const t = out[outputName];
    if (!t) throw codedError('MODEL_INVALID', `the model has no output named '${outputName}'`);
    if (t.type !== 'float32') throw codedError('MODEL_INVALID', `output '${outputName}' is ${t.type}, expected float32`);
    return { data: t.data as Float32Array, dims: t.dims.map(Number) };
  }

  function expectDims(actual: number[], expected: number[], what: string): void {
    if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
      throw codedError('MODEL_INVALID', `${what}: the model returned shape [${actual.join(', ')}], expected [${expected.join(', ')}]`);
    }
  }

  async function segment(msg: Extract<WorkerRequest, { type: 'segment' }>): Promise<{ value: SegmentResultMessage; transfer: ArrayBuffer[] }> {
    const tStart = now();
    const cancelFlag = new Int32Array(msg.cancel);
    const checkCancelled = (): void => {
      if (Atomics.load(cancelFlag, 0) !== 0) throw codedError('CANCELLED', 'inference cancelled');
    };
    const progress = (phase: 'preprocess' | 'infer' | 'postprocess', done: number, total: number): void =>
      port.postMessage({ type: 'progress', id: msg.id, phase, done, total });
    const { plan } = msg;
    checkCancelled();
    const { entry, info } = await ensureSession(msg.session);
    checkCancelled();

    // --- preprocessing: orient, intensity, foreground crop, crop/pad, tensor layout
    const tPre = now();
    progress('preprocess', 0, 1);
    const gridDims: Dims3 = [msg.dims[0], msg.dims[1], msg.dims[2]];
    let dims: Dims3 = gridDims;
    let raw: NumericArray = view(msg.scalars, msg.dtype);
    if (plan.orient) ({ data: raw, dims } = k.permuteAxes(raw, dims, plan.orient, 1));
    const orientedDims = dims;
    let f: Float32Array = k.scaleIntensity(raw, plan.intensity);
    raw = new Uint8Array(0);
    let fg: { lo: Dims3; size: Dims3 } | null = null;
    if (plan.cropForeground) {
      fg = k.foregroundBox(f, dims, plan.cropForeground.threshold, plan.cropForeground.margin);
      if (!fg) {
        // Nothing above the threshold: the whole volume is background; the model is not run.
        const labels = new Uint8Array(gridDims[0] * gridDims[1] * gridDims[2]);
        const probabilities = plan.returnProbabilities ? new Float32Array(labels.length * plan.channels) : null;
        if (probabilities && plan.decision.kind === 'argmax') probabilities.fill(1, 0, labels.length);
        const timings = { sessionLoadMs: info.loadMs, preprocessMs: now() - tPre, inferenceMs: 0, blendMs: 0, postprocessMs: 0, workerTotalMs: now() - tStart };
        const value: SegmentResultMessage = { labels: labels.buffer, probabilities: probabilities?.buffer ?? null, channels: plan.channels, windows: 0, session: info, timings };
        return { value, transfer: probabilities ? [labels.buffer, probabilities.buffer] : [labels.buffer] };
      }
      f = k.extractBox(f, dims, fg.lo, fg.size, 1, 0, null, 0);
      dims = fg.size;
    }
    const beforeCropPadDims = dims;
    let cropPadLo: Dims3 | null = null;
    if (plan.cropPad) {
      const cp = plan.cropPad;
      cropPadLo = [k.centeredStart(dims[0], cp[0]), k.centeredStart(dims[1], cp[1]), k.centeredStart(dims[2], cp[2])];
      f = k.extractBox(f, dims, cropPadLo, cp, 1, 0, null, 0);
      dims = [cp[0], cp[1], cp[2]];
    }
    const beforeLayoutDims = dims;
    if (plan.layout) ({ data: f, dims } = k.permuteAxes(f, dims, plan.layout, 1));
    const preprocessMs = now() - tPre;
    progress('preprocess', 1, 1);

    // --- inference
    let scores: Float32Array;
    let channels: number;
    let inferenceMs = 0;
    let blendMs = 0;
    let windows = 1;
    const vol = dims[0] * dims[1] * dims[2];
    if (!plan.window) {
      const tensorDims = [dims[2], dims[1], dims[0]];
      if (plan.inputSpatial.some((d, a) => d !== null && d !== tensorDims[a])) {
        throw codedError(
          'BAD_REQUEST',
          `the preprocessed volume is [${tensorDims.join(', ')}] (tensor order) but the model takes [${plan.inputSpatial.map((d) => d ?? '?').join(', ')}]; the pack needs cropPad or slidingWindow`,
        );
      }
      checkCancelled();
      progress('infer', 0, 1);
      const t0 = now();
      const out = await runOnce(entry, plan.inputName, plan.outputName, f, [1, 1, dims[2], dims[1], dims[0]]);
      inferenceMs = now() - t0;
      channels = out.dims[1] ?? 0;
      expectDims(out.dims, [1, channels, dims[2], dims[1], dims[0]], `output '${plan.outputName}'`);
      scores = out.data;
      progress('infer', 1, 1);
    } else {
      const { roi, overlap, blending, batchSize } = plan.window;
      const wdims: Dims3 = [Math.max(dims[0], roi[0]), Math.max(dims[1], roi[1]), Math.max(dims[2], roi[2])];
      let padLo: Dims3 | null = null;
      if (wdims[0] !== dims[0] || wdims[1] !== dims[1] || wdims[2] !== dims[2]) {
        padLo = [k.centeredStart(dims[0], wdims[0]), k.centeredStart(dims[1], wdims[1]), k.centeredStart(dims[2], wdims[2])];
        f = k.extractBox(f, dims, padLo, wdims, 1, 0, null, 0);
      }
      const starts = k.planWindows(wdims, roi, overlap);
      windows = starts.length / 3;
      const importance = k.importanceMap(roi, blending);
      const rvol = roi[0] * roi[1] * roi[2];
      const wvol = wdims[0] * wdims[1] * wdims[2];
      const weight = new Float32Array(wvol);
      let acc: Float32Array | null = null;
      channels = 0;
      progress('infer', 0, windows);
      for (let w0 = 0; w0 < windows; w0 += batchSize) {
        checkCancelled();
        const nb = Math.min(batchSize, windows - w0);
        const batch = new Float32Array(nb * rvol);
        for (let b = 0; b < nb; b++) {
          const s = 3 * (w0 + b);
          k.extractBox(f, wdims, [starts[s]!, starts[s + 1]!, starts[s + 2]!], roi, 1, 0, batch, b * rvol);
        }
        const t0 = now();
        const out = await runOnce(entry, plan.inputName, plan.outputName, batch, [nb, 1, roi[2], roi[1], roi[0]]);
        inferenceMs += now() - t0;
        if (!acc) {
          channels = out.dims[1] ?? 0;
          acc = new Float32Array(channels * wvol);
        }
        expectDims(out.dims, [nb, channels, roi[2], roi[1], roi[0]], `output '${plan.outputName}'`);
        const t1 = now();
        for (let b = 0; b < nb; b++) {
          const s = 3 * (w0 + b);
          k.accumulateWindow(acc, weight, wdims, channels, [starts[s]!, starts[s + 1]!, starts[s + 2]!], roi, out.data, b * channels * rvol, importance);
        }
        blendMs += now() - t1;
        progress('infer', w0 + nb, windows);
      }
      const t1 = now();
      k.normalizeAccumulator(acc!, weight, channels);
      scores = padLo ? k.extractBox(acc!, wdims, [-padLo[0], -padLo[1], -padLo[2]], dims, channels, 0, null, 0) : acc!;
      blendMs += now() - t1;
    }
    if (channels < plan.channels) {
      throw codedError('MODEL_INVALID', `the model returned ${channels} channels; the manifest names channel ${plan.channels - 1}`);
    }

    // --- decision, then undo every preprocessing step so labels land in the volume's grid
    checkCancelled();
    const tPost = now();
    progress('postprocess', 0, 1);
    let labels: Uint8Array =
      plan.decision.kind === 'argmax' ? k.argmaxLabels(scores, channels, vol) : k.sigmoidLabels(scores, channels, vol, plan.decision.threshold);
    let probs: Float32Array | null = null;
    if (plan.returnProbabilities) {
      probs = scores;
      if (plan.decision.kind === 'argmax') k.softmaxInPlace(probs, channels, vol);
      else k.sigmoidInPlace(probs);
    }
    dims = beforeLayoutDims;
    if (plan.layout) {
      const inv = k.invertPermutation(plan.layout);
      const layoutDims: Dims3 = [dims[plan.layout.perm[0]]!, dims[plan.layout.perm[1]]!, dims[plan.layout.perm[2]]!];
      labels = k.permuteAxes(labels, layoutDims, inv, 1).data;
      if (probs) probs = k.permuteAxes(probs, layoutDims, inv, channels).data;
    }
    if (plan.cropPad && cropPadLo) {
      labels = k.insertBox(labels, dims, beforeCropPadDims, cropPadLo, 1, 0);
      if (probs) probs = k.insertBox(probs, dims, beforeCropPadDims, cropPadLo, channels, 0);
      dims = beforeCropPadDims;
    }
    if (fg) {
      labels = k.insertBox(labels, dims, orientedDims, fg.lo, 1, 0);
      if (probs) {
        probs = k.insertBox(probs, dims, orientedDims, fg.lo, channels, 0);
        // Outside the processed box: certain background.
        if (plan.decision.kind === 'argmax') {
          const ov = orientedDims[0] * orientedDims[1] * orientedDims[2];
          const inside = k.insertBox(new Uint8Array(dims[0] * dims[1] * dims[2]).fill(1), dims, orientedDims, fg.lo, 1, 0);
          for (let v = 0; v < ov; v++) if (!inside[v]) probs[v] = 1;
        }
      }
      dims = orientedDims;
    }
    if (plan.orient) {
      const inv = k.invertPermutation(plan.orient);
      labels = k.permuteAxes(labels, dims, inv, 1).data;
      if (probs) probs = k.permuteAxes(probs, dims, inv, channels).data;
    }
    const postprocessMs = now() - tPost;
    progress('postprocess', 1, 1);
    const timings = { sessionLoadMs: info.loadMs, preprocessMs, inferenceMs, blendMs, postprocessMs, workerTotalMs: now() - tStart };
    const value: SegmentResultMessage = { labels: labels.buffer as ArrayBuffer, probabilities: (probs?.buffer as ArrayBuffer) ?? null, channels, windows, session: info, timings };
    return { value, transfer: probs ? [value.labels, probs.buffer as ArrayBuffer] : [value.labels] };
  }

  async function runBare(msg: Extract<WorkerRequest, { type: 'run' }>): Promise<{ value: RunResultMessage; transfer: ArrayBuffer[] }> {
    const { entry, info } = await ensureSession(msg.session);
    const t0 = now();
    const out = await runOnce(entry, msg.inputName, msg.outputName, new Float32Array(msg.input), msg.shape);
    const runMs = now() - t0;
    const value: RunResultMessage = { output: out.data.buffer as ArrayBuffer, shape: out.dims, session: info, runMs };
    return { value, transfer: [value.output] };
  }

  async function runGraph(msg: Extract<WorkerRequest, { type: 'runGraph' }>): Promise<{ value: RunGraphResultMessage; transfer: ArrayBuffer[] }> {
    const { entry, info } = await ensureSession(msg.session);
    const t0 = now();
    const out = await entry.session.run({ [msg.inputName]: new ort.Tensor('float32', new Float32Array(msg.input), msg.shape) });
    const runMs = now() - t0;
    const outputs = Object.entries(out).map(([name, t]) => {
      const view = t.data as ArrayBufferView;
      const data = view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
      return { name, type: String(t.type), data, dims: t.dims.map(Number) };
    });
    return { value: { outputs, session: info, runMs }, transfer: outputs.map((o) => o.data) };
  }

  async function inspect(modelPath: string): Promise<ModelIo> {
    const session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
    try {
      return ioOf(session);
    } finally {
      await session.release();
    }
  }

  async function release(key: string | null): Promise<number> {
    let n = 0;
    for (const [cacheKey, entry] of [...sessions]) {
      if (key === null || cacheKey.startsWith(`${key}#`)) {
        sessions.delete(cacheKey);
        await entry.session.release();
        n++;
      }
    }
    for (const cacheKey of [...failures.keys()]) if (key === null || cacheKey.startsWith(`${key}#`)) failures.delete(cacheKey);
    return n;
  }

  async function handle(msg: WorkerRequest): Promise<void> {
    try {
      let reply: { value: unknown; transfer: ArrayBuffer[] };
      switch (msg.type) {
        case 'inspect':
          reply = { value: await inspect(msg.modelPath), transfer: [] };
          break;
        case 'load':
          reply = { value: (await ensureSession(msg.session)).info, transfer: [] };
          break;
        case 'segment':
          reply = await segment(msg);
          break;
        case 'run':
          reply = await runBare(msg);
          break;
        case 'runGraph':
          reply = await runGraph(msg);
          break;
        case 'release':
          reply = { value: await release(msg.key), transfer: [] };
          break;
      }
      try {
        port.postMessage({ type: 'result', id: msg.id, value: reply.value }, reply.transfer);
      } catch {
        // Buffers owned by onnxruntime may refuse to be transferred: send a copy instead.
        port.postMessage({ type: 'result', id: msg.id, value: reply.value });
      }
    } catch (e) {
      const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'INTERNAL';
      port.postMessage({ type: 'error', id: msg.id, code, message: errorText(e) });
    }
  }

  // One request at a time, in arrival order (session.run blocks this thread anyway).
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (msg) => {
    queue = queue.then(() => handle(msg));
  });
  port.postMessage({ type: 'ready' });
}
