import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveDataDir } from '../core/config/data-dir';
import { toErrorInfo } from '../core/errors/radground-error';
import { createLogger } from '../core/logging/logger';
import { CliUsageError, type CliCommand, type CliContext, type CliIo } from './cli-command';
import { cliCommands } from './commands/index';

const GLOBAL_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export interface RunCliOptions {
  io: CliIo;
  env: NodeJS.ProcessEnv;
  rendererDir: string;
  modelsDir?: string | null;
}

/** Parses argv, runs one command and returns the exit code; never throws. */
export async function runCli(argv: string[], { io, env, rendererDir, modelsDir = null }: RunCliOptions): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return 0;
  }
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`radground: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  let json = rest.includes('--json');
  try {
    const parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    json = parsed.values.json === true;
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    const logger = createLogger({ write: (line) => io.stderr(line + '\n') }).child({ command: command.name });
    return await command.run({
      positionals: parsed.positionals,
      options: parsed.values as CliContext['options'],
      json,
      dataDir: resolveDataDir(parsed.values['data-dir'] as string | undefined, env),
      io,
      logger,
      rendererDir,
      modelsDir,
    });
  } catch (e) {
    const usage = e instanceof CliUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const error = usage ? { code: 'BAD_REQUEST', message: (e as Error).message } : toErrorInfo(e);
    if (json) io.stdout(JSON.stringify({ error }) + '\n');
    io.stderr(`radground ${command.name}: ${error.message}\n${usage ? `usage: ${command.usage}\n` : ''}`);
    return usage ? 2 : 1;
  }
}

function helpText(): string {
  const width = Math.max(...cliCommands.map((c) => c.name.length));
  const lines = cliCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'RadGround — grounded radiology reports',
    '',
    'usage: radground <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'global options:',
    '  --json           print exactly one JSON document on stdout (logs go to stderr)',
    '  --data-dir D     where the database and caches live (or RADGROUND_DATA_DIR)',
    '  -h, --help       help for a command',
    '',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  return `${command.summary}\n\nusage: ${command.usage}\n`;
}
