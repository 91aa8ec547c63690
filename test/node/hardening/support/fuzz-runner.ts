/**
 * Parent side of the R1 fuzz suite: runs fuzz-child.ts over cases [0, count), restarting it after
 * the case it died on (a crash) or stalled on for longer than `hangMs` (a hang, killed with
 * SIGKILL), so one bad case is recorded instead of suffered.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { projectRoot } from '../../../support/shared-data';

const CHILD = join(projectRoot, 'test/node/hardening/support/fuzz-child.ts');

export interface CaseResult {
  i: number;
  kind: string;
  seed: number;
  outcome: string;
  ms: number;
}

export interface FuzzReport {
  cases: CaseResult[];
  crashes: { i: number; kind: string; why: string }[];
  hangs: { i: number; kind: string }[];
  maxRssMiB: number;
}

/** `RADGROUND_SOAK_SCALE` (npm run soak: 10) multiplies the suites' counts. */
export function soakScale(): number {
  const n = Number(process.env.RADGROUND_SOAK_SCALE ?? '1');
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

function runChild(format: string, seed: number, from: number, to: number, files: string[], hangMs: number, memoryBudget: number, report: FuzzReport): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, format, String(seed), String(from), String(to), ...files], {
      cwd: projectRoot,
      env: { ...process.env, RADGROUND_MEMORY_BUDGET_BYTES: String(memoryBudget) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
    let current: { i: number; kind: string } | null = null;
    let next = from;
    let hung = false;
    let timer = setTimeout(onHang, hangMs * 3); // start-up (tsx) gets longer
    function onHang() {
      hung = true;
      child.kill('SIGKILL');
    }
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      clearTimeout(timer);
      timer = setTimeout(onHang, hangMs);
      const o = JSON.parse(line) as Record<string, unknown>;
      if (o.done) {
        report.maxRssMiB = Math.max(report.maxRssMiB, o.maxRssMiB as number);
        next = to;
      } else if (o.start) {
        current = { i: o.i as number, kind: o.kind as string };
      } else {
        report.cases.push(o as unknown as CaseResult);
        current = null;
        next = (o.i as number) + 1;
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (next >= to && code === 0) return resolve(to);
      const at = current ?? { i: next, kind: 'start-up' };
      if (hung) report.hangs.push(at);
      else report.crashes.push({ ...at, why: `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
      resolve(at.i + 1);
    });
  });
}

export async function runFuzz(format: 'dicom' | 'nifti', seed: number, count: number, files: string[], opts: { hangMs?: number; memoryBudget?: number } = {}): Promise<FuzzReport> {
  const report: FuzzReport = { cases: [], crashes: [], hangs: [], maxRssMiB: 0 };
  let from = 0;
  while (from < count) from = await runChild(format, seed, from, count, files, opts.hangMs ?? 10_000, opts.memoryBudget ?? 512 * 1024 * 1024, report);
  return report;
}
