import { join } from 'node:path';
import { artifactsDir, expect, test } from './support/browser-host-fixture';

test('the renderer loads through the browser host and round-trips the API', async ({ page, host }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(host.url);
  // The token was exchanged for a cookie and removed from the address bar.
  await expect(page).toHaveURL(`${host.origin}/`);
  const status = page.getByTestId('connection-status');
  await expect(status).toContainText('Connected');
  await expect(status).toContainText('http');
  await expect(status).toContainText(/\d+\.\d ms/);
  await page.screenshot({ path: join(artifactsDir, 'browser-host-shell.png') });
  expect(consoleErrors).toEqual([]);
});

test('a page without the token gets 401 and no renderer', async ({ page, host }) => {
  const response = await page.goto(`${host.origin}/`);
  expect(response?.status()).toBe(401);
});

test('WebGL2 is available in this Chromium (SwiftShader)', async ({ page, host }) => {
  await page.goto(host.url);
  const hasWebGl2 = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
  expect(hasWebGl2).toBe(true);
});
