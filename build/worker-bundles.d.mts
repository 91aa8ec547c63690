import type { build, BuildOptions } from 'esbuild';

export declare function nodeBundleOptions(root: string): BuildOptions;
export declare const CORE_UTILITY_ENTRY: string;
export declare const WORKER_BUNDLES: { name: string; entry: string }[];
export declare function buildWorkerBundles(esbuild: typeof build, options: BuildOptions, outDir: string): Promise<void>;
