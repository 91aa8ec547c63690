import { APP_VERSION } from '../../config/app-version';
import type { ApiHandlers } from '../dispatch';

export interface AppHandlerDeps {
  dataDir: string;
  startupStudyInstanceUid: () => string | null;
}

export function createAppHandlers(deps: AppHandlerDeps): Pick<ApiHandlers, 'app.getInfo' | 'app.ping'> {
  return {
    'app.getInfo': async (_request, context) => ({
      name: 'RadGround',
      version: APP_VERSION,
      transport: context.transport,
      platform: `${process.platform}-${process.arch}`,
      nodeVersion: process.versions.node,
      dataDir: deps.dataDir,
      startupStudyInstanceUid: deps.startupStudyInstanceUid(),
    }),
    'app.ping': async (request) => ({ nonce: request.nonce, serverTime: new Date().toISOString() }),
  };
}
