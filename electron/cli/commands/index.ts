import type { CliCommand } from '../cli-command';
import { analyzeCommand } from './analyze-command';
import { compareCommand } from './compare-command';
import { demoCommand } from './demo-command';
import { evalCommand } from './eval-command';
import { importCommand } from './import-command';
import { modelsCommand } from './models-command';
import { pacsCommand } from './pacs-command';
import { draftCommand, exportCommand, groundCommand, reportCommand, signCommand } from './report-commands';
import { seriesCommand } from './series-command';
import { serveCommand } from './serve-command';
import { studiesCommand } from './studies-command';
import { verifyCommand } from './verify-command';
import { versionCommand } from './version-command';

/** Every CLI command, in the order `--help` lists them. */
export const cliCommands: readonly CliCommand[] = [versionCommand, serveCommand, demoCommand, importCommand, studiesCommand, seriesCommand, modelsCommand, analyzeCommand, draftCommand, compareCommand, groundCommand, reportCommand, signCommand, verifyCommand, exportCommand, evalCommand, pacsCommand];
