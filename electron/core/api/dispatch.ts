import { apiContract, isChannelName, type ChannelName, type ParsedRequestOf, type ResponseOf } from '../../shared/api/contract';
import type { ChannelDefinition } from '../../shared/api/define-channel';
import { fail, ok, type ApiEnvelope } from '../../shared/api/envelope';
import { RadGroundError, toErrorInfo } from '../errors/radground-error';
import type { Logger } from '../logging/logger';

/** Who is calling: transports fill this in after they have authenticated the caller. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'in-process';
  /** Aborted when the caller cancels the call (core-port-server.ts's cancel message). */
  signal?: AbortSignal;
}

export type ApiHandlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>, context: CallContext) => Promise<ResponseOf<C>>;
};

export type Dispatch = (channel: string, payload: unknown, context: CallContext) => Promise<ApiEnvelope<unknown>>;

/**
 * The single entry point both transports call: checks the channel exists, validates the payload
 * against the contract, runs the handler and checks its response, and turns every failure into a
 * typed envelope. Nothing a caller sends can throw past this function.
 */
export function createDispatcher(handlers: ApiHandlers, logger: Logger): Dispatch {
  return async (channel, payload, context) => {
    if (!isChannelName(channel)) return fail('NOT_FOUND', `unknown API channel "${channel}"`);
    const definition = apiContract[channel];
    const parsed = definition.request.safeParse(payload);
    if (!parsed.success) {
      return fail('BAD_REQUEST', `invalid request for ${channel}: ${summarizeIssues(parsed.error.issues)}`);
    }
    try {
      const handler = handlers[channel] as (req: unknown, ctx: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, context);
      checkResponse(channel, value);
      return ok(value);
    } catch (e) {
      const info = toErrorInfo(e);
      if (info.code === 'INTERNAL') logger.error('api handler failed', { channel, error: errorText(e) });
      else logger.info('api call refused', { channel, code: info.code });
      return { ok: false, error: info };
    }
  };
}

function checkResponse(channel: ChannelName, value: unknown): void {
  const definition = apiContract[channel] as ChannelDefinition;
  if (definition.kind === 'json') {
    const result = definition.response.safeParse(value);
    if (!result.success) {
      throw new RadGroundError('INTERNAL', `${channel} produced an invalid response: ${summarizeIssues(result.error.issues)}`);
    }
    return;
  }
  const payload = value as { meta?: unknown; data?: unknown };
  if (!(payload?.data instanceof Uint8Array)) throw new RadGroundError('INTERNAL', `${channel} produced no binary data`);
  const meta = definition.meta.safeParse(payload.meta);
  if (!meta.success) throw new RadGroundError('INTERNAL', `${channel} produced invalid metadata: ${summarizeIssues(meta.error.issues)}`);
}

function summarizeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
