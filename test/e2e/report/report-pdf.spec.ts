import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from '@playwright/test';
import { PRINT_TO_PDF_OPTIONS } from '../../../electron/main/pdf-export';
import { pdfText } from '../../support/pdf-text';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { hostOfThisFile, test } from '../support/browser-host-fixture';

const hasData = requireSharedData();

/**
 * Issue 14.5 (PDF): the report's HTML export paginates into a PDF in Chromium. The desktop app prints that
 * same HTML with webContents.printToPDF in a window with JavaScript off and no network; here Debian's
 * Chromium does the same with page.pdf (same options) in a context with JavaScript off and offline, and
 * the PDF's text must hold the patient header and every sentence. The browser host offers the print dialog.
 */
const ownHost = hostOfThisFile(hasData);

test('the HTML export prints to a PDF holding the patient header and the sentences; the host offers "Print / Save as PDF"', async ({ page, browser }) => {
  test.skip(!hasData, NO_SHARED_DATA_REASON);
  const host = ownHost.current;
  const call = async (channel: string, data: unknown) => {
    const res = await page.request.post(`${host.origin}/api/call/${channel}`, { data, headers: { authorization: `Bearer ${host.token}` } });
    const body = (await res.json()) as { ok: boolean; value: unknown };
    expect(body.ok, channel).toBe(true);
    return body.value as Record<string, unknown>;
  };
  const summary = (await call('studies.import', { paths: [sharedData('cxr', 'siim_CR_jpegbaseline.dcm')] })) as { studies: Array<{ studyInstanceUid: string }> };
  expect(summary.studies).toHaveLength(1);
  const report = (await call('reports.create', { studyInstanceUid: summary.studies[0]!.studyInstanceUid })) as { id: string };
  await call('reports.addSentence', { reportId: report.id, section: 'indication', text: 'Cough for two weeks, query pneumothorax.' });
  await call('reports.addSentence', { reportId: report.id, section: 'impression', text: 'No pneumothorax on this radiograph.' });
  const view = (await call('reports.get', { reportId: report.id })) as { sections: Array<{ sentences: Array<{ text: string }> }> };
  const sentences = view.sections.flatMap((s) => s.sentences.map((x) => x.text));
  expect(sentences.length).toBeGreaterThan(3);
  const { html } = (await call('reports.exportHtml', { reportId: report.id })) as { html: string };

  // The host's export menu: the browser's print dialog.
  await page.goto(host.url);
  await page.getByTestId('worklist-row').first().dblclick();
  await expect(page.getByTestId('export-pdf')).toHaveText('Print / Save as PDF…');

  // The same HTML, printed as the desktop app prints it: JavaScript off, offline, printToPDF's options.
  const dir = mkdtempSync(join(tmpdir(), 'radground-pdf-e2e-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const printing = await context.newPage();
    await printing.goto(pathToFileURL(file).toString());
    const pdf = await printing.pdf({ format: PRINT_TO_PDF_OPTIONS.pageSize, printBackground: PRINT_TO_PDF_OPTIONS.printBackground, preferCSSPageSize: PRINT_TO_PDF_OPTIONS.preferCSSPageSize, displayHeaderFooter: false });
    writeFileSync(join(dir, 'report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const text = pdfText(pdf);
    // Whitespace aside, and ligature glyphs (ﬀ, ﬁ: the ToUnicode maps name the ligature) read as their letters.
    const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
    // The header: its labels and the patient's values as the HTML states them.
    const header = [...html.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)].map((m): [string, string] => [m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')]);
    const patientRows = header.filter(([k]) => ['Patient', 'Patient ID', 'Birth date', 'Sex', 'Accession', 'Study date'].includes(k));
    expect(patientRows.map(([k]) => k)).toEqual(expect.arrayContaining(['Patient', 'Patient ID']));
    for (const [label, value] of patientRows) {
      expect(squash(text), label).toContain(squash(label));
      expect(squash(text), `${label}: ${value}`).toContain(squash(value));
    }
    for (const sentence of sentences) expect(squash(text), sentence).toContain(squash(sentence));
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
