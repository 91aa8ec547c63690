import type { SettingsStore } from '../../settings/settings-store';
import type { ApiHandlers } from '../dispatch';

export function createSettingsHandlers(settings: SettingsStore): Pick<ApiHandlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': async () => settings.get(),
    'settings.update': async (change) => settings.update(change.reader === undefined ? {} : { reader: change.reader }),
  };
}
