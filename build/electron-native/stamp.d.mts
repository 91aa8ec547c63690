export declare const ELECTRON_NATIVE_DIR: string;
export declare const BINDING_FILE: string;
export declare const STAMP_FILE: string;
export interface ElectronNativeStamp {
  module: 'better-sqlite3';
  moduleVersion: string;
  electron: string;
  abi: string | null;
  platform: string;
  arch: string;
}
export declare function expectedStamp(input: {
  electronVersion: string;
  abi: string | null;
  platform: string;
  arch: string;
  moduleVersion: string;
}): ElectronNativeStamp;
export declare function stampIsCurrent(actual: unknown, expected: ElectronNativeStamp): boolean;
export declare function readStamp(dir: string): unknown;
export declare function writeStamp(dir: string, stamp: ElectronNativeStamp): void;
