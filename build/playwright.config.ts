import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_WITHOUT_GPU_ARGS } from './chromium-without-gpu';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Debian's chromium; never a browser downloaded by a test tool. */
const chromiumPath = process.env.RADGROUND_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: `${root}/test`,
  outputDir: `${root}/test-results/playwright`,
  timeout: 120_000,
  workers: 1,
  reporter: [['list'], [`${root}/build/playwright-skip-reasons.ts`]],
  projects: [
    {
      name: 'chromium',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
            // WebGL2 through SwiftShader, the window composited in software: a machine without a GPU.
            ...CHROMIUM_WITHOUT_GPU_ARGS,
          ],
        },
      },
    },
    {
      name: 'electron',
      testMatch: 'electron/**/*.spec.ts',
    },
  ],
});
