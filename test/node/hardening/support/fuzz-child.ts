/**
 * Child process of the R1 fuzz suite: mutates seed files deterministically and runs each case
 * through the real readers (DICOM: parse, then decode every frame as modality values or RGB;
 * NIfTI: parseNiftiVolume). One JSON line per case on stdout, written before and after it runs,
 * so the parent sees which case hangs or kills the process.
 *
 *   node --import tsx fuzz-child.ts <dicom|nifti> <seed> <from> <to> <seed files...>
 */
import { readFileSync, writeSync } from 'node:fs';
import { isRadGroundError } from '../../../../electron/core/errors/radground-error';
import { parseDicomFileBytes, pixelKindOf, readModalityFrames, readRgbFrames } from '../../../../electron/core/dicom';
import { parseNiftiVolume } from '../../../../electron/core/volume-assembly/nifti';
import { DICOM_MUTATORS, mulberry32, niftiMutation, warmDeflateBombs } from './mutations';

const [format, seedArg, fromArg, toArg, ...files] = process.argv.slice(2);
const seeds = files.map((f) => new Uint8Array(readFileSync(f)));
const mutatorNames = Object.keys(DICOM_MUTATORS);
const say = (o: Record<string, unknown>) => writeSync(1, JSON.stringify(o) + '\n');

async function readDicom(bytes: Uint8Array): Promise<void> {
  const instance = parseDicomFileBytes(bytes, 'fuzz.dcm');
  if (pixelKindOf(instance) === 'rgb') await readRgbFrames(instance, bytes);
  else await readModalityFrames(instance, bytes);
}

async function main(): Promise<void> {
  if (format === 'dicom') warmDeflateBombs(); // before the first case: the watchdog times cases, not the test's own set-up
  for (let i = Number(fromArg); i < Number(toArg); i++) {
    const rng = mulberry32(Number(seedArg) * 1_000_003 + i);
    // The first seed (native, fast to decode) takes most cases; the compressed seeds the rest.
    const seedIndex = seeds.length === 1 || rng() < 0.7 ? 0 : 1 + Math.floor(rng() * (seeds.length - 1));
    let kind: string;
    let bytes: Uint8Array;
    if (format === 'dicom') {
      kind = mutatorNames[Math.floor(rng() * mutatorNames.length)]!;
      bytes = DICOM_MUTATORS[kind]!(seeds[seedIndex]!, rng);
    } else {
      ({ kind, bytes } = niftiMutation(seeds[seedIndex]!, rng));
    }
    say({ i, start: true, kind, seed: seedIndex });
    const t0 = performance.now();
    let outcome: string;
    try {
      if (format === 'dicom') await readDicom(bytes);
      else parseNiftiVolume(bytes);
      outcome = 'accepted';
    } catch (e) {
      outcome = isRadGroundError(e) ? `typed:${e.code}` : `untyped:${(e as Error)?.name}: ${String((e as Error)?.message).slice(0, 200)}`;
    }
    say({ i, kind, seed: seedIndex, outcome, ms: Math.round(performance.now() - t0) });
  }
  say({ done: true, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) });
}

void main();
