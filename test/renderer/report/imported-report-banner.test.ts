import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReportView } from '../../../electron/shared/api/channels/report-schemas';
import ImportedReportBanner from '../../../renderer/src/report/ImportedReportBanner.vue';
import { formatLocalTime } from '../../../renderer/src/report/local-time';
import { useReportStore } from '../../../renderer/src/report/stores/report-store';

const hash = 'a'.repeat(64);
const report = (imported: ReportView['imported']): ReportView => ({
  id: 'r1',
  studyInstanceUid: '1.2.3',
  status: 'final',
  author: 'Jane Reader',
  version: 1,
  prior: null,
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T09:00:00.000Z',
  signedBy: 'Jane Reader',
  signedAt: '2026-12-07T09:00:00.000Z',
  contentHash: hash,
  previousHash: null,
  sections: [],
  addenda: [],
  checkSummary: { info: 0, warning: 0, error: 0 },
  imported,
});

describe('the banner over a report imported from a DICOM SR', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('says where it came from, who signed it and when (local time), and that it is read-only', () => {
    const store = useReportStore();
    store.report = report({
      srSopInstanceUid: '2.25.1',
      latestSrSopInstanceUid: '2.25.2',
      segSopInstanceUid: null,
      srDigest: hash,
      source: 'pacs',
      signer: 'Jane Reader',
      signedAt: '2026-12-07T09:00:00.000Z',
      verificationFlag: 'VERIFIED',
      importedAt: '2026-12-07T10:00:00.000Z',
      notes: ['The SEG 2.25.3 was not found: regions restored from the SR alone (boxes, no masks).'],
    });
    const w = mount(ImportedReportBanner);
    const banner = w.get('[data-testid="imported-report-banner"]');
    expect(banner.text()).toContain(`Imported from PACS — signed by Jane Reader on ${formatLocalTime('2026-12-07T09:00:00.000Z')}`);
    expect(banner.text()).toContain('Read-only: not signed on this workstation');
    expect(banner.text()).toContain('SR 2.25.2');
    expect(w.findAll('[data-testid="imported-note"]').map((n) => n.text())).toEqual(['The SEG 2.25.3 was not found: regions restored from the SR alone (boxes, no masks).']);
  });

  it('is absent for a report signed here', () => {
    useReportStore().report = report(null);
    expect(mount(ImportedReportBanner).find('[data-testid="imported-report-banner"]').exists()).toBe(false);
  });
});
