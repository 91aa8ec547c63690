import type { CliCommand } from '../cli-command';
import { serveCommand } from './serve-command';
import { versionCommand } from './version-command';

/** Every CLI command, in the order `--help` lists them. */
export const cliCommands: readonly CliCommand[] = [versionCommand, serveCommand];
