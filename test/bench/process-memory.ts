// Resident memory of process trees, sampled from /proc (Linux): what a benchmark needs to report
// the peak memory of the host and the browser's processes while something happens.
import { readdirSync, readFileSync } from 'node:fs';

export type ProcessRole = 'host' | 'renderer' | 'gpu' | 'browser-other';

/** Resident bytes, and of them the shared memory (RssShmem: e.g. buffers shared with Chromium's compositor). */
function residentBytes(pid: number): { rss: number; shmem: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kB('VmRSS'), shmem: kB('RssShmem') };
  } catch {
    return { rss: 0, shmem: 0 }; // the process has exited
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** `root` and all its descendants. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) if (/^\d+$/.test(name)) parents.set(Number(name), parentOf(Number(name)));
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parents) if (ppid === out[i]) out.push(pid);
  return out;
}

function roleOfBrowserProcess(pid: number): ProcessRole {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmd.includes('--type=renderer')) return 'renderer';
    if (cmd.includes('--type=gpu-process')) return 'gpu';
  } catch {
    /* exited */
  }
  return 'browser-other';
}

/**
 * The pids to sample, by role: the host's tree, and in `browserPid`'s tree (less the host's) the
 * browser's renderer / GPU processes (anything else, e.g. the benchmark itself: 'browser-other').
 */
export function processRoles(hostPid: number, browserPid: number): Map<number, ProcessRole> {
  const roles = new Map<number, ProcessRole>();
  for (const pid of processTree(hostPid)) roles.set(pid, 'host');
  for (const pid of processTree(browserPid)) if (!roles.has(pid)) roles.set(pid, roleOfBrowserProcess(pid));
  return roles;
}

function sample(roles: Map<number, ProcessRole>): Record<ProcessRole | 'rendererShmem', number> {
  const out: Record<ProcessRole | 'rendererShmem', number> = { host: 0, renderer: 0, gpu: 0, 'browser-other': 0, rendererShmem: 0 };
  for (const [pid, role] of roles) {
    const { rss, shmem } = residentBytes(pid);
    out[role] += rss;
    if (role === 'renderer') out.rendererShmem += shmem;
  }
  return out;
}

/**
 * Samples every `intervalMs` until stopped; `stop()` gives the peaks, over the samples, of
 * host + renderer and of each role alone, each above the first sample (the baseline). The
 * processes are listed once, at the start.
 */
export interface MemoryPeaks {
  /** Peak of host + renderer together (the figure the target is about). */
  hostRenderer: number;
  host: number;
  renderer: number;
  /** Of the renderer's, the shared memory (without a GPU: the compositor's tiles and canvas bitmaps). */
  rendererShmem: number;
  gpu: number;
}

export function startMemorySampler(hostPid: number, browserPid: number, intervalMs = 20): { stop(): MemoryPeaks } {
  const roles = processRoles(hostPid, browserPid);
  const base = sample(roles);
  const peak: MemoryPeaks = { hostRenderer: 0, host: 0, renderer: 0, rendererShmem: 0, gpu: 0 };
  const tick = () => {
    const s = sample(roles);
    peak.hostRenderer = Math.max(peak.hostRenderer, s.host + s.renderer - base.host - base.renderer);
    peak.host = Math.max(peak.host, s.host - base.host);
    peak.renderer = Math.max(peak.renderer, s.renderer - base.renderer);
    peak.rendererShmem = Math.max(peak.rendererShmem, s.rendererShmem - base.rendererShmem);
    peak.gpu = Math.max(peak.gpu, s.gpu - base.gpu);
  };
  const timer = setInterval(tick, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      tick();
      return { ...peak };
    },
  };
}
