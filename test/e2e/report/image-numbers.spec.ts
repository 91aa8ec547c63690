import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { artifactsDir, expect, startHost, test } from '../support/browser-host-fixture';
import { viewerCall } from '../viewer/support/viewer-page';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';

// With CI=true, missing real data fails this spec instead of skipping it.
const hasData = requireSharedData();

/**
 * One image numbering, on a real CT whose InstanceNumbers run opposite to its stack positions
 * (A0001: slice k of 64 is image 65 - k): the image a drafted sentence cites is the image the
 * viewer's axial label shows once the sentence is hovered, and typing that number goes back there.
 */
const a0001 = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 900 } });

let stop: (() => Promise<void>) | undefined;
let page: Page;

test.beforeAll(async ({ browser }) => {
  test.skip(!hasData, NO_SHARED_DATA_REASON);
  test.setTimeout(300_000);
  const started = await startHost();
  stop = started.stop;
  page = await browser.newPage();
  await page.goto(started.host.url);
  await page.getByTestId('import-path').fill(a0001);
  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 64 new images', { timeout: 60_000 });
  await page.getByTestId('worklist-row').first().dblclick();
  await expect(page.getByTestId('reading-viewer')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
});
test.afterAll(async () => {
  await page?.close();
  await stop?.();
});

const axialLabel = () => page.getByTestId('slice-info-axial');

test('the image a drafted sentence cites is the image the viewer shows when the sentence is hovered', async () => {
  test.setTimeout(240_000);
  await page.getByTestId('draft-report').click();
  await expect(page.getByTestId('report-status')).toHaveText('draft', { timeout: 200_000 });
  const texts = await page.getByTestId('sentence-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  const index = texts.findIndex((t) => /\(series \d+, image \d+\)/.test(t));
  expect(index, `a sentence citing an image among: ${texts.join(' | ')}`).toBeGreaterThanOrEqual(0);
  const cited = Number(/\(series \d+, image (\d+)\)/.exec(texts[index]!)![1]);

  // Somewhere else first, so that the hover has to move the planes.
  await viewerCall(page, 'goToImage', cited > 32 ? 1 : 64);
  await expect(axialLabel()).not.toHaveAttribute('data-image', String(cited));
  await page.getByTestId('report-sentence').nth(index).hover();
  await expect(axialLabel()).toHaveAttribute('data-image', String(cited), { timeout: 20_000 });
  const label = (await axialLabel().textContent())!.trim();
  const m = /^Im (\d+) \((\d+)\/64\)$/.exec(label);
  expect(m, label).not.toBeNull();
  expect(Number(m![1])).toBe(cited);
  // A0001 numbers its images from the top: the position shown beside the number is another number.
  expect(Number(m![2])).toBe(65 - cited);
  // The reformatted planes have no source image: position only.
  await expect(page.getByTestId('slice-info-coronal')).toHaveText(/^Im \d+ \/ \d+$/);
  await page.screenshot({ path: join(artifactsDir, 'image-number-hover.png') });
});

test('typing the cited image number in the viewer lands on that image', async () => {
  const cited = Number(await axialLabel().getAttribute('data-image'));
  const slice = await axialLabel().getAttribute('data-slice');
  await page.mouse.move(0, 0);
  await viewerCall(page, 'goToImage', cited > 32 ? 1 : 64);
  await expect(axialLabel()).not.toHaveAttribute('data-slice', slice!);
  const box = page.getByTestId('go-to-image');
  await box.fill(String(cited));
  await box.press('Enter');
  await expect(axialLabel()).toHaveAttribute('data-image', String(cited));
  await expect(axialLabel()).toHaveAttribute('data-slice', slice!);
  await box.fill('999');
  await box.press('Enter');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(axialLabel()).toHaveAttribute('data-slice', slice!);
});
