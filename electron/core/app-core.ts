import { mkdirSync } from 'node:fs';
import { createDispatcher, type ApiHandlers, type Dispatch } from './api/dispatch';
import { createAppHandlers } from './api/handlers/app-handlers';
import { EventBus } from './events/event-bus';
import { createLogger, type Logger } from './logging/logger';

export interface AppCoreOptions {
  dataDir: string;
  logger?: Logger;
}

/**
 * Everything the product does, without Electron: the desktop shell, the browser host, the CLI
 * and the tests all create one of these and talk to it through `dispatch`.
 */
export interface AppCore {
  readonly dataDir: string;
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly logger: Logger;
  close(): Promise<void>;
}

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const logger = options.logger ?? createLogger();
  mkdirSync(options.dataDir, { recursive: true });
  const events = new EventBus();
  const handlers: ApiHandlers = {
    ...createAppHandlers({ dataDir: options.dataDir }),
  };
  const dispatch = createDispatcher(handlers, logger);
  return {
    dataDir: options.dataDir,
    dispatch,
    events,
    logger,
    close: async () => {},
  };
}
