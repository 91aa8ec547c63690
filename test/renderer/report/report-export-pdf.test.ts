/**
 * The Export menu's PDF entry: "PDF" in the desktop app (the transport has the main process's
 * printToPDF route: it is called with the report, the HTML is not fetched), "Print / Save as PDF" in the
 * browser host (the HTML export goes to the print frame).
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiTransport } from '../../../renderer/src/api/api-transport';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import ReportExport from '../../../renderer/src/report/ReportExport.vue';
import { useReportStore } from '../../../renderer/src/report/stores/report-store';

function transport(kind: 'ipc' | 'http', calls: string[]): ApiTransport {
  const base: ApiTransport = {
    kind,
    async invoke(channel) {
      calls.push(channel);
      if (channel === 'reports.exportHtml') return { ok: true, value: { html: '<!doctype html><p>report</p>' } };
      return { ok: false, error: { code: 'NOT_FOUND', message: channel } };
    },
    subscribe: () => () => undefined,
    importPathsForFiles: async () => [],
  };
  if (kind === 'ipc') base.saveReportPdf = async (reportId) => (calls.push(`saveReportPdf:${reportId}`), { saved: true, fileName: 'r.pdf' });
  return base;
}

describe('Export menu: PDF', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('desktop: "PDF" saves through the main process, without fetching the HTML here', async () => {
    const calls: string[] = [];
    installTransportForTests(transport('ipc', calls));
    useReportStore().report = { id: 'r1' } as never;
    const wrapper = mount(ReportExport);
    const button = wrapper.get('[data-testid="export-pdf"]');
    expect(button.text()).toBe('PDF…');
    await button.trigger('click');
    await flushPromises();
    expect(calls).toEqual(['saveReportPdf:r1']);
    expect(document.querySelector('[data-testid="print-frame"]')).toBeNull();
  });

  it('browser host: "Print / Save as PDF" prints the HTML export from a frame', async () => {
    const calls: string[] = [];
    installTransportForTests(transport('http', calls));
    useReportStore().report = { id: 'r1' } as never;
    // The test DOM has no printing: the frame's window records the print call instead.
    const print = vi.fn();
    const contentWindow = vi.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockReturnValue({ focus: () => {}, print } as unknown as Window);
    const wrapper = mount(ReportExport, { attachTo: document.body });
    const button = wrapper.get('[data-testid="export-pdf"]');
    expect(button.text()).toBe('Print / Save as PDF…');
    await button.trigger('click');
    await flushPromises();
    expect(calls).toEqual(['reports.exportHtml']);
    const frame = document.querySelector<HTMLIFrameElement>('[data-testid="print-frame"]')!;
    expect(frame.getAttribute('srcdoc')).toBe('<!doctype html><p>report</p>');
    await vi.waitFor(() => expect(print).toHaveBeenCalledTimes(1)); // once the frame has loaded
    contentWindow.mockRestore();
    frame.remove();
    wrapper.unmount();
  });
});
