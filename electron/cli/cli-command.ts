import type { ParseArgsConfig } from 'node:util';
import type { Logger } from '../core/logging/logger';

export interface CliIo {
  /** Machine-readable output (exactly one JSON document with --json). */
  stdout(text: string): void;
  /** Human messages and logs. */
  stderr(text: string): void;
}

export interface CliContext {
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  dataDir: string;
  io: CliIo;
  logger: Logger;
  /** The built renderer, for commands that serve it. */
  rendererDir: string;
  /** The app's bundled model packs (native-models/). */
  modelsDir: string | null;
}

/** One CLI command: a small module with its own options; registered in commands/index.ts. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the process exit code. Long-running commands resolve when they stop. */
  run(context: CliContext): Promise<number>;
}

export class CliUsageError extends Error {}
