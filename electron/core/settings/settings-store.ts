/**
 * Settings kept in the data folder as settings.json (written atomically: a temporary file renamed
 * over it). A missing file means the defaults; an unreadable one is CORRUPT_INPUT, never silently
 * replaced.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsSchema, type Reader, type Settings } from '../../shared/api/channels/settings-channels';
import { RadGroundError } from '../errors/radground-error';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStore {
  get(): Settings;
  update(change: Partial<Settings>): Settings;
}

/** What the audit log calls the reader: "Name (ID)". */
export function readerLabel(reader: Reader): string {
  return reader.id ? `${reader.name} (${reader.id})` : reader.name;
}

export function createSettingsStore(dataDir: string): SettingsStore {
  const file = join(dataDir, SETTINGS_FILE);
  const read = (): Settings => {
    if (!existsSync(file)) return settingsSchema.parse({});
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new RadGroundError('CORRUPT_INPUT', `cannot read ${file}: ${(e as Error).message}`);
    }
    const parsed = settingsSchema.safeParse(raw);
    if (!parsed.success) throw new RadGroundError('CORRUPT_INPUT', `${file}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  };
  return {
    get: read,
    update(change) {
      const next = settingsSchema.parse({ ...read(), ...change });
      mkdirSync(dataDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n');
      renameSync(tmp, file);
      return next;
    },
  };
}
