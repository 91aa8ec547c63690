import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Reader } from '../../../../electron/shared/api/channels/settings-channels';
import { useApi } from '../../api/api-client';

/** The reader identity kept in the data folder's settings: edits and signatures are attributed to it. */
export const useReaderStore = defineStore('reader', () => {
  const reader = ref<Reader | null>(null);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  /** As the audit log names the reader: "Name (ID)". */
  const label = computed(() => (reader.value ? (reader.value.id ? `${reader.value.name} (${reader.value.id})` : reader.value.name) : null));

  async function load(): Promise<void> {
    try {
      reader.value = (await useApi().api['settings.get']({})).reader;
      loaded.value = true;
      error.value = null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  async function save(name: string, id: string): Promise<void> {
    try {
      const next = name.trim() ? { name: name.trim(), id: id.trim() || null } : null;
      reader.value = (await useApi().api['settings.update']({ reader: next })).reader;
      error.value = null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  return { reader, loaded, error, label, load, save };
});
