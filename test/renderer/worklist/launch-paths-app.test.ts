/**
 * Issue 13.7, the app shell: the desktop app opened with folders/files imports them on the worklist
 * instead of opening the demo study first; a second launch while a study is open returns to the worklist,
 * where the import's progress and result show. When the import is one study with no failed file (a
 * DICOM file double-clicked), that study opens.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../electron/shared/api/contract';
import type { ApiTransport } from '../../../renderer/src/api/api-transport';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import App from '../../../renderer/src/App.vue';

type Imported = { studies: { studyInstanceUid: string }[]; rejected: { path: string; code: string; reason: string }[] };
const TWO_STUDIES: Imported = { studies: [{ studyInstanceUid: '1.2.3' }, { studyInstanceUid: '1.2.4' }], rejected: [] };

function desktop(calls: string[], firstLaunch: string[], imported: Imported = TWO_STUDIES) {
  let pending = firstLaunch;
  let told: (() => void) | null = null;
  const t: ApiTransport = {
    kind: 'ipc',
    async invoke(channel: ChannelName, payload: unknown) {
      if (channel === 'studies.import') calls.push(`import:${(payload as { paths: string[] }).paths.join(',')}`);
      else if (channel === 'studies.get') calls.push(`open:${(payload as { studyInstanceUid: string }).studyInstanceUid}`);
      else calls.push(channel);
      if (channel === 'app.getInfo') return { ok: true, value: { startupStudyInstanceUid: '1.2.840.99' } };
      if (channel === 'app.ping') return { ok: true, value: { nonce: (payload as { nonce: string }).nonce } };
      if (channel === 'studies.list') return { ok: true, value: { rows: [], total: 0 } };
      if (channel === 'studies.import') return { ok: true, value: { added: { studies: 1, series: 1, instances: 5 }, ...imported } };
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
    expect(calls.filter((c) => c.startsWith('open:'))).toEqual([]);
    expect(wrapper.find('[data-testid="worklist"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain('Imported 5 new images in 2 studies');
    wrapper.unmount();
  });

  it('opened without paths: the demo study opens; a second launch with a folder brings the worklist back and imports it', async () => {
    const calls: string[] = [];
    const app = desktop(calls, []);
    installTransportForTests(app.t);
    const wrapper = mount(App);
    await flushPromises();
    expect(calls).toContain('open:1.2.840.99');
    expect(wrapper.find('[data-testid="worklist"]').exists()).toBe(false);
    app.secondLaunch(['/data/MR']);
    await flushPromises();
    expect(calls).toContain('import:/data/MR');
    expect(wrapper.find('[data-testid="worklist"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain('Imported 5 new images');
    wrapper.unmount();
  });

  it('opened with one study that imports cleanly: that study opens, not the demo', async () => {
    const calls: string[] = [];
    installTransportForTests(desktop(calls, ['/data/CT/1.dcm'], { studies: [{ studyInstanceUid: '1.2.3' }], rejected: [{ path: '/data/CT/1.dcm', code: 'ALREADY_IMPORTED', reason: 'already imported' }] }).t);
    const wrapper = mount(App);
    await flushPromises();
    expect(calls.filter((c) => c.startsWith('open:'))).toEqual(['open:1.2.3']);
    expect(wrapper.find('[data-testid="worklist"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('one study with a failed file stays on the worklist, where the failure shows', async () => {
    const calls: string[] = [];
    installTransportForTests(desktop(calls, ['/data/CT'], { studies: [{ studyInstanceUid: '1.2.3' }], rejected: [{ path: '/data/CT/x.dcm', code: 'NOT_DICOM', reason: 'not DICOM' }] }).t);
    const wrapper = mount(App);
    await flushPromises();
    expect(calls.filter((c) => c.startsWith('open:'))).toEqual([]);
    expect(wrapper.find('[data-testid="worklist"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('a second launch with one study opens it', async () => {
    const calls: string[] = [];
    const app = desktop(calls, [], { studies: [{ studyInstanceUid: '1.2.5' }], rejected: [] });
    installTransportForTests(app.t);
    const wrapper = mount(App);
    await flushPromises();
    app.secondLaunch(['/data/MR']);
    await flushPromises();
    expect(calls.filter((c) => c.startsWith('open:'))).toEqual(['open:1.2.840.99', 'open:1.2.5']);
    wrapper.unmount();
  });
});
