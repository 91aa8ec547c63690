// `npm run eval [-- --json] [--html F] [--data-dir D]`: `radground eval` on the shared cases
// (test/eval/shared-cases.json, reaching ../shared/data), through the same CLI module as the bin.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../electron/cli/run-cli';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.exitCode = await runCli(['eval', join(root, 'test', 'eval', 'shared-cases.json'), ...process.argv.slice(2)], {
  io: { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) },
  env: process.env,
  rendererDir: join(root, 'dist', 'renderer'),
  modelsDir: join(root, 'native-models'),
});
