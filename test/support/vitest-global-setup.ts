// Vitest global setup (build/vitest.config.ts, node project): tests run the TypeScript sources and
// worker threads run bundles, so build fresh worker bundles of the sources under test into a folder
// of this run and point RADGROUND_WORKER_DIR at it (test processes inherit the environment).
import { useFreshWorkerBundles } from './worker-bundles';

export default function setup(): Promise<() => void> {
  return useFreshWorkerBundles();
}
