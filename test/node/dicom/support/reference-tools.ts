/**
 * The reference encoders/decoders of the pixel-encoding tests: DCMTK, GDCM (libgdcm-tools), OpenJPEG
 * (libopenjp2-tools) and OpenJPH (openjph-tools), all installed by .ci/run. With CI=true a missing tool fails
 * the suite; elsewhere the suite is skipped with the reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TOOLS = { dcmtk: 'dcmdump', gdcm: 'gdcmconv', openjpeg: 'opj_compress', openjph: 'ojph_compress' } as const;

function present(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export const missingReferenceTools = Object.entries(TOOLS)
  .filter(([, command]) => !present(command))
  .map(([name]) => name);

export const NO_REFERENCE_TOOLS_REASON = `reference tools missing: ${missingReferenceTools.join(', ')} (apt-get install dcmtk libgdcm-tools libopenjp2-tools openjph-tools)`;

/** Throws when a tool is missing; call from beforeAll of suites that run because CI requires them. */
export function assertReferenceTools(): void {
  if (missingReferenceTools.length) throw new Error(`${NO_REFERENCE_TOOLS_REASON}; CI=true requires them`);
}

/** Runs a reference tool; throws with its stderr when it fails. */
export function run(tool: string, args: string[]): void {
  execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A binary PGM/PPM (P5/P6, 8 or 16 bits) as its header and samples (big endian 16-bit as the format says). */
export function readPnm(file: string): { width: number; height: number; channels: number; max: number; samples: Uint8Array | Uint16Array } {
  const bytes = readFileSync(file);
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (at < bytes.length && /\s/.test(String.fromCharCode(bytes[at]!))) at++;
    if (bytes[at] === 0x23) {
      while (at < bytes.length && bytes[at] !== 0x0a) at++;
      continue;
    }
    let token = '';
    while (at < bytes.length && !/\s/.test(String.fromCharCode(bytes[at]!))) token += String.fromCharCode(bytes[at++]!);
    fields.push(token);
  }
  at++; // the single whitespace after maxval
  const [magic, w, h, m] = fields;
  const channels = magic === 'P6' ? 3 : magic === 'P5' ? 1 : 0;
  if (!channels) throw new Error(`${file}: not a binary PGM/PPM (${magic})`);
  const width = Number(w);
  const height = Number(h);
  const max = Number(m);
  const count = width * height * channels;
  if (max < 256) return { width, height, channels, max, samples: new Uint8Array(bytes.subarray(at, at + count)) };
  const samples = new Uint16Array(count);
  for (let i = 0; i < count; i++) samples[i] = bytes.readUInt16BE(at + 2 * i);
  return { width, height, channels, max, samples };
}

/** Writes a binary PGM/PPM of 8- or 16-bit samples. */
export function pnmBytes(width: number, height: number, channels: 1 | 3, max: number, samples: ArrayLike<number>): Buffer {
  const header = Buffer.from(`${channels === 3 ? 'P6' : 'P5'}\n${width} ${height}\n${max}\n`, 'latin1');
  const wide = max > 255;
  const body = Buffer.alloc(samples.length * (wide ? 2 : 1));
  for (let i = 0; i < samples.length; i++) {
    if (wide) body.writeUInt16BE(samples[i]!, 2 * i);
    else body[i] = samples[i]!;
  }
  return Buffer.concat([header, body]);
}

/** Indices of the samples where `actual` differs from `expected` by more than `tolerance`. */
export function differences(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 0): number[] {
  if (actual.length !== expected.length) throw new Error(`${actual.length} samples, expected ${expected.length}`);
  const bad: number[] = [];
  for (let i = 0; i < actual.length; i++) if (Math.abs(actual[i]! - expected[i]!) > tolerance) bad.push(i);
  return bad;
}
