/**
 * Issue 13.7, the app shell: the desktop app opened with folders/files imports them on the worklist
 * instead of opening the demo study first; a second launch while a study is open returns to the worklist,
 * where the import's progress and result show.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../electron/shared/api/contract';
import type { ApiTransport } from '../../../renderer/src/api/api-transport';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import App from '../../../renderer/src/App.vue';

function desktop(calls: string[], firstLaunch: string[]) {
  let pending = firstLaunch;
  let told: (() => void) | null = null;
  const t: ApiTransport = {
    kind: 'ipc',
    async invoke(channel: ChannelName, payload: unknown) {
      calls.push(channel === 'studies.import' ? `import:${(payload as { paths: string[] }).paths.join(',')}` : channel);
      if (channel === 'app.getInfo') return { ok: true, value: { startupStudyInstanceUid: '1.2.840.99' } };
      if (channel === 'app.ping') return { ok: true, value: { nonce: (payload as { nonce: string }).nonce } };
      if (channel === 'studies.list') return { ok: true, value: { rows: [], total: 0 } };
      if (channel === 'studies.import') return { ok: true, value: { added: { studies: 1, series: 1, instances: 5 }, studies: [{ studyInstanceUid: '1.2.3' }], rejected: [] } };
      return { ok: false, error: { code: 'NOT_FOUND', message: channel } };
    },
    subscribe: () => () => undefined,
    importPathsForFiles: async () => [],
    chooseImportPaths: async () => ({ paths: [], omitted: 0 }),
    launchPaths: {
      take: async () => {
        const taken = pending;
        pending = [];
        return taken;
      },
      onPending: (listener) => ((told = listener), () => (told = null)),
    },
  };
  return { t, secondLaunch: (paths: string[]) => ((pending = [...pending, ...paths]), told?.()) };
}

describe('app shell: launch paths', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('opened with a folder: imports it on the worklist, the demo study is not opened', async () => {
    const calls: string[] = [];
    installTransportForTests(desktop(calls, ['/data/CT']).t);
    const wrapper = mount(App);
    await flushPromises();
    expect(calls).toContain('import:/data/CT');
    expect(calls).not.toContain('studies.get');
    expect(wrapper.find('[data-testid="worklist"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain('Imported 5 new images in 1 studies');
    wrapper.unmount();
  });

  it('opened without paths: the demo study opens; a second launch with a folder brings the worklist back and imports it', async () => {
    const calls: string[] = [];
    const app = desktop(calls, []);
    installTransportForTests(app.t);
    const wrapper = mount(App);
    await flushPromises();
    expect(calls).toContain('studies.get');
    expect(wrapper.find('[data-testid="worklist"]').exists()).toBe(false);
    app.secondLaunch(['/data/MR']);
    await flushPromises();
    expect(calls).toContain('import:/data/MR');
    expect(wrapper.find('[data-testid="worklist"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain('Imported 5 new images');
    wrapper.unmount();
  });
});
