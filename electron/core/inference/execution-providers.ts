import type { ExecutionProviderName } from './worker/protocol';

export type { ExecutionProviderName };

/** Preferred order, best first; each is kept only on the platforms onnxruntime-node ships it for. */
const ORDER: { name: ExecutionProviderName; platforms: NodeJS.Platform[] }[] = [
  { name: 'cuda', platforms: ['linux', 'win32'] },
  { name: 'dml', platforms: ['win32'] },
  { name: 'coreml', platforms: ['darwin'] },
  { name: 'cpu', platforms: ['linux', 'win32', 'darwin', 'freebsd', 'openbsd', 'sunos', 'aix', 'android'] },
];

/**
 * CUDA -> DirectML -> CoreML -> CPU, filtered by platform: ['cuda', 'cpu'] on Linux,
 * ['cuda', 'dml', 'cpu'] on Windows, ['coreml', 'cpu'] on macOS. The worker tries them in order and
 * falls back when a provider cannot create the session (e.g. CUDA libraries not installed).
 */
export function defaultExecutionProviders(platform: NodeJS.Platform = process.platform): ExecutionProviderName[] {
  return ORDER.filter((p) => p.platforms.includes(platform)).map((p) => p.name);
}

/**
 * The order to try: `requested` (filtered to this platform, duplicates dropped) or the default,
 * always ending with 'cpu' so a run never fails only because an accelerator is missing.
 */
export function providerOrder(requested: readonly ExecutionProviderName[] | undefined, platform: NodeJS.Platform = process.platform): ExecutionProviderName[] {
  const allowed = defaultExecutionProviders(platform);
  const list = (requested ?? allowed).filter((p, i, all) => allowed.includes(p) && all.indexOf(p) === i);
  if (!list.includes('cpu')) list.push('cpu');
  return list;
}
