import { ApiCallError } from '../../../electron/shared/api/envelope';
import type { PreloadBridge } from '../../../electron/shared/api/preload-bridge';
import type { ApiTransport } from './api-transport';

export function createIpcTransport(bridge: PreloadBridge): ApiTransport {
  return {
    kind: 'ipc',
    invoke: (channel, payload) => bridge.api[channel](payload),
    subscribe: (listener) => bridge.onEvent(listener),
    importPathsForFiles: async (files) => files.map((f) => bridge.pathForFile(f.file)).filter((p) => p !== ''),
    saveReportPdf: async (reportId) => {
      const envelope = await bridge.desktop['desktop.saveReportPdf']({ reportId });
      if (!envelope.ok) throw new ApiCallError('desktop.saveReportPdf', envelope.error);
      return envelope.value as { saved: boolean; fileName: string | null };
    },
  };
}
