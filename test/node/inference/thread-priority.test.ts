import { readdirSync, readFileSync } from 'node:fs';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InferenceWorker } from '../../../electron/core/inference/inference-worker';
import { tmpDir, writePack, tinyManifest } from './support/packs';
import { signModel } from './support/tiny-onnx';
import { join } from 'node:path';

function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((t) => {
    const st = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
    return Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

const root = tmpDir('nice');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform !== 'linux')('inference thread priority (Linux)', () => {
  it('the worker thread and the onnxruntime pool threads it starts run at a lower priority; the main thread does not', async () => {
    const bytes = signModel();
    const dir = writePack(root, tinyManifest('nice', bytes), { 'model.onnx': bytes });
    const before = threadNices().filter((n) => n >= 10).length;
    const worker = new InferenceWorker({ niceIncrement: 10 });
    try {
      await worker.loadSession({ key: 'nice@1', modelPath: join(dir, 'model.onnx'), providers: ['cpu'], options: { intraOpNumThreads: 3, allowSpinning: false } });
      // the worker thread + 2 pool threads (ORT uses the calling thread as the third)
      expect(threadNices().filter((n) => n >= 10).length - before).toBeGreaterThanOrEqual(3);
      const main = readFileSync('/proc/thread-self/stat', 'utf8');
      expect(Number(main.slice(main.lastIndexOf(')') + 2).split(' ')[16])).toBeLessThan(10);
    } finally {
      await worker.close();
    }
  });
});
