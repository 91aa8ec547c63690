import type { ElectronNativeStamp } from './stamp.mjs';

export interface EnsureElectronNativeResult {
  status: 'current' | 'built' | 'skipped';
  path?: string;
  reason?: string;
}
export declare function ensureElectronNative(options: {
  root: string;
  outDir?: string;
  force?: boolean;
  headersUrl?: string;
  electronGypDir?: string;
  log?: (line: string) => void;
}): Promise<EnsureElectronNativeResult>;
export declare function currentStamp(root: string): Promise<ElectronNativeStamp | null>;
