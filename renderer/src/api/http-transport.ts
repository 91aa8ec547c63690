import { BINARY_FRAME_CONTENT_TYPE, decodeBinaryFrame } from '../../../electron/shared/api/binary-frame';
import type { ApiEnvelope } from '../../../electron/shared/api/envelope';
import { apiEventSchema, type ApiEvent } from '../../../electron/shared/api/events';
import type { ApiTransport } from './api-transport';
import { readBinaryFrameInto } from './binary-frame-reader';

/**
 * Talks to the loopback browser host. The session token lives in an HttpOnly cookie set when the
 * page was opened with ?token=…, so every same-origin request carries it.
 */
export interface HttpTransportOptions {
  baseUrl?: string;
  /** Tests outside a browser pass a fetch that adds the bearer token (no cookie jar there). */
  fetch?: typeof fetch;
}

export function createHttpTransport({ baseUrl = '', fetch: fetchImpl = globalThis.fetch.bind(globalThis) }: HttpTransportOptions = {}): ApiTransport {
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | null = null;
  const post = (channel: string, payload: unknown) =>
    fetchImpl(`${baseUrl}/api/call/${channel}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload ?? null),
    });

  return {
    kind: 'http',
    async invoke(channel, payload) {
      const response = await post(channel, payload);
      const type = response.headers.get('content-type') ?? '';
      if (type.startsWith(BINARY_FRAME_CONTENT_TYPE)) {
        const { header, payload: data } = decodeBinaryFrame(await response.arrayBuffer());
        return { ok: true, value: { meta: metaOf(header), data } };
      }
      return otherAnswer(response, type);
    },
    async invokeInto(channel, payload, destination) {
      const response = await post(channel, payload);
      const type = response.headers.get('content-type') ?? '';
      if (type.startsWith(BINARY_FRAME_CONTENT_TYPE) && response.body) {
        let meta: unknown;
        await readBinaryFrameInto(response.body, (header) => destination((meta = metaOf(header))));
        return { ok: true, value: { meta } };
      }
      return otherAnswer(response, type);
    },
    async importPathsForFiles(files) {
      const batch = `drop-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
      let batchDir: string | null = null;
      for (const { file, relativePath } of files) {
        const response = await fetchImpl(`${baseUrl}/api/upload/${batch}?path=${encodeURIComponent(relativePath)}`, {
          method: 'PUT',
          credentials: 'same-origin',
          body: file,
        });
        const envelope = (await response.json()) as ApiEnvelope<{ batchDir: string }>;
        if (!envelope.ok) throw new Error(`upload of ${relativePath} failed: ${envelope.error.message}`);
        batchDir = envelope.value.batchDir;
      }
      return batchDir ? [batchDir] : [];
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`${baseUrl}/api/events`);
        source.onmessage = (message) => {
          const parsed = apiEventSchema.safeParse(JSON.parse(message.data as string));
          if (parsed.success) for (const l of listeners) l(parsed.data);
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** A binary frame's header is `{ value: { meta } }`. */
function metaOf(header: unknown): unknown {
  return (header as { value: { meta: unknown } }).value.meta;
}

/** A JSON envelope, or an INTERNAL error for anything else. */
async function otherAnswer(response: Response, type: string): Promise<ApiEnvelope<never>> {
  if (type.startsWith('application/json')) return (await response.json()) as ApiEnvelope<never>;
  return { ok: false, error: { code: 'INTERNAL', message: `unexpected ${response.status} response from the host` } };
}
