// `npm run native:electron [-- --force]`: builds better-sqlite3 for Electron's ABI (see ensure.mjs).
// Where that cannot be done here (no Electron headers reachable, no compiler), it says why and
// exits 0: the CLI, the browser host and the tests do not need this build.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './ensure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const result = await ensureElectronNative({ root, force: process.argv.includes('--force') });
if (result.status === 'current') process.stderr.write(`RadGround: the Electron build of better-sqlite3 is up to date (${result.path}).\n`);
if (result.status === 'skipped') process.stderr.write(`RadGround: skipped the Electron build of better-sqlite3: ${result.reason}.\n`);
