import { desktopContract, type DesktopChannelName, type DesktopRequestOf, type DesktopResponseOf } from '../../../electron/shared/api/desktop-channels';
import { ApiCallError } from '../../../electron/shared/api/envelope';
import type { PreloadBridge } from '../../../electron/shared/api/preload-bridge';
import type { ApiTransport } from './api-transport';

/** A desktop channel's answer, checked against its contract; an error envelope becomes a thrown ApiCallError. */
async function callDesktop<C extends DesktopChannelName>(bridge: PreloadBridge, name: C, request: DesktopRequestOf<C>): Promise<DesktopResponseOf<C>> {
  const envelope = await bridge.desktop[name](request);
  if (!envelope.ok) throw new ApiCallError(name, envelope.error);
  const value = desktopContract[name].response.safeParse(envelope.value);
  if (!value.success) throw new ApiCallError(name, { code: 'INTERNAL', message: `${name} answered outside its contract` });
  return value.data as DesktopResponseOf<C>;
}

export function createIpcTransport(bridge: PreloadBridge): ApiTransport {
  return {
    kind: 'ipc',
    invoke: (channel, payload) => bridge.api[channel](payload),
    subscribe: (listener) => bridge.onEvent(listener),
    importPathsForFiles: async (files) => files.map((f) => bridge.pathForFile(f.file)).filter((p) => p !== ''),
    saveReportPdf: (reportId) => callDesktop(bridge, 'desktop.saveReportPdf', { reportId }),
    chooseImportPaths: (pick) => callDesktop(bridge, 'desktop.chooseImportPaths', { pick }),
    launchPaths: {
      take: async () => (await callDesktop(bridge, 'desktop.takeLaunchPaths', {})).paths,
      onPending: (listener) =>
        bridge.onDesktopEvent((event) => {
          if (event.type === 'launchPaths.pending') listener();
        }),
    },
  };
}
