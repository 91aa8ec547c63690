import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../../electron/shared/api/channels/app-channels';
import { useApi } from '../api/api-client';

/** Whether the core answers, through which transport, and how fast. */
export const useConnectionStore = defineStore('connection', () => {
  const info = ref<AppInfo | null>(null);
  const roundTripMs = ref<number | null>(null);
  const error = ref<string | null>(null);

  async function connect(): Promise<void> {
    const { api } = useApi();
    try {
      info.value = await api['app.getInfo']({});
      const nonce = Math.random().toString(36).slice(2);
      const started = performance.now();
      const pong = await api['app.ping']({ nonce });
      if (pong.nonce !== nonce) throw new Error('the core echoed a different nonce');
      roundTripMs.value = performance.now() - started;
      error.value = null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  return { info, roundTripMs, error, connect };
});
