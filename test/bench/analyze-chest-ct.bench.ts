/**
 * chest-ct analysis speed on A0001 (512 x 512 x 64) and on the same volume doubled along k
 * (the 64 slices twice, nothing else adjusted): medians of a few runs, per stage, and the ratio
 * (the cost should grow about linearly). Target: A0001 in < 5 s on 2 CPU cores.
 *
 *   npx tsx test/bench/analyze-chest-ct.bench.ts [runs]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChestCtTimings } from '../../electron/core/analysis/chest-ct';
import type { Volume } from '../../electron/core/volume-assembly/volume';
import { median } from '../../electron/shared/math/median';
import { NO_SHARED_DATA_REASON, requireSharedData } from '../support/shared-data';
import { loadDicomSeries, runChestCt } from '../node/analysis/support/chest-ct';

const hasData = requireSharedData();

function doubledAlongK(v: Volume): Volume {
  const plane = v.dims[0] * v.dims[1];
  const n = plane * v.dims[2];
  const scalars = new (v.scalars.constructor as Int16ArrayConstructor)(2 * n);
  scalars.set(v.scalars, 0);
  scalars.set(v.scalars, n);
  return { ...v, scalars, dims: [v.dims[0], v.dims[1], 2 * v.dims[2]], sopInstanceUids: [...v.sopInstanceUids, ...v.sopInstanceUids] };
}


async function measure(label: string, volume: Volume, runs: number): Promise<ChestCtTimings> {
  if (!(runs >= 1)) throw new RangeError(`runs must be at least 1, not ${runs}`);
  await runChestCt(volume); // warm-up (session creation, JIT)
  const all: ChestCtTimings[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const res = await runChestCt(volume);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    all.push(res.timings);
  }
  const keys = Object.keys(all[0]!) as (keyof ChestCtTimings)[];
  const med = Object.fromEntries(keys.map((k) => [k, median(all.map((t) => t[k]))])) as unknown as ChestCtTimings;
  process.stdout.write(
    `${label.padEnd(34)} median ${String(med.totalMs).padStart(6)} ms wall, ${median(cpu).toFixed(0).padStart(6)} ms CPU (all threads) over ${runs} runs\n` +
      `  ${keys.filter((k) => k !== 'totalMs').map((k) => `${k.replace(/Ms$/, '')} ${med[k]}`).join(', ')}\n`,
  );
  return med;
}

export async function runChestCtBench(runs = 3): Promise<void> {
  if (!hasData) {
    process.stdout.write(`skipped: ${NO_SHARED_DATA_REASON}\n`);
    return;
  }
  const a0001 = await loadDicomSeries('ct/chest_lung_pet_ct_dx_A0001');
  const single = await measure('A0001 512x512x64', a0001, runs);
  const double = await measure('A0001 doubled along k (512x512x128)', doubledAlongK(a0001), runs);
  process.stdout.write(`ratio doubled / single: ${(double.totalMs / single.totalMs).toFixed(2)} (2.0 = linear); target A0001 < 5000 ms: ${single.totalMs < 5000 ? 'met' : 'NOT met'}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runChestCtBench(Number(process.argv[2] ?? 3));
}
