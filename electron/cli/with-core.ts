import { createAppCore, type AppCore } from '../core/app-core';
import { RadGroundError } from '../core/errors/radground-error';
import type { ChannelName, RequestOf, ResponseOf } from '../shared/api/contract';
import type { CliContext } from './cli-command';

/** Runs a command body against a core on the chosen data dir, closing it afterwards. */
export async function withCore<T>(context: CliContext, body: (core: AppCore) => Promise<T>): Promise<T> {
  const core = await createAppCore({ dataDir: context.dataDir, logger: context.logger, modelsDir: context.modelsDir });
  try {
    return await body(core);
  } finally {
    await core.close();
  }
}

/** The CLI is one more client of the contract: same validation, same typed errors. */
export async function call<C extends ChannelName>(core: AppCore, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = await core.dispatch(channel, request, { transport: 'in-process' });
  if (!envelope.ok) throw new RadGroundError(envelope.error.code, envelope.error.message);
  return envelope.value as ResponseOf<C>;
}
