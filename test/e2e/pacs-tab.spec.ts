/**
 * The worklist's PACS tab against a real Orthanc (test/support/orthanc.ts) seeded with the A0001
 * chest CT: add the node through the UI, search by patient ID, retrieve the study with progress,
 * then find it in the local worklist and open it. Then the report panel's send status: a report
 * signed with two send-after-signing nodes, the Orthanc and a port nothing listens on.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort, NO_ORTHANC_REASON, requireOrthanc, startOrthanc, type TestOrthanc } from '../support/orthanc';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../support/shared-data';
import { artifactsDir, expect, startHost, test } from './support/browser-host-fixture';

const hasData = requireSharedData();
const hasOrthanc = requireOrthanc();
const A0001 = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');

test.describe('PACS tab with a real Orthanc', () => {
  test.skip(!hasData, NO_SHARED_DATA_REASON);
  test.skip(!hasOrthanc, NO_ORTHANC_REASON);
  let orthanc: TestOrthanc;
  let seeded = 0;

  test.beforeAll(async () => {
    orthanc = await startOrthanc();
    const files = readdirSync(A0001).filter((f) => f.endsWith('.dcm')).map((f) => join(A0001, f));
    await orthanc.seed(files);
    seeded = files.length;
  });
  test.afterAll(async () => orthanc?.stop());

  test('add a node, search by patient ID, retrieve with progress, open the study from the worklist', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByTestId('worklist-row')).toHaveCount(0);
    await page.getByTestId('pacs-details').locator('summary').click();

    // The node, as a user sets it: the DICOMweb root, no auth.
    await page.getByTestId('pacs-new-url').fill(orthanc.dicomWeb);
    await page.getByTestId('pacs-add-node').click();
    await expect(page.getByTestId('pacs-node')).toHaveValue(/^node-/);
    await expect(page.getByTestId('pacs-node').locator('option')).toHaveText([new URL(orthanc.dicomWeb).host]);

    await page.getByTestId('pacs-patient').fill('Lung_Dx-A0001');
    await page.getByTestId('pacs-search').click();
    const row = page.getByTestId('pacs-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Lung_Dx-A0001');
    await expect(row).toContainText('CT');
    await expect(row).toContainText(String(seeded));

    // Every progress text the bar shows, recorded as the DOM changes (a fast retrieve shows it briefly).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { pacsProgressSeen: string[] }).pacsProgressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="pacs-progress"] span')?.textContent?.trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await row.getByTestId('pacs-retrieve').click();
    await expect(row).toContainText('local', { timeout: 60_000 });
    await expect(page.getByTestId('pacs-progress')).toHaveCount(0);
    const seen = await page.evaluate(() => (window as unknown as { pacsProgressSeen: string[] }).pacsProgressSeen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(`${seeded} / ${seeded} images`);
    const counts = seen.map((s) => Number(s.split(' ')[0]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));

    // The retrieved study is in the local worklist and opens in the viewer.
    const local = page.getByTestId('worklist-row');
    await expect(local).toHaveCount(1);
    await expect(local).toContainText('Lung_Dx-A0001');
    await local.dblclick();
    await expect(page.getByTestId('study-patient')).toHaveText('Lung_Dx-A0001');
    await expect(page.getByTestId('series-item')).toHaveCount(1);
    await expect(page.getByTestId('series-item')).toContainText(`512×512×${seeded}`);
    await expect(page.getByTestId('reading-viewer')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
    await page.screenshot({ path: join(artifactsDir, 'pacs-retrieved-open.png') });
  });

  test('after signing, the report panel shows each node\'s send: sent at <time>, and a failing one stays with its reason and "Retry now"', async ({ page }) => {
    test.setTimeout(180_000);
    const running = await startHost(); // its own data folder: no node from the test before
    try {
      const host = running.host;
      const imported = await page.request.post(`${host.origin}/api/call/studies.import`, { data: { paths: [A0001] }, headers: { authorization: `Bearer ${host.token}` } });
      expect(imported.ok()).toBe(true);
      const dead = `http://127.0.0.1:${await freeLoopbackPort()}/dicom-web`;
      await page.goto(host.url);
      await page.getByTestId('pacs-details').locator('summary').click();
      for (const url of [orthanc.dicomWeb, dead]) {
        await page.getByTestId('pacs-new-url').fill(url);
        await page.getByTestId('pacs-new-send').check();
        await page.getByTestId('pacs-add-node').click();
        await expect(page.getByTestId('pacs-node').locator('option', { hasText: new URL(url).host })).toContainText('receives signed reports');
      }

      await page.getByTestId('worklist-row').filter({ hasText: 'Lung_Dx-A0001' }).dblclick();
      const panel = page.getByTestId('report-panel');
      await panel.getByTestId('create-report').click();
      await panel.getByTestId('signer').fill('Dr Send Test');
      await panel.getByTestId('sign-report').click();
      await expect(panel.getByTestId('signed-by')).toContainText('Dr Send Test');

      const sent = panel.locator(`[data-testid="send-row"][data-node]`, { hasText: new URL(orthanc.dicomWeb).host });
      const failing = panel.locator(`[data-testid="send-row"][data-node]`, { hasText: new URL(dead).host });
      await expect(sent).toHaveAttribute('data-state', 'sent', { timeout: 60_000 });
      await expect(sent.getByTestId('send-text')).toHaveText(/^sent at .+/);
      await expect(failing).toHaveAttribute('data-state', 'retrying', { timeout: 60_000 });
      await expect(failing.getByTestId('send-text')).toHaveText(/^failed: .*ECONNREFUSED.*, retrying at .+/);

      // The Orthanc holds the report's SR in the study.
      const srSeries = (await (await fetch(`${orthanc.dicomWeb}/series?Modality=SR`, { headers: { Accept: 'application/dicom+json' } })).json()) as unknown[];
      expect(srSeries.length).toBeGreaterThan(0);

      // Retry now: tried again at once (before the backoff would have), fails again, and stays listed.
      const nodeId = (await failing.getAttribute('data-node'))!;
      const call = async (channel: string, data: object) =>
        (await (await page.request.post(`${host.origin}/api/call/${channel}`, { data, headers: { authorization: `Bearer ${host.token}` } })).json()).value;
      const sendOf = async () => ((await call('pacs.sends', {})).sends as { nodeId: string; attempts: number; nextAttemptAt: string; status: string }[]).find((x) => x.nodeId === nodeId)!;
      let current = await sendOf();
      if (Date.parse(current.nextAttemptAt) - Date.now() < 3000) {
        const attempts = current.attempts; // the backoff's own retry is about to run: let it, then click
        await expect.poll(async () => (await sendOf()).attempts, { timeout: 30_000 }).toBeGreaterThan(attempts);
        current = await sendOf();
      }
      await failing.getByTestId('send-action').click();
      await expect.poll(async () => (await sendOf()).attempts, { timeout: Math.max(1000, Date.parse(current.nextAttemptAt) - Date.now() - 500) }).toBe(current.attempts + 1);
      await expect(failing).toHaveAttribute('data-state', 'retrying');
      await expect(failing.getByTestId('send-text')).toHaveText(/^failed: .*ECONNREFUSED.*, retrying at .+/);
      await expect(failing.getByTestId('send-action')).toHaveText('Retry now');
      await page.screenshot({ path: join(artifactsDir, 'pacs-send-status.png') });
    } finally {
      await running.stop();
    }
  });
});
