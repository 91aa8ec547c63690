import { phiToken, scrubKnownPhi } from './phi-registry';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/**
 * Field names that may carry protected health information. Their values are never written in
 * plain text: they become an HMAC-SHA256 token under the install's secret (phi-registry.ts), so two
 * log lines about one patient still match but a token cannot be reversed by guessing. Besides,
 * every string anywhere in a record has the PHI values known to this process (names, IDs, birth
 * dates of the studies being processed) replaced, in messages, paths and error strings alike.
 */
const PHI_FIELD = /^(patient(?!s$).*|.*name|birth.*|accession.*|otherPatientIds?)$/i;

export function redactPhi(value: unknown, key = ''): unknown {
  if (key && PHI_FIELD.test(key) && value !== null && value !== undefined && typeof value !== 'object') {
    return phiToken(String(value));
  }
  if (typeof value === 'string') return scrubKnownPhi(value);
  if (Array.isArray(value)) return value.map((v) => redactPhi(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactPhi(v, k);
    return out;
  }
  return value;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where JSON lines go; defaults to stderr so stdout stays free for CLI output. */
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const minimum = LEVEL_RANK[options.level ?? levelFromEnv()];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (LEVEL_RANK[level] < minimum) return;
    const record = redactPhi({ time: new Date().toISOString(), level, msg, ...bound, ...fields });
    write(JSON.stringify(record));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

function levelFromEnv(): LogLevel {
  const env = process.env.RADGROUND_LOG_LEVEL;
  return env === 'debug' || env === 'info' || env === 'warn' || env === 'error' ? env : 'info';
}
