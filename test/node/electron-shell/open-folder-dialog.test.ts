/**
 * Issue 13.7: "Open folder…" / "Open files…" in the desktop app. The route shows Electron's open dialog
 * (injected: a recording fake) only for our renderer's main frame, with a checked request, and answers
 * the chosen paths (none when cancelled) within studies.import's limits; the renderer's transport calls
 * it through the generated preload.
 */
import { describe, expect, it } from 'vitest';
import { openDialogOptions, registerOpenFolderDialog, type OpenDialogDeps, type OpenDialogOptions } from '../../../electron/main/open-folder-dialog';
import { buildPreloadBridge } from '../../../electron/preload/build-preload-bridge';
import { desktopChannelNames, desktopIpcChannelFor } from '../../../electron/shared/api/desktop-channels';
import { IMPORT_PATHS_MAX } from '../../../electron/shared/api/channels/study-channels';
import { createHttpTransport } from '../../../renderer/src/api/http-transport';
import { createIpcTransport } from '../../../renderer/src/api/ipc-transport';
import { createFakeIpcPair } from '../../support/fake-ipc';

const TRUSTED = { url: 'app://radground/index.html', parent: null };
const CHANNEL = desktopIpcChannelFor('desktop.chooseImportPaths');

function fakeDialog(answer: { canceled: boolean; filePaths: string[] } | Error): OpenDialogDeps & { shown: OpenDialogOptions[] } {
  const shown: OpenDialogOptions[] = [];
  return {
    shown,
    showOpenDialog: async (options) => {
      shown.push(options);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('desktop.chooseImportPaths', () => {
  it('answers FORBIDDEN to anything but our main frame, without showing a dialog', async () => {
    for (const frame of [null, { url: 'app://radground/index.html', parent: {} }, { url: 'https://evil.example/', parent: null }, { url: 'file:///x.html', parent: null }]) {
      const pair = createFakeIpcPair(frame);
      const dialog = fakeDialog({ canceled: false, filePaths: ['/data/CT'] });
      registerOpenFolderDialog(pair.ipcMain, dialog);
      expect(await pair.ipcRenderer.invoke(CHANNEL, { pick: 'folders' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(dialog.shown).toEqual([]);
    }
  });

  it('answers BAD_REQUEST to a payload the contract refuses', async () => {
    const pair = createFakeIpcPair(TRUSTED);
    const dialog = fakeDialog({ canceled: false, filePaths: ['/data/CT'] });
    registerOpenFolderDialog(pair.ipcMain, dialog);
    for (const payload of [undefined, {}, { pick: 'everything' }, { pick: 'folders', defaultPath: '/etc' }]) {
      expect(await pair.ipcRenderer.invoke(CHANNEL, payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(dialog.shown).toEqual([]);
  });

  it('folders: several folders at once; the chosen paths come back', async () => {
    const pair = createFakeIpcPair(TRUSTED);
    const dialog = fakeDialog({ canceled: false, filePaths: ['/data/CT', '/data/MR'] });
    registerOpenFolderDialog(pair.ipcMain, dialog);
    expect(await pair.ipcRenderer.invoke(CHANNEL, { pick: 'folders' })).toEqual({ ok: true, value: { paths: ['/data/CT', '/data/MR'], omitted: 0 } });
    expect(dialog.shown).toEqual([openDialogOptions('folders')]);
    expect(dialog.shown[0]!.properties).toEqual(['openDirectory', 'multiSelections']);
  });

  it('files: DICOM files, and "All files" for a DICOMDIR (no extension)', () => {
    const options = openDialogOptions('files');
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.filters).toEqual([
      { name: 'DICOM', extensions: ['dcm', 'dicom'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it('cancelled: no paths', async () => {
    const pair = createFakeIpcPair(TRUSTED);
    registerOpenFolderDialog(pair.ipcMain, fakeDialog({ canceled: true, filePaths: ['/ignored'] }));
    expect(await pair.ipcRenderer.invoke(CHANNEL, { pick: 'files' })).toEqual({ ok: true, value: { paths: [], omitted: 0 } });
  });

  it(`more than ${IMPORT_PATHS_MAX} files: the first ones, the rest counted; repeats and empty/over-long paths dropped`, async () => {
    const pair = createFakeIpcPair(TRUSTED);
    const chosen = Array.from({ length: IMPORT_PATHS_MAX + 20 }, (_, i) => `/data/CT/${i}.dcm`);
    registerOpenFolderDialog(pair.ipcMain, fakeDialog({ canceled: false, filePaths: [...chosen, chosen[0]!, '', `/${'x'.repeat(5000)}`] }));
    const envelope = (await pair.ipcRenderer.invoke(CHANNEL, { pick: 'files' })) as { ok: true; value: { paths: string[]; omitted: number } };
    expect(envelope.value.paths).toEqual(chosen.slice(0, IMPORT_PATHS_MAX));
    expect(envelope.value.omitted).toBe(22);
  });

  it('a dialog that fails is an INTERNAL error', async () => {
    const pair = createFakeIpcPair(TRUSTED);
    registerOpenFolderDialog(pair.ipcMain, fakeDialog(new Error('no window')));
    expect(await pair.ipcRenderer.invoke(CHANNEL, { pick: 'folders' })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'desktop.chooseImportPaths failed: no window' } });
  });

  it('renderer: the desktop transport calls it through the generated preload; the browser transport has no such method', async () => {
    const pair = createFakeIpcPair(TRUSTED);
    registerOpenFolderDialog(pair.ipcMain, fakeDialog({ canceled: false, filePaths: ['/data/CT'] }));
    const bridge = buildPreloadBridge(pair.ipcRenderer);
    expect(Object.keys(bridge.desktop)).toEqual(desktopChannelNames);
    expect(desktopChannelNames).toContain('desktop.chooseImportPaths');
    expect(await createIpcTransport(bridge).chooseImportPaths!('folders')).toEqual({ paths: ['/data/CT'], omitted: 0 });
    const http = createHttpTransport({ baseUrl: 'http://127.0.0.1:9', fetch: async () => new Response('{}') });
    expect(http.chooseImportPaths).toBeUndefined();
    expect(http.launchPaths).toBeUndefined();
  });

  it('renderer: an answer outside the contract is refused', async () => {
    const bridge = buildPreloadBridge({ invoke: async () => ({ ok: true, value: { paths: [42], omitted: 0 } }), on: () => {}, removeListener: () => {} });
    await expect(createIpcTransport(bridge).chooseImportPaths!('folders')).rejects.toMatchObject({ code: 'INTERNAL', channel: 'desktop.chooseImportPaths' });
  });
});
