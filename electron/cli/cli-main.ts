// Bundled to dist/cli/radground.cjs; the renderer is built to dist/renderer beside it.
import { join } from 'node:path';
import { runCli } from './run-cli';

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

runCli(process.argv.slice(2), {
  io,
  env: process.env,
  rendererDir: join(__dirname, '..', 'renderer'),
  modelsDir: join(__dirname, '..', '..', 'native-models'),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`radground: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
