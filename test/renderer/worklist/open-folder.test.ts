/**
 * Issue 13.7 in the worklist: "Open folder…" / "Open files…" appear where the transport has the desktop
 * open dialog (the IPC transport) and import what it answers, as a typed path is imported; the browser
 * host keeps the path field alone. The folders and files the desktop app is opened with are imported the
 * same way, once each, when the app starts and each time the main process says more have come.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../electron/shared/api/contract';
import type { ImportSummary } from '../../../electron/shared/api/channels/study-channels';
import type { ApiTransport } from '../../../renderer/src/api/api-transport';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import WorklistView from '../../../renderer/src/worklist/WorklistView.vue';
import { useWorklistStore } from '../../../renderer/src/worklist/stores/worklist-store';

const summary = (paths: string[]): ImportSummary =>
  ({
    added: { studies: 1, series: 1, instances: paths.length * 10 },
    studies: [{ studyInstanceUid: '1.2.3' }],
    rejected: [{ path: '/data/notes.txt', code: 'NOT_DICOM', reason: 'not a DICOM file' }],
  }) as unknown as ImportSummary;

function transport(kind: 'ipc' | 'http', imports: unknown[], dialog: Array<{ paths: string[]; omitted: number }> = []) {
  let launchPending: string[] = [];
  let pendingListener: (() => void) | null = null;
  const t: ApiTransport = {
    kind,
    async invoke(channel: ChannelName, payload: unknown) {
      if (channel === 'studies.import') {
        imports.push(payload);
        return { ok: true, value: summary((payload as { paths: string[] }).paths) };
      }
      if (channel === 'studies.list') return { ok: true, value: { rows: [], total: 0 } };
      return { ok: false, error: { code: 'NOT_FOUND', message: channel } };
    },
    subscribe: () => () => undefined,
    importPathsForFiles: async () => [],
  };
  if (kind === 'ipc') {
    t.chooseImportPaths = async () => dialog.shift() ?? { paths: [], omitted: 0 };
    t.launchPaths = {
      take: async () => {
        const taken = launchPending;
        launchPending = [];
        return taken;
      },
      onPending: (listener) => {
        pendingListener = listener;
        return () => (pendingListener = null);
      },
    };
  }
  return {
    t,
    /** What the main process does on a second launch: the paths wait, the renderer is told. */
    launch(paths: string[]) {
      launchPending = [...launchPending, ...paths];
      pendingListener?.();
    },
    listening: () => pendingListener !== null,
  };
}

describe('worklist: desktop open dialog', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('desktop: "Open folder…" imports the chosen folders and shows the result and the rejected files', async () => {
    const imports: unknown[] = [];
    installTransportForTests(transport('ipc', imports, [{ paths: ['/data/CT', '/data/MR'], omitted: 0 }]).t);
    const wrapper = mount(WorklistView);
    await flushPromises();
    expect(wrapper.find('[data-testid="import-path"]').exists()).toBe(true);
    await wrapper.get('[data-testid="open-folder"]').trigger('click');
    await flushPromises();
    expect(imports).toEqual([{ paths: ['/data/CT', '/data/MR'] }]);
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain('Imported 20 new images in 1 studies');
    expect(wrapper.findAll('[data-testid="rejected-file"]').map((r) => r.attributes('data-code'))).toEqual(['NOT_DICOM']);
    wrapper.unmount();
  });

  it('desktop: a cancelled dialog imports nothing; "Open files…" asks for files; too many are reported', async () => {
    const imports: unknown[] = [];
    const asked: string[] = [];
    const { t } = transport('ipc', imports, [
      { paths: [], omitted: 0 },
      { paths: ['/data/a.dcm'], omitted: 3 },
    ]);
    const choose = t.chooseImportPaths!;
    t.chooseImportPaths = (pick) => (asked.push(pick), choose(pick));
    installTransportForTests(t);
    const wrapper = mount(WorklistView);
    await flushPromises();
    await wrapper.get('[data-testid="open-folder"]').trigger('click');
    await flushPromises();
    expect(imports).toEqual([]);
    await wrapper.get('[data-testid="open-files"]').trigger('click');
    await flushPromises();
    expect(asked).toEqual(['folders', 'files']);
    expect(imports).toEqual([{ paths: ['/data/a.dcm'] }]);
    expect(wrapper.get('[role="alert"]').text()).toContain('3 of the chosen paths were not imported');
    wrapper.unmount();
  });

  it('browser host: no open-dialog buttons; the path field imports as before', async () => {
    const imports: unknown[] = [];
    installTransportForTests(transport('http', imports).t);
    const wrapper = mount(WorklistView);
    await flushPromises();
    expect(wrapper.find('[data-testid="open-folder"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="open-files"]').exists()).toBe(false);
    await wrapper.get('[data-testid="import-path"]').setValue('/data/CT\n/data/MR');
    await wrapper.get('form.import').trigger('submit');
    await flushPromises();
    expect(imports).toEqual([{ paths: ['/data/CT', '/data/MR'] }]);
    wrapper.unmount();
  });
});

describe('worklist: paths the desktop app is opened with', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('imports the first launch\'s paths once, then each second launch\'s, telling the caller before each import', async () => {
    const imports: unknown[] = [];
    const fake = transport('ipc', imports);
    installTransportForTests(fake.t);
    const store = useWorklistStore();
    const before: number[] = [];
    fake.launch(['/data/first']);
    const stop = store.followLaunchPaths(() => before.push(imports.length));
    expect(await store.importLaunchPaths(() => before.push(imports.length))).toBe(true);
    expect(await store.importLaunchPaths()).toBe(false);
    fake.launch(['/data/second', '/data/second.dcm']);
    await flushPromises();
    expect(imports).toEqual([{ paths: ['/data/first'] }, { paths: ['/data/second', '/data/second.dcm'] }]);
    expect(before).toEqual([0, 1]);
    expect(store.lastImport?.added.instances).toBe(20);
    stop();
    expect(fake.listening()).toBe(false);
  });

  it('browser host: nothing to take, nothing followed', async () => {
    const imports: unknown[] = [];
    installTransportForTests(transport('http', imports).t);
    const store = useWorklistStore();
    expect(await store.importLaunchPaths()).toBe(false);
    store.followLaunchPaths()();
    expect(imports).toEqual([]);
  });
});
