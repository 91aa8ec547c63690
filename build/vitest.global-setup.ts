// Tests run the TypeScript sources, and worker threads run bundles: build fresh worker bundles of
// the sources under test (build/worker-bundles.mjs) into a folder of this run, and point
// RADGROUND_WORKER_DIR at it (test processes inherit the environment).
import { useFreshWorkerBundles } from '../test/support/worker-bundles';

export default function setup(): Promise<() => void> {
  return useFreshWorkerBundles();
}
