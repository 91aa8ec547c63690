/**
 * Import benchmark on the real A0001 chest CT (64 x 512 x 512, implicit VR LE): how long it takes to get
 * the series into one Int16 HU volume, against reading the bytes alone and against a dcmjs loader.
 *
 *   npx tsx test/bench/import-dicom.bench.ts
 */
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseDicomFileBytes,
  readDicomHeader,
  readModalityFramesInto,
} from '../../electron/core/dicom/index';
import { median } from '../../electron/shared/math/median';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../support/shared-data';
import { loadDcmjs, type DcmjsApi } from '../node/dicom/support/dcmjs-module';

const hasData = requireSharedData();

const RUNS = 7;

/** One median per loader, in the loaders' order. */
type Medians<T extends readonly unknown[]> = { -readonly [K in keyof T]: number };

/**
 * Times each loader RUNS times after one warm-up each, interleaving the loaders round by round so that
 * load from other processes affects all of them alike; returns the median per loader.
 */
async function timeMedians<const T extends ReadonlyArray<() => Promise<unknown>>>(loaders: T): Promise<Medians<T>> {
  const timed = loaders.map((load) => ({ load, times: [] as number[] }));
  for (const { load } of timed) await load(); // warm-up: JIT, file cache, lazy modules
  for (let round = 0; round < RUNS; round++) {
    for (const { load, times } of timed) {
      const start = performance.now();
      await load();
      times.push(performance.now() - start);
    }
  }
  return timed.map(({ times }) => median(times)) as Medians<T>;
}

type Vec3 = [number, number, number];
type Orientation = [number, number, number, number, number, number];

function normalOf(o: Orientation): Vec3 {
  return [o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]];
}

/** Order of slices along the normal of the first slice's orientation. */
function sliceOrder(positions: Vec3[], orientation: Orientation): number[] {
  const n = normalOf(orientation);
  return positions
    .map((p, index) => ({ index, d: p[0] * n[0] + p[1] * n[1] + p[2] * n[2] }))
    .sort((a, b) => a.d - b.d)
    .map(({ index }) => index);
}

/** The first element of a list the bench cannot run without. */
function firstOf<T>(items: T[], what: string): T {
  const [first] = items;
  if (first === undefined) throw new Error(`no ${what}`);
  return first;
}

/** (a) Baseline: the bytes of every file in memory, nothing else. */
async function rawRead(files: string[]): Promise<Buffer[]> {
  return Promise.all(files.map((f) => readFile(f)));
}

/** (b) RadGround: header chunks, then pixel data read from disk straight into the volume and rescaled there. */
async function ourLoader(files: string[]): Promise<Int16Array> {
  const instances = await Promise.all(files.map((f) => readDicomHeader(f)));
  const first = firstOf(instances, 'DICOM files');
  const order = sliceOrder(
    instances.map((i) => i.geometry.imagePositionPatient as Vec3),
    first.geometry.imageOrientationPatient as Orientation,
  );
  const { rows, columns } = first;
  const frame = rows * columns;
  const volume = new Int16Array(frame * instances.length);
  await Promise.all(order.map((index, k) => readModalityFramesInto(instances[index]!, volume, k * frame)));
  return volume;
}

/** (b') RadGround from whole files in memory (readFile + parseDicomFileBytes + decode from the bytes). */
async function ourLoaderFromMemory(files: string[]): Promise<Int16Array> {
  const loaded = await Promise.all(
    files.map(async (f) => {
      const bytes = await readFile(f);
      return { bytes, instance: parseDicomFileBytes(bytes, f) };
    }),
  );
  const first = firstOf(loaded, 'DICOM files').instance;
  const order = sliceOrder(
    loaded.map((l) => l.instance.geometry.imagePositionPatient as Vec3),
    first.geometry.imageOrientationPatient as Orientation,
  );
  const frame = first.rows * first.columns;
  const volume = new Int16Array(frame * loaded.length);
  for (const [k, index] of order.entries()) {
    const { instance, bytes } = loaded[index]!;
    await readModalityFramesInto(instance, volume, k * frame, bytes);
  }
  return volume;
}

