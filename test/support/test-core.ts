import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createLogger } from '../../electron/core/logging/logger';
import { projectRoot } from './shared-data';

/** A core on a fresh temporary data dir, with logs collected instead of printed. */
export async function createTestCore(): Promise<{ core: AppCore; dataDir: string; logs: string[]; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radground-test-'));
  const logs: string[] = [];
  const core = await createAppCore({
    dataDir,
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    modelsDir: join(projectRoot, 'native-models'),
  });
  return {
    core,
    dataDir,
    logs,
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
