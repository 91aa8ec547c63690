import type * as Ort from 'onnxruntime-node';
import { codedError } from '../../workers/serve-requests';
import type { ExecutionProviderName, LoadedSessionInfo, ModelIo, ProviderAttempt, SessionSpec, TensorInfo } from './protocol';

type OrtModule = typeof Ort;

export interface CachedSession {
  session: Ort.InferenceSession;
  provider: ExecutionProviderName;
  io: ModelIo;
}

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

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 500);

/**
 * The worker's onnxruntime sessions, cached by pack key, execution provider and thread options.
 * Providers are tried in order; a provider that failed for a key is remembered and not retried.
 */
export class SessionCache {
  private readonly sessions = new Map<string, CachedSession>();
  /** Provider failures (by cache key), so a missing CUDA is not retried on every run. */
  private readonly failures = new Map<string, string>();
  readonly onnxruntimeVersion: string;

  constructor(readonly ort: OrtModule) {
    // Provider fallbacks are expected (no CUDA here and there): keep their errors in the attempts
    // we report rather than on stderr.
    ort.env.logLevel = 'fatal';
    const versions = (ort.env as { versions?: Record<string, string> }).versions ?? {};
    this.onnxruntimeVersion = versions.node ?? versions.common ?? 'unknown';
  }

  /** Opens (or finds cached) a session with the first provider that works. */
  async ensure(spec: SessionSpec): Promise<{ entry: CachedSession; info: LoadedSessionInfo }> {
    const attempts: ProviderAttempt[] = [];
    const onnxruntimeVersion = this.onnxruntimeVersion;
    for (const provider of spec.providers) {
      const cacheKey = `${spec.key}#${provider}#${spec.options.intraOpNumThreads}:${spec.options.allowSpinning ? 1 : 0}`;
      const hit = this.sessions.get(cacheKey);
      if (hit) {
        attempts.push({ provider, error: null });
        return { entry: hit, info: { provider, attempts, io: hit.io, loadMs: 0, cached: true, onnxruntimeVersion } };
      }
      const failedBefore = this.failures.get(cacheKey);
      if (failedBefore !== undefined) {
        attempts.push({ provider, error: failedBefore });
        continue;
      }
      const t0 = performance.now();
      try {
        const session = await this.ort.InferenceSession.create(spec.modelPath, sessionOptions(provider, spec));
        const entry: CachedSession = { session, provider, io: ioOf(session) };
        this.sessions.set(cacheKey, entry);
        attempts.push({ provider, error: null });
        return { entry, info: { provider, attempts, io: entry.io, loadMs: performance.now() - t0, cached: false, onnxruntimeVersion } };
      } catch (e) {
        const message = errorText(e);
        this.failures.set(cacheKey, message);
        attempts.push({ provider, error: message });
      }
    }
    throw codedError('MODEL_INVALID', `no execution provider could open ${spec.modelPath}: ` + attempts.map((a) => `${a.provider}: ${a.error}`).join('; '));
  }

  /** Input and output names, shapes and types as onnxruntime reads them (a throwaway session). */
  async inspect(modelPath: string): Promise<ModelIo> {
    const session = await this.ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
    try {
      return ioOf(session);
    } finally {
      await session.release();
    }
  }

  /** Drops the cached sessions of one pack key, or all; returns how many. */
  async release(key: string | null): Promise<number> {
    let n = 0;
    for (const [cacheKey, entry] of [...this.sessions]) {
      if (key === null || cacheKey.startsWith(`${key}#`)) {
        this.sessions.delete(cacheKey);
        await entry.session.release();
        n++;
      }
    }
    for (const cacheKey of [...this.failures.keys()]) if (key === null || cacheKey.startsWith(`${key}#`)) this.failures.delete(cacheKey);
    return n;
  }

  /** One session.run on a float32 input, returning the named float32 output. */
  async runOnce(entry: CachedSession, inputName: string, outputName: string, data: Float32Array, shape: number[]): Promise<{ data: Float32Array; dims: number[] }> {
    const out = await entry.session.run({ [inputName]: new this.ort.Tensor('float32', data, shape) });
    const t = out[outputName];
    if (!t) throw codedError('MODEL_INVALID', `the model has no output named '${outputName}'`);
    if (t.type !== 'float32') throw codedError('MODEL_INVALID', `output '${outputName}' is ${t.type}, expected float32`);
    return { data: t.data as Float32Array, dims: t.dims.map(Number) };
  }
}