/** (c) dcmjs: full read + naturalize of every file, then the rescale applied into the same kind of volume. */
async function dcmjsLoader(files: string[], dcmjs: DcmjsApi): Promise<Int16Array> {
  const buffers = await Promise.all(files.map((f) => readFile(f)));
  const datasets = buffers.map((b) => {
    const arrayBuffer = b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
    const dict = dcmjs.data.DicomMessage.readFile(arrayBuffer);
    return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as {
      Rows: number;
      Columns: number;
      PixelRepresentation: number;
      RescaleSlope?: number;
      RescaleIntercept?: number;
      ImagePositionPatient: Vec3;
      ImageOrientationPatient: number[];
      PixelData: ArrayBuffer[];
    };
  });
  const first = firstOf(datasets, 'DICOM files');
  const order = sliceOrder(
    datasets.map((d) => d.ImagePositionPatient.map(Number) as Vec3),
    first.ImageOrientationPatient.map(Number) as Orientation,
  );
  const frame = first.Rows * first.Columns;
  const volume = new Int16Array(frame * datasets.length);
  order.forEach((index, k) => {
    const d = datasets[index]!;
    const slope = Number(d.RescaleSlope ?? 1);
    const intercept = Number(d.RescaleIntercept ?? 0);
    const pixels = firstOf(d.PixelData, 'Pixel Data');
    const stored = d.PixelRepresentation === 1 ? new Int16Array(pixels) : new Uint16Array(pixels);
    const base = k * frame;
    for (let i = 0; i < frame; i++) volume[base + i] = stored[i]! * slope + intercept;
  });
  return volume;
}

function firstDifference(a: Int16Array, b: Int16Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

export async function runImportBench(): Promise<void> {
  if (!hasData) {
    console.log(`import-dicom bench skipped: ${NO_SHARED_DATA_REASON}`);
    return;
  }
  const folder = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');
  const files = (await readdir(folder))
    .filter((name) => name.endsWith('.dcm'))
    .sort()
    .map((name) => join(folder, name));
  const dcmjs = await loadDcmjs();

  // The loaders must agree before their speed means anything.
  const ours = await ourLoader(files);
  const fromMemory = await ourLoaderFromMemory(files);
  const reference = await dcmjsLoader(files, dcmjs);
  const mismatch = Math.max(firstDifference(ours, reference), firstDifference(fromMemory, reference));
  if (mismatch !== -1) throw new Error(`loaders disagree at voxel ${mismatch}`);

  const [raw, ourMs, ourMemoryMs, dcmjsMs] = await timeMedians([
    () => rawRead(files),
    () => ourLoader(files),
    () => ourLoaderFromMemory(files),
    () => dcmjsLoader(files, dcmjs),
  ]);

  const megabytes = (ours.length * 2) / 1e6;
  console.log(`A0001 chest CT: ${files.length} files -> Int16 HU volume of ${megabytes.toFixed(1)} MB; median of ${RUNS} runs`);
  console.log(`  (${availableParallelism()} CPUs, 1-min load average ${loadavg()[0]!.toFixed(1)}: other load skews the ratios)`);
  console.log(`  (a) raw fs.readFile of all files        ${raw.toFixed(1).padStart(8)} ms`);
  console.log(`  (b) RadGround loader                    ${ourMs.toFixed(1).padStart(8)} ms`);
  console.log(`  (b') RadGround, whole files in memory   ${ourMemoryMs.toFixed(1).padStart(8)} ms`);
  console.log(`  (c) dcmjs readFile + naturalize         ${dcmjsMs.toFixed(1).padStart(8)} ms`);
  console.log(`  dcmjs / ours = ${(dcmjsMs / ourMs).toFixed(2)}x (target >= 3)`);
  console.log(`  ours / raw   = ${(ourMs / raw).toFixed(2)}x (target <= 2)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runImportBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
