import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** DCMTK (Debian package `dcmtk`, installed by .ci/run) is the reference encoder/decoder for conformance tests. */
export const hasDcmtk = spawnSync('dcmdump', ['--version'], { stdio: 'ignore' }).status === 0;

/** In CI a missing DCMTK is a failure, never a skip: the conformance checks would silently vanish. */
export const requireDcmtk = process.env.CI === 'true';

export const NO_DCMTK_REASON = 'DCMTK (dcmdump, dcmconv, dcmcjpeg, dcmdjpeg) is not installed';

/** Throws when DCMTK is missing; call from beforeAll of suites that run because CI requires them. */
export function assertDcmtk(): void {
  if (!hasDcmtk) throw new Error(`${NO_DCMTK_REASON}; CI=true requires it (apt-get install dcmtk)`);
}

/** Runs one DCMTK tool; throws with its stderr when it fails. */
export function dcmtk(tool: string, args: string[]): void {
  execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * The Pixel Data value of an uncompressed file exactly as DCMTK reads it (`dcmdump +W`), in the
 * machine's byte order: the reference stored values.
 */
export function dcmtkPixelBytes(file: string, workDir: string): Uint8Array {
  const dir = join(workDir, `${basename(file)}.raw`);
  mkdirSync(dir, { recursive: true });
  const dump = execFileSync('dcmdump', ['+L', '+W', dir, file], { encoding: 'utf8' });
  const line = dump.split('\n').find((l) => l.startsWith('(7fe0,0010)'));
  const match = line?.match(/=(\S+\.raw)/);
  if (!match) throw new Error(`dcmdump wrote no Pixel Data for ${file}`);
  const written = readdirSync(dir).find((n) => match[1]!.endsWith(n));
  if (!written) throw new Error(`dcmdump's Pixel Data file is missing for ${file}`);
  return new Uint8Array(readFileSync(join(dir, written)));
}
